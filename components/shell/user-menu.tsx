"use client";

import { LogOut, MonitorOff } from "lucide-react";
import { useTransition } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";

export function UserMenu({
  name,
  email,
  role,
  signOut,
  signOutEverywhere,
}: {
  name: string;
  email: string;
  role: "admin" | "staff";
  signOut: (input: Record<string, never>) => Promise<unknown>;
  signOutEverywhere: (input: Record<string, never>) => Promise<unknown>;
}) {
  const [pending, startTransition] = useTransition();
  return (
    <div className="flex items-center gap-1 sm:gap-3">
      <div className="hidden text-right sm:block">
        <p className="text-sm leading-tight font-medium text-slate-900">{name}</p>
        <p className="text-xs leading-tight text-slate-500">{email}</p>
      </div>
      <Badge tone={role === "admin" ? "info" : "neutral"}>{role === "admin" ? "Admin" : "Staff"}</Badge>
      <Button
        variant="ghost"
        size="sm"
        disabled={pending}
        onClick={() => startTransition(async () => void (await signOut({})))}
      >
        <LogOut aria-hidden />
        {/* On a phone the icons carry the bar; the names stay for screen readers and tests. */}
        <span className="sr-only sm:not-sr-only">Sign out</span>
      </Button>
      <ConfirmDialog
        trigger={
          <Button variant="ghost" size="sm" disabled={pending}>
            <MonitorOff aria-hidden />
            <span className="sr-only sm:not-sr-only">Sign out everywhere</span>
          </Button>
        }
        title="Sign out everywhere?"
        description="Every browser signed in as you is signed out, this one too. Use it if a device was lost or shared."
        confirmLabel="Sign out everywhere"
        pending={pending}
        onConfirm={() => startTransition(async () => void (await signOutEverywhere({})))}
      />
    </div>
  );
}
