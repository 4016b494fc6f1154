import type { SimContext } from "../context.ts";
import { json, parseJsonBody, type SimRequest, type SimResponse } from "../http/types.ts";
import type { Router } from "../http/router.ts";
import type { ContactRecord, OrgRecord } from "../state/types.ts";
import { contactToWire } from "../accounting/contacts.ts";
import { findActiveByName, saveContact } from "../accounting/contact-store.ts";

/**
 * What a person does to a contact in Xero's own screens, as admin levers: archive it, restore it,
 * merge it into another. Each bumps the contact's UpdatedDateUTC and sends a CONTACT UPDATE webhook
 * event, as the invoice levers do. Documented in xero-sim/README.md ("Admin API").
 *
 * Xero's rules, as far as they are known (Xero Central, "Archive or restore a contact" and "Merge
 * duplicate contacts"; xero_accounting.yaml Contact.MergedToContactID):
 * - a restored contact takes its name back among active ones, so a name an active contact now has
 *   refuses the restore with Xero's duplicate-name message, as the API's update does;
 * - merging keeps one contact and archives the other with MergedToContactID naming the kept one; the
 *   merged contact's transactions move to the kept one. Only two active contacts merge, and a merged
 *   contact is not restored here (stricter than unsure).
 */

const refused = (message: string) => json(400, { error: message, errors: [message] });
const missing = (what: string) => json(404, { error: `${what} not found` });

function input(req: SimRequest): Record<string, unknown> {
  const parsed = parseJsonBody(req);
  return typeof parsed === "object" && parsed !== null && !(parsed instanceof Error)
    ? (parsed as Record<string, unknown>)
    : {};
}

/** A change's UpdatedDateUTC: now, and always after the contact's last one, so order is never lost. */
const nextUpdate = (contact: ContactRecord) => Math.max(Date.now(), contact.UpdatedDateUTC + 1);

export function registerContactLevers(router: Router, ctx: SimContext): void {
  const withContact =
    (handler: (org: OrgRecord, contact: ContactRecord, req: SimRequest) => SimResponse) =>
    (req: SimRequest, params: Record<string, string>) => {
      const org = ctx.state.orgs.get((params.tenantId ?? "").toLowerCase());
      if (!org) return missing("organisation");
      const contact = org.contacts.get((params.contactId ?? "").toLowerCase());
      return contact ? handler(org, contact, req) : missing("contact");
    };

  const save = (org: OrgRecord, contact: ContactRecord) => {
    saveContact(org, contact);
    ctx.changes.changed(org.tenantId, "CONTACT", contact.ContactID, "UPDATE");
    return json(200, { contact: contactToWire(contact, false, true) });
  };

  router
    .add(
      "POST",
      "/sim/orgs/:tenantId/contacts/:contactId/archive",
      withContact((org, contact) => {
        if (contact.ContactStatus !== "ACTIVE") return refused(`"${contact.Name}" is not active.`);
        return save(org, { ...contact, ContactStatus: "ARCHIVED", UpdatedDateUTC: nextUpdate(contact) });
      }),
    )
    .add(
      "POST",
      "/sim/orgs/:tenantId/contacts/:contactId/restore",
      withContact((org, contact) => {
        if (contact.ContactStatus !== "ARCHIVED") return refused(`"${contact.Name}" is not archived.`);
        if (contact.MergedToContactID) return refused(`"${contact.Name}" was merged into another contact.`);
        if (findActiveByName(org, contact.Name))
          return refused(
            `The contact name ${contact.Name} is already assigned to another contact. The contact name must be unique across all active contacts.`,
          );
        return save(org, { ...contact, ContactStatus: "ACTIVE", UpdatedDateUTC: nextUpdate(contact) });
      }),
    )
    .add(
      "POST",
      "/sim/orgs/:tenantId/contacts/:contactId/merge",
      withContact((org, contact, req) => {
        const intoId = input(req).into;
        const kept = typeof intoId === "string" ? org.contacts.get(intoId.toLowerCase()) : undefined;
        if (!kept) return refused("into must name the contact to keep.");
        if (kept.ContactID === contact.ContactID) return refused("A contact can't be merged into itself.");
        if (contact.ContactStatus !== "ACTIVE" || kept.ContactStatus !== "ACTIVE")
          return refused("Only active contacts can be merged.");
        for (const documents of [org.invoices, org.quotes, org.purchaseOrders, org.creditNotes]) {
          for (const document of documents.values()) {
            if (document.Contact.ContactID === contact.ContactID)
              document.Contact = { ...document.Contact, ContactID: kept.ContactID, Name: kept.Name };
          }
        }
        return save(org, {
          ...contact,
          ContactStatus: "ARCHIVED",
          MergedToContactID: kept.ContactID,
          UpdatedDateUTC: nextUpdate(contact),
        });
      }),
    );
}
