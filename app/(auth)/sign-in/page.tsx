import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Factory } from "lucide-react";
import { getCurrentUser } from "@/lib/auth/session";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string }>;
}) {
  if (await getCurrentUser()) redirect("/");
  const { callbackUrl } = await searchParams;
  let path: string | undefined;
  try {
    // The proxy's callbackUrl is absolute (and always says localhost); keep only the path.
    path = callbackUrl ? new URL(callbackUrl, "http://localhost").pathname : undefined;
  } catch {
    path = undefined;
  }
  return (
    <main className="flex min-h-screen items-center justify-center bg-slate-100 px-4">
      <div className="w-full max-w-sm">
        <div className="mb-8 flex items-center justify-center gap-2 text-slate-900">
          <Factory className="size-7" aria-hidden />
          <span className="text-2xl font-semibold tracking-tight">Factory</span>
        </div>
        <div className="rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
          <h1 className="mb-1 text-lg font-semibold">Sign in</h1>
          <p className="mb-6 text-sm text-slate-500">Use the account your administrator gave you.</p>
          <SignInForm callbackUrl={path} />
        </div>
      </div>
    </main>
  );
}
