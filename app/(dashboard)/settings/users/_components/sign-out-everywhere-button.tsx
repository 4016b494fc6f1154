"use client";

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { signOutUserEverywhere } from "../actions";

export function SignOutEverywhereButton({
  userId,
  name,
  disabled,
}: {
  userId: string;
  name: string;
  disabled: boolean;
}) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="flex flex-col items-end gap-1">
      <ConfirmDialog
        trigger={
          <Button variant="secondary" disabled={disabled || pending}>
            Sign out everywhere
          </Button>
        }
        title={`Sign ${name} out everywhere?`}
        description="Every browser signed in to this account is signed out at once. They can sign in again with their password."
        confirmLabel="Sign out everywhere"
        pending={pending}
        onConfirm={() =>
          startTransition(async () => {
            setError(null);
            const result = await signOutUserEverywhere({ userId });
            if (!result.ok) setError(result.message);
          })
        }
      />
      {error ? (
        <p role="alert" className="text-xs text-red-600">
          {error}
        </p>
      ) : null}
    </div>
  );
}
