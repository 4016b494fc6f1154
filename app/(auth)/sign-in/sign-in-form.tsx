"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Form } from "@/components/ui/form";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { signInWithPassword } from "./actions";
import { signInSchema, type SignInInput } from "./schema";

export function SignInForm({ callbackUrl }: { callbackUrl?: string }) {
  const [message, setMessage] = useState<string | null>(null);
  const form = useForm<SignInInput>({
    resolver: zodResolver(signInSchema),
    defaultValues: { email: "", password: "", callbackUrl },
  });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setMessage(null);
    const result = await signInWithPassword(values);
    if (!result.ok) {
      setMessage(result.message);
      for (const [field, fieldErrors] of Object.entries(result.fieldErrors ?? {})) {
        form.setError(field as keyof SignInInput, { message: fieldErrors[0] });
      }
    }
  });

  return (
    <Form onSubmit={onSubmit} className="space-y-4" autoFocus="email">
      {message ? (
        <Alert tone="danger" role="alert">
          {message}
        </Alert>
      ) : null}
      <FormField label="Email" error={errors.email?.message}>
        <Input type="email" autoComplete="username" {...form.register("email")} />
      </FormField>
      <FormField label="Password" error={errors.password?.message}>
        <Input type="password" autoComplete="current-password" {...form.register("password")} />
      </FormField>
      <Button type="submit" className="w-full" size="lg" disabled={isSubmitting}>
        {isSubmitting ? "Signing in…" : "Sign in"}
      </Button>
    </Form>
  );
}
