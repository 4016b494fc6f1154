import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Factory } from "lucide-react";
import { Alert } from "@/components/ui/alert";
import { isFreshInstall } from "@/lib/auth/bootstrap";
import { getCurrentUser } from "@/lib/auth/session";
import { signInErrorMessage } from "@/lib/auth/sign-in-errors";
import { getDb } from "@/lib/db/client";
import { SignInForm } from "./sign-in-form";
import { XeroButton } from "./xero-button";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string; error?: string; email?: string }>;
}) {
  if (await getCurrentUser()) redirect("/");
  const { callbackUrl, error, email } = await searchParams;
  let path: string | undefined;
  try {
    // The proxy's callbackUrl is absolute (and always says localhost); keep only the path.
    path = callbackUrl ? new URL(callbackUrl, "http://localhost").pathname : undefined;
  } catch {
    path = undefined;
  }
  const problem = signInErrorMessage(error, email);
  const fresh = await isFreshInstall(getDb());
  return (
    <main className="flex min-h-screen items-center justify-center bg-slate-100 px-4">
      <div className="w-full max-w-sm">
        <div className="mb-8 flex items-center justify-center gap-2 text-slate-900">
          <Factory className="size-7" aria-hidden />
          <span className="text-2xl font-semibold tracking-tight">Factory</span>
        </div>
        <div className="space-y-6 rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
          {problem ? (
            <Alert tone="danger" role="alert">
              {problem}
            </Alert>
          ) : null}
          {fresh ? (
            <section aria-labelledby="set-up" className="space-y-4">
              <div>
                <h1 id="set-up" className="mb-1 text-lg font-semibold">
                  Set up Factory
                </h1>
                <p className="text-sm text-slate-500">
                  Nobody has an account yet. Sign up with Xero to become Factory’s administrator and connect
                  your Xero organisation in one step.
                </p>
              </div>
              <XeroButton href="/api/xero/sign-up" label="Sign up with Xero" />
              <p className="text-xs text-slate-500">
                Or start Factory with <code>ADMIN_EMAIL</code> and <code>ADMIN_PASSWORD</code> set to make the
                first administrator with a password.
              </p>
            </section>
          ) : (
            <section aria-labelledby="sign-in" className="space-y-6">
              <div>
                <h1 id="sign-in" className="mb-1 text-lg font-semibold">
                  Sign in
                </h1>
                <p className="text-sm text-slate-500">Use the account your administrator gave you.</p>
              </div>
              <SignInForm callbackUrl={path} />
              <div className="flex items-center gap-3 text-xs text-slate-400" aria-hidden>
                <span className="h-px flex-1 bg-slate-200" />
                or
                <span className="h-px flex-1 bg-slate-200" />
              </div>
              <XeroButton
                href={`/api/xero/sign-in${path ? `?${new URLSearchParams({ callbackUrl: path })}` : ""}`}
                label="Sign in with Xero"
              />
            </section>
          )}
        </div>
      </div>
    </main>
  );
}
