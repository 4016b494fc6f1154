"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/auth/action";
import { ProgressBar } from "./progress-bar";

export interface StepProgress {
  status: string;
  done: number;
  total: number | null;
  busy: boolean;
  lastError: string | null;
}

/** A busy run (another tab is mid-step) is asked again after this pause. */
const BUSY_RETRY_MS = 500;

/**
 * Calls one wizard step (a page fetch, a batch import) again and again while the run stays in
 * `status`, showing progress; then refreshes the page for the next step. The cursor lives in the
 * database, so an error stops the loop with "Try again", which carries on where it stopped.
 */
export function StepRunner({
  importId,
  status,
  label,
  initial,
  step,
}: {
  importId: string;
  status: string;
  label: string;
  initial: { done: number; total: number | null; lastError: string | null };
  step: (input: { importId: string }) => Promise<ActionResult<StepProgress>>;
}) {
  const router = useRouter();
  const [progress, setProgress] = useState(initial);
  const [error, setError] = useState<string | null>(initial.lastError);
  const [attempt, setAttempt] = useState(initial.lastError ? 0 : 1);
  const stopped = useRef(false);

  useEffect(() => {
    if (attempt === 0) return;
    stopped.current = false;
    const loop = async () => {
      while (!stopped.current) {
        const result = await step({ importId });
        if (!result.ok) {
          setError(result.message);
          return;
        }
        setProgress(result.data);
        if (result.data.status !== status) {
          router.refresh();
          return;
        }
        if (result.data.busy) await new Promise((resolve) => setTimeout(resolve, BUSY_RETRY_MS));
      }
    };
    void loop();
    return () => {
      stopped.current = true;
    };
  }, [attempt, importId, router, status, step]);

  return (
    <div className="space-y-4">
      <ProgressBar label={label} done={progress.done} total={progress.total} />
      {error ? (
        <Alert tone="danger" role="alert" className="flex flex-wrap items-center justify-between gap-3">
          <span>Stopped: {error}</span>
          <Button
            size="sm"
            variant="secondary"
            onClick={() => {
              setError(null);
              setAttempt((n) => n + 1);
            }}
          >
            Try again
          </Button>
        </Alert>
      ) : null}
    </div>
  );
}
