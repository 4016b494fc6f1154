import Link from "next/link";

export default function NotFound() {
  return (
    <main className="flex min-h-[60vh] flex-col items-center justify-center gap-3 px-4 text-center">
      <p className="text-sm font-semibold text-slate-500">404</p>
      <h1 className="text-2xl font-semibold text-slate-900">We couldn&apos;t find that page</h1>
      <p className="text-sm text-slate-500">It may have been archived, or the link may be mistyped.</p>
      <Link href="/" className="mt-2 text-sm font-medium text-blue-700 hover:underline">
        Back to the overview
      </Link>
    </main>
  );
}
