"use client";

import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { ConfirmDialog } from "@/components/ui/dialog";
import { disconnectFromXero } from "../actions";

export function DisconnectFromXero({ organisationName }: { organisationName: string }) {
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  return (
    <div className="space-y-2">
      <ConfirmDialog
        trigger={
          <button
            type="button"
            className="inline-block rounded focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600"
          >
            {/* eslint-disable-next-line @next/next/no-img-element -- Xero's artwork, unmodified */}
            <img src="/xero/disconnect-blue.svg" width={222} height={43} alt="Disconnect from Xero" />
          </button>
        }
        title={`Disconnect from ${organisationName}?`}
        description="Factory stops sending to Xero and removes its access to this organisation in Xero. Links to Xero contacts, items and documents are kept, so reconnecting to the same organisation picks up where it left off."
        confirmLabel={pending ? "Disconnecting…" : "Disconnect"}
        pending={pending}
        onConfirm={() =>
          startTransition(async () => {
            setMessage(null);
            const result = await disconnectFromXero({});
            if (!result.ok) setMessage(result.message);
          })
        }
      />
      {message ? (
        <Alert tone="danger" role="alert">
          {message}
        </Alert>
      ) : null}
    </div>
  );
}
