import { z } from "zod";
import { PASSWORD_MIN_LENGTH } from "@/lib/auth/password-policy";

const password = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(200, "Use at most 200 characters");

export const createUserSchema = z.object({
  name: z.string().trim().min(1, "Enter a name").max(120, "Use at most 120 characters"),
  email: z.string().trim().toLowerCase().max(254).pipe(z.email("Enter a valid email address")),
  role: z.enum(["admin", "staff"], { error: "Choose a role" }),
  password,
});
export type CreateUserInput = z.input<typeof createUserSchema>;

export const changeRoleSchema = z.object({ userId: z.uuid(), role: z.enum(["admin", "staff"]) });
export const setActiveSchema = z.object({ userId: z.uuid(), active: z.boolean() });
export const resetPasswordSchema = z.object({ userId: z.uuid(), password });
export type ResetPasswordInput = z.input<typeof resetPasswordSchema>;
export const userIdSchema = z.object({ userId: z.uuid() });
