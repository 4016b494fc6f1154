import Link from "next/link";

export default function Forbidden() {
  return (
    <main className="flex min-h-[60vh] flex-col items-center justify-center gap-3 px-4 text-center">
      <p className="text-sm font-semibold text-slate-500">403</p>
      <h1 className="text-2xl font-semibold text-slate-900">Only administrators can open this page</h1>
      <p className="text-sm text-slate-500">Ask an administrator if you need access.</p>
      <Link href="/" className="mt-2 text-sm font-medium text-blue-700 hover:underline">
        Back to the overview
      </Link>
    </main>
  );
}
