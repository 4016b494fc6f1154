"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog, Dialog } from "@/components/ui/dialog";
import { Form } from "@/components/ui/form";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { applyActionErrors } from "@/lib/ui/form-errors";
import { changeUserRole, resetUserPassword, setUserActive } from "../actions";
import { resetPasswordSchema, type ResetPasswordInput } from "../schema";

interface Row {
  id: string;
  name: string;
  role: "admin" | "staff";
  active: boolean;
}

export function UserRowActions({
  user,
  isSelf,
  lastAdmin,
}: {
  user: Row;
  isSelf: boolean;
  /** The only active admin: "Make staff" is not offered (the server refuses it too). */
  lastAdmin: boolean;
}) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const run = (action: () => Promise<{ ok: boolean; message?: string }>) =>
    startTransition(async () => {
      setError(null);
      const result = await action();
      if (!result.ok) setError(result.message ?? "That didn't work.");
    });
  const otherRole = user.role === "admin" ? "staff" : "admin";

  return (
    <div className="flex flex-col items-end gap-1">
      <div className="flex flex-wrap justify-end gap-1">
        {lastAdmin ? (
          <Button variant="ghost" size="sm" disabled aria-describedby={`last-admin-${user.id}`}>
            Make staff
          </Button>
        ) : (
          <ConfirmDialog
            trigger={
              <Button variant="ghost" size="sm" disabled={pending}>
                {user.role === "admin" ? "Make staff" : "Make admin"}
              </Button>
            }
            title={`Make ${user.name} ${otherRole === "admin" ? "an admin" : "staff"}?`}
            description={
              otherRole === "admin"
                ? "Admins manage the Xero connection, its settings and other users."
                : "They will no longer manage Xero or other users. They are signed out so the change applies at once."
            }
            confirmLabel={otherRole === "admin" ? "Make admin" : "Make staff"}
            tone="primary"
            onConfirm={() => run(() => changeUserRole({ userId: user.id, role: otherRole }))}
          />
        )}
        <ResetPasswordDialog user={user} />
        {isSelf ? null : user.active ? (
          <ConfirmDialog
            trigger={
              <Button variant="ghost" size="sm" className="text-red-700" disabled={pending}>
                Deactivate
              </Button>
            }
            title={`Deactivate ${user.name}?`}
            description="They are signed out at once and can't sign in until an admin reactivates them. Their history stays."
            confirmLabel="Deactivate"
            onConfirm={() => run(() => setUserActive({ userId: user.id, active: false }))}
          />
        ) : (
          <Button
            variant="ghost"
            size="sm"
            disabled={pending}
            onClick={() => run(() => setUserActive({ userId: user.id, active: true }))}
          >
            Reactivate
          </Button>
        )}
      </div>
      {lastAdmin ? (
        <p id={`last-admin-${user.id}`} className="max-w-xs text-right text-xs text-slate-500">
          The only admin: make someone else an admin before making {isSelf ? "yourself" : "them"} staff.
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="max-w-xs text-xs text-red-600">
          {error}
        </p>
      ) : null}
    </div>
  );
}

function ResetPasswordDialog({ user }: { user: Row }) {
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const form = useForm<ResetPasswordInput>({
    resolver: zodResolver(resetPasswordSchema),
    defaultValues: { userId: user.id, password: "" },
  });
  const onSubmit = form.handleSubmit(async (values) => {
    setMessage(null);
    const result = await resetUserPassword(values);
    if (result.ok) {
      form.reset({ userId: user.id, password: "" });
      setOpen(false);
    } else setMessage(applyActionErrors(form, result));
  });
  return (
    <Dialog
      open={open}
      onOpenChange={setOpen}
      trigger={
        <Button variant="ghost" size="sm">
          Reset password
        </Button>
      }
      title={`Reset ${user.name}'s password`}
      description="Their other sessions are signed out. Give them the new password in person or by phone."
    >
      <Form onSubmit={onSubmit} className="space-y-4 text-left">
        {message ? (
          <Alert tone="danger" role="alert">
            {message}
          </Alert>
        ) : null}
        <FormField
          label="New password"
          error={form.formState.errors.password?.message}
          hint="At least 10 characters."
        >
          <Input type="password" autoComplete="new-password" {...form.register("password")} />
        </FormField>
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={() => setOpen(false)}>
            Cancel
          </Button>
          <Button type="submit" disabled={form.formState.isSubmitting}>
            Set password
          </Button>
        </div>
      </Form>
    </Dialog>
  );
}
