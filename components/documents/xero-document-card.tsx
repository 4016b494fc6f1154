import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";

/**
 * The document's place for its Xero state. For now it only says whether Factory holds a Xero number;
 * the sync work replaces the body with sending, status and retry.
 */
export function XeroDocumentCard({
  xeroNumber,
  objectName,
}: {
  xeroNumber: string | null;
  objectName: string;
}) {
  return (
    <Card aria-label="Xero">
      <CardHeader
        title="Xero"
        actions={
          xeroNumber ? <Badge tone="success">Sent</Badge> : <Badge tone="neutral">Not sent to Xero</Badge>
        }
      />
      <CardBody className="text-sm text-slate-700">
        {xeroNumber ? (
          <p>
            Xero {objectName} {xeroNumber}
          </p>
        ) : (
          <p>Not sent to Xero.</p>
        )}
      </CardBody>
    </Card>
  );
}
