"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { UserPlus } from "lucide-react";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Form } from "@/components/ui/form";
import { FormField } from "@/components/ui/form-field";
import { Input, Select } from "@/components/ui/input";
import { applyActionErrors } from "@/lib/ui/form-errors";
import { createUser } from "../actions";
import { createUserSchema, type CreateUserInput } from "../schema";

export function CreateUserDialog() {
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const form = useForm<CreateUserInput>({
    resolver: zodResolver(createUserSchema),
    defaultValues: { name: "", email: "", role: "staff", password: "" },
  });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setMessage(null);
    const result = await createUser(values);
    if (result.ok) {
      form.reset();
      setOpen(false);
    } else {
      setMessage(applyActionErrors(form, result));
    }
  });

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) setMessage(null);
      }}
      trigger={
        <Button>
          <UserPlus aria-hidden />
          Add user
        </Button>
      }
      title="Add a user"
      description="They sign in with this email and password; ask them to keep the password private."
    >
      <Form onSubmit={onSubmit} className="space-y-4">
        {message ? (
          <Alert tone="danger" role="alert">
            {message}
          </Alert>
        ) : null}
        <FormField label="Name" error={errors.name?.message}>
          <Input autoComplete="off" {...form.register("name")} />
        </FormField>
        <FormField label="Email" error={errors.email?.message}>
          <Input type="email" autoComplete="off" {...form.register("email")} />
        </FormField>
        <FormField label="Role" error={errors.role?.message}>
          <Select {...form.register("role")}>
            <option value="staff">Staff</option>
            <option value="admin">Admin</option>
          </Select>
        </FormField>
        <FormField label="Password" error={errors.password?.message} hint="At least 10 characters.">
          <Input type="password" autoComplete="new-password" {...form.register("password")} />
        </FormField>
        <div className="flex justify-end gap-2 pt-2">
          <Button variant="secondary" onClick={() => setOpen(false)}>
            Cancel
          </Button>
          <Button type="submit" disabled={isSubmitting}>
            {isSubmitting ? "Adding…" : "Add user"}
          </Button>
        </div>
      </Form>
    </Dialog>
  );
}
