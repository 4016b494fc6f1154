import { Badge } from "@/components/ui/badge";
import type { XeroContactIssueKind } from "@/lib/db/schema";

const ISSUE_BADGES: Record<XeroContactIssueKind, { tone: "info" | "warning" | "danger"; label: string }> = {
  create_pending: { tone: "info", label: "Waiting for Xero" },
  create_failed: { tone: "warning", label: "Needs a decision" },
  update_failed: { tone: "danger", label: "Xero refused an update" },
};

/** A list row's Xero status: linked (with the contact's name on hover), not linked, or its open problem. */
export function ContactLinkBadge({
  linked,
  contactName,
  issue,
}: {
  linked: boolean;
  contactName?: string;
  issue?: XeroContactIssueKind;
}) {
  if (issue) {
    const { tone, label } = ISSUE_BADGES[issue];
    return <Badge tone={tone}>{label}</Badge>;
  }
  return linked ? (
    <Badge tone="success" title={contactName ? `Linked to ${contactName}` : undefined}>
      Linked
    </Badge>
  ) : (
    <Badge>Not linked</Badge>
  );
}
