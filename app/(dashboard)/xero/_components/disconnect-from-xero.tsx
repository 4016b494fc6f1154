"use client";

import { Unlink } from "lucide-react";
import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { disconnectFromXero } from "../actions";

export function DisconnectFromXero({ organisationName }: { organisationName: string }) {
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  return (
    <div className="space-y-2">
      <ConfirmDialog
        trigger={
          <Button variant="secondary" className="text-red-700">
            <Unlink aria-hidden />
            Disconnect from Xero
          </Button>
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
