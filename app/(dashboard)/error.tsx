"use client";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

export default function DashboardError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <div className="mx-auto max-w-xl py-16">
      <Alert tone="danger" role="alert">
        <p className="font-semibold">Something went wrong loading this page.</p>
        <p className="mt-1">
          Nothing you saved was lost. Try again; if it keeps happening, tell your administrator
          {error.digest ? ` (reference ${error.digest})` : ""}.
        </p>
      </Alert>
      <Button className="mt-4" onClick={reset}>
        Try again
      </Button>
    </div>
  );
}
