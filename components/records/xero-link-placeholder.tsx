import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";

/**
 * The record's Xero link as it stands. The Xero link editor (link, re-link, unlink) replaces this
 * card; it only reads the stored id.
 */
export function XeroLinkPlaceholder({ xeroId, objectName }: { xeroId: string | null; objectName: string }) {
  return (
    <Card>
      <CardHeader
        title="Xero"
        actions={xeroId ? <Badge tone="success">Linked</Badge> : <Badge tone="neutral">Not linked</Badge>}
      />
      <CardBody className="text-sm text-slate-700">
        {xeroId ? (
          <p>
            Linked to Xero {objectName}{" "}
            <code className="rounded bg-slate-100 px-1 py-0.5 text-xs">{xeroId}</code>
          </p>
        ) : (
          <p>Not linked to Xero.</p>
        )}
      </CardBody>
    </Card>
  );
}
