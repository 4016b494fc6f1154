import "./simulator-env";
import { sql } from "drizzle-orm";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findParty } from "@/lib/db/queries/parties";
import { findContactIssue } from "@/lib/db/queries/xero-links";
import { listAudit } from "@/lib/db/queries/audit";
import { createParty, updateParty } from "@/lib/factory/parties";
import {
  createContactForNewParty,
  ensureXeroContact,
  findLikelyContacts,
  linkPartyToContact,
  pushContactDetails,
  searchXeroContacts,
  syncPartyContact,
  unlinkParty,
} from "@/lib/linking/contacts";
import { createPendingContacts } from "@/lib/sync/contact-jobs";
import { createContact } from "@/lib/xero/api/contacts";
import { withXero } from "@/lib/xero/api/session";
import { partyInput } from "../records/record-fixtures";
import { admin, connectedDb, sim, simContacts, type ConnectedDb } from "./connected-db";

let ctx: ConnectedDb;

beforeAll(async () => {
  ctx = await connectedDb("links");
});
afterAll(async () => {
  await ctx.close();
});

/** A new customer; these tests name several alike on purpose (Factory's own duplicate check is answered yes). */
async function newCustomer(overrides: Parameters<typeof partyInput>[0] = {}) {
  const input = partyInput({ createAnyway: true, ...overrides });
  const { party } = await createParty(ctx.db, "customer", input, ctx.userId);
  return party;
}

async function contactNamed(name: string) {
  return (await simContacts(ctx.tenantId)).find((c) => c.Name === name);
}

describe("matching against the organisation's contacts", () => {
  it("finds a contact whose name differs in case and spacing", async () => {
    const party = await newCustomer({ name: "Kiwi Agricultural Machinery" });
    const [match] = await findLikelyContacts(ctx.db, party);
    expect(match).toMatchObject({ reason: "name", candidate: { name: "kiwi agricultural  machinery" } });
  });

  it("finds archived contacts too, and says so", async () => {
    const party = await newCustomer({ name: "Summit Construction Group Ltd" });
    const [match] = await findLikelyContacts(ctx.db, party);
    expect(match).toMatchObject({ reason: "name", candidate: { status: "ARCHIVED" } });
  });

  it("reports the same email under a different name as a weak match", async () => {
    const party = await newCustomer({ name: "Completely Different Trading", email: "ORDERS@pacal.example" });
    const matches = await findLikelyContacts(ctx.db, party);
    expect(matches.map((m) => [m.reason, m.candidate.name])).toEqual([
      ["email", "Pacific Aluminium Supplies"],
    ]);
  });

  it("matches '&' with 'and' and ignores the legal suffix", async () => {
    const party = await newCustomer({ name: "Steel and Tube Distributors Limited" });
    const [match] = await findLikelyContacts(ctx.db, party);
    expect(match?.candidate.name).toBe("Steel & Tube Distributors");
  });
});

describe("creating the Xero contact with a new customer", () => {
  it("creates the contact with the Factory code as ContactNumber and links it", async () => {
    const party = await newCustomer({ name: "Brand New Widgets Co", email: "hello@brandnew.example" });
    const outcome = await ensureXeroContact(
      ctx.db,
      { kind: "customer", id: party.id },
      { userId: ctx.userId },
    );
    expect(outcome).toMatchObject({ status: "linked", created: true });
    const contact = await contactNamed("Brand New Widgets Co");
    expect(contact).toMatchObject({ ContactNumber: party.code, EmailAddress: "hello@brandnew.example" });
    expect((await findParty(ctx.db, "customer", party.id))?.xeroContactId).toBe(contact?.ContactID);
    const audit = await listAudit(ctx.db, { entityType: "customer", entityId: party.id });
    expect(audit.map((a) => a.action)).toContain("xero_contact_created");

    // Asking again changes nothing: a stored ContactID means "linked", never a second contact.
    const count = (await simContacts(ctx.tenantId)).length;
    expect(await ensureXeroContact(ctx.db, { kind: "customer", id: party.id })).toMatchObject({
      created: false,
    });
    expect((await simContacts(ctx.tenantId)).length).toBe(count);
  });

  it("offers the look-alike instead of creating a near-duplicate", async () => {
    const party = await newCustomer({ name: "HARBOUR MARINE ENGINEERING LIMITED" });
    const before = (await simContacts(ctx.tenantId)).length;
    const outcome = await ensureXeroContact(ctx.db, { kind: "customer", id: party.id });
    expect(outcome).toMatchObject({ status: "needs_decision", reason: "possible_match" });
    expect((await simContacts(ctx.tenantId)).length).toBe(before);
    expect(await findContactIssue(ctx.db, "customer", party.id)).toMatchObject({ kind: "create_failed" });
  });

  it("links the one look-alike with the same name and email instead of asking", async () => {
    const party = await newCustomer({
      name: "Harbour Marine Engineering Ltd",
      email: "Accounts@HarbourMarine.example",
    });
    const before = (await simContacts(ctx.tenantId)).length;
    const outcome = await ensureXeroContact(ctx.db, { kind: "customer", id: party.id });
    expect(outcome).toMatchObject({ status: "linked", created: false });
    const contact = await contactNamed("Harbour Marine Engineering Ltd");
    expect((await findParty(ctx.db, "customer", party.id))?.xeroContactId).toBe(contact?.ContactID);
    expect((await simContacts(ctx.tenantId)).length).toBe(before);
  });

  it("gives Xero's message and the choices when the name is taken, instead of failing", async () => {
    // Created anyway (staff skipped the look-alike check), Xero refuses: the name is held by an active contact.
    const party = await newCustomer({ name: "Coastal Signs and Displays" });
    const outcome = await ensureXeroContact(
      ctx.db,
      { kind: "customer", id: party.id },
      { createAnyway: true },
    );
    expect(outcome.status).toBe("needs_decision");
    if (outcome.status !== "needs_decision") return;
    expect(outcome.reason).toBe("name_taken");
    expect(outcome.message).toMatch(/already assigned to another contact/);
    expect(outcome.matches[0]?.candidate.name).toBe("Coastal Signs and Displays");
    expect((await findContactIssue(ctx.db, "customer", party.id))?.message).toMatch(/already assigned/);
  });

  it("links the contact that already carries the record's code and name", async () => {
    const party = await newCustomer({ name: "Lost Answer Ltd" });
    // A previous attempt created it, but its answer never arrived.
    const created = await ensureXeroContact(
      ctx.db,
      { kind: "customer", id: party.id },
      { createAnyway: true },
    );
    expect(created.status).toBe("linked");
    await unlinkParty(ctx.db, { kind: "customer", id: party.id }, ctx.userId);
    const before = (await simContacts(ctx.tenantId)).length;
    expect(await ensureXeroContact(ctx.db, { kind: "customer", id: party.id })).toMatchObject({
      status: "linked",
      created: false,
    });
    expect((await simContacts(ctx.tenantId)).length).toBe(before);
  });

  it("saves the customer when Xero is down and creates the contact once it is back", async () => {
    await admin(sim, "POST", "/sim/faults", { kind: "error", status: 503 });
    const party = await newCustomer({ name: "Offline Day Engineering" });
    try {
      const outcome = await createContactForNewParty(ctx.db, { kind: "customer", id: party.id }, ctx.userId);
      expect(outcome.status).toBe("pending");
      expect(await findContactIssue(ctx.db, "customer", party.id)).toMatchObject({ kind: "create_pending" });
    } finally {
      await admin(sim, "DELETE", "/sim/faults");
    }
    expect(await createPendingContacts(ctx.db)).toBe(1);
    expect((await findParty(ctx.db, "customer", party.id))?.xeroContactId).toBeTruthy();
    expect(await findContactIssue(ctx.db, "customer", party.id)).toBeUndefined();
    expect(await contactNamed("Offline Day Engineering")).toBeDefined();
  });
});

describe("linking by hand", () => {
  it("links, changes and unlinks, auditing each change", async () => {
    const party = await newCustomer({ name: "Link Me Manufacturing" });
    const [first, second] = await searchXeroContacts(ctx.db, "Pacific");
    const [riverside] = await searchXeroContacts(ctx.db, "Riverside Brewing");
    expect(first?.name).toBe("Pacific Aluminium Supplies");
    expect(second).toBeUndefined();
    const ref = { kind: "customer" as const, id: party.id };
    await linkPartyToContact(ctx.db, ref, { contactId: first?.contactId ?? "", userId: ctx.userId });
    await linkPartyToContact(ctx.db, ref, { contactId: riverside?.contactId ?? "", userId: ctx.userId });
    expect((await findParty(ctx.db, "customer", party.id))?.xeroContactId).toBe(riverside?.contactId);
    await unlinkParty(ctx.db, ref, ctx.userId);
    expect((await findParty(ctx.db, "customer", party.id))?.xeroContactId).toBeNull();
    const actions = (await listAudit(ctx.db, { entityType: "customer", entityId: party.id })).map(
      (a) => a.action,
    );
    expect(actions.filter((a) => a === "xero_link_changed")).toHaveLength(2);
    expect(actions).toContain("xero_link_removed");
  });

  it("refuses an archived contact unless asked to restore it, then restores and links", async () => {
    const party = await newCustomer({ name: "Summit Construction" });
    const [archived] = (await searchXeroContacts(ctx.db, "Summit Construction")).filter(
      (c) => c.status === "ARCHIVED",
    );
    const ref = { kind: "customer" as const, id: party.id };
    await expect(
      linkPartyToContact(ctx.db, ref, { contactId: archived?.contactId ?? "", userId: ctx.userId }),
    ).rejects.toThrow(/archived in Xero/);
    const linked = await linkPartyToContact(ctx.db, ref, {
      contactId: archived?.contactId ?? "",
      restore: true,
      userId: ctx.userId,
    });
    expect(linked.contact.status).toBe("ACTIVE");
    expect((await contactNamed("Summit Construction Group"))?.ContactStatus).toBe("ACTIVE");
  });

  it("refuses a contact already linked to another customer", async () => {
    const a = await newCustomer({ name: "First Claimant" });
    const b = await newCustomer({ name: "Second Claimant" });
    const [contact] = await searchXeroContacts(ctx.db, "Northern Rail");
    await linkPartyToContact(
      ctx.db,
      { kind: "customer", id: a.id },
      { contactId: contact?.contactId ?? "", userId: null },
    );
    await expect(
      linkPartyToContact(
        ctx.db,
        { kind: "customer", id: b.id },
        { contactId: contact?.contactId ?? "", userId: null },
      ),
    ).rejects.toThrow(/already linked to C-/);
  });
});

describe("linking an existing contact: its number and currency", () => {
  /** A contact someone made in Xero, with the wire fields given (read-only ones too). */
  async function xeroContact(name: string, fields: Record<string, unknown> = {}) {
    const answer = await withXero(ctx.db, (api) => createContact(api, { name }, randomUUID()));
    if (!answer.ok) throw new Error(answer.errors.join("; "));
    const id = answer.contact.contactID ?? "";
    await admin(sim, "POST", `/sim/orgs/${ctx.tenantId}/contacts/${id}/edit`, fields);
    return id;
  }
  const simContact = async (id: string) => (await simContacts(ctx.tenantId)).find((c) => c.ContactID === id);

  it("writes the customer code into an empty ContactNumber when asked, and only the number", async () => {
    const party = await newCustomer({ name: "Numberless Metals" });
    const id = await xeroContact("Numberless Metals Ltd", { EmailAddress: "ap@numberless.example" });
    const before = await simContact(id);
    const outcome = await linkPartyToContact(
      ctx.db,
      { kind: "customer", id: party.id },
      { contactId: id, writeContactNumber: true, userId: ctx.userId },
    );
    expect(outcome.contact.contactNumber).toBe(party.code);
    expect(outcome.notes).toContain(`${party.code} is now the contact's number in Xero.`);
    const after = await simContact(id);
    expect(after?.ContactNumber).toBe(party.code);
    const { ContactNumber: _n, UpdatedDateUTC: _u, ...rest } = after ?? {};
    const { UpdatedDateUTC: _b, ...unchanged } = before ?? {};
    expect(rest).toEqual(unchanged);
    const [audit] = (await listAudit(ctx.db, { entityType: "customer", entityId: party.id })).filter(
      (a) => a.action === "xero_link_changed",
    );
    expect(audit?.after).toMatchObject({ contactNumber: party.code });
  });

  it("never overwrites a contact's number, and leaves an empty one alone unless asked", async () => {
    const numbered = await newCustomer({ name: "Numbered Rail" });
    const id = await xeroContact("Numbered Rail Services", { ContactNumber: "THEIRS-1" });
    await linkPartyToContact(
      ctx.db,
      { kind: "customer", id: numbered.id },
      { contactId: id, writeContactNumber: true, userId: null },
    );
    expect((await simContact(id))?.ContactNumber).toBe("THEIRS-1");

    const party = await newCustomer({ name: "Unasked Fabrication" });
    const empty = await xeroContact("Unasked Fabrication Ltd");
    await linkPartyToContact(ctx.db, { kind: "customer", id: party.id }, { contactId: empty, userId: null });
    expect((await simContact(empty))?.ContactNumber).toBeUndefined();
  });

  it("does not write a code another contact already carries", async () => {
    const party = await newCustomer({ name: "Second Home Ltd" });
    const first = await xeroContact("First Home Ltd", { ContactNumber: party.code });
    const second = await xeroContact("Second Home Ltd");
    const outcome = await linkPartyToContact(
      ctx.db,
      { kind: "customer", id: party.id },
      { contactId: second, writeContactNumber: true, userId: null },
    );
    expect(outcome.notes.join(" ")).toContain(`"First Home Ltd" in Xero already has that number`);
    expect((await simContact(second))?.ContactNumber).toBeUndefined();
    expect((await simContact(first))?.ContactNumber).toBe(party.code);
  });

  it("takes the contact's default currency when the organisation has it enabled, and says when not", async () => {
    const usd = await newCustomer({ name: "Dollar Buyer", currency: "NZD" });
    const usdContact = await xeroContact("Dollar Buyer Inc", { DefaultCurrency: "USD" });
    const taken = await linkPartyToContact(
      ctx.db,
      { kind: "customer", id: usd.id },
      { contactId: usdContact, userId: ctx.userId },
    );
    expect(taken.notes).toContain(`${usd.code} now uses USD, the Xero contact's default currency.`);
    const linkedUsd = await findParty(ctx.db, "customer", usd.id);
    expect(linkedUsd?.currency).toBe("USD");
    // The edit form carries the currency: an edit begun before the link must not put NZD back.
    expect(linkedUsd?.version).toBe(usd.version + 1);

    // The simulator's NZ organisation enables NZD, AUD and USD: EUR can't be used on documents.
    const eur = await newCustomer({ name: "Euro Buyer", currency: "NZD" });
    const eurContact = await xeroContact("Euro Buyer GmbH", { DefaultCurrency: "EUR" });
    const kept = await linkPartyToContact(
      ctx.db,
      { kind: "customer", id: eur.id },
      { contactId: eurContact, userId: ctx.userId },
    );
    expect(kept.notes.join(" ")).toMatch(/default currency is EUR, .* stays in NZD/);
    expect((await findParty(ctx.db, "customer", eur.id))?.currency).toBe("NZD");
  });
});

describe("keeping contacts current", () => {
  it("sends a rename to Xero, and reports a rename onto a name Xero holds on the record", async () => {
    const party = await newCustomer({ name: "Rename Source Ltd" });
    await ensureXeroContact(ctx.db, { kind: "customer", id: party.id });
    const ref = { kind: "customer" as const, id: party.id };
    const { idempotencyKey: _key, ...fields } = partyInput({
      name: "Rename Target Ltd",
      email: "new@rename.example",
    });
    const renamed = await updateParty(
      ctx.db,
      "customer",
      { ...fields, id: party.id, version: party.version },
      null,
    );
    // The edit queued the contact job in its own transaction (the outbox)…
    const [queued] = await ctx.db.execute<{ count: number }>(
      sql`select count(*)::int as count from pgboss.job where name = 'xero-sync-contact' and singleton_key = ${`customer:${party.id}`}`,
    );
    expect(queued?.count).toBe(1);
    // …and this is what the worker runs for it.
    await syncPartyContact(ctx.db, ref);
    expect(await contactNamed("Rename Target Ltd")).toMatchObject({ EmailAddress: "new@rename.example" });

    await updateParty(
      ctx.db,
      "customer",
      { ...fields, name: "Pacific Aluminium Supplies", id: party.id, version: renamed.version },
      null,
    );
    expect(await pushContactDetails(ctx.db, ref)).toBe("refused");
    expect(await findContactIssue(ctx.db, "customer", party.id)).toMatchObject({
      kind: "update_failed",
      message: expect.stringMatching(/already assigned to another contact/) as string,
    });
  });

  it("sends only what changed: linking never overwrites a contact, an edit of notes sends nothing", async () => {
    const party = await newCustomer({ name: "Riverside Brewing Co", email: "" });
    const [riverside] = await searchXeroContacts(ctx.db, "Riverside Brewing");
    const ref = { kind: "customer" as const, id: party.id };
    await linkPartyToContact(ctx.db, ref, { contactId: riverside?.contactId ?? "", userId: null });
    const { idempotencyKey: _key, ...fields } = partyInput({
      name: party.name,
      email: "",
      notes: "Ring first",
    });
    const edited = await updateParty(
      ctx.db,
      "customer",
      { ...fields, id: party.id, version: party.version },
      null,
    );
    expect(await pushContactDetails(ctx.db, ref)).toBe("unchanged");

    await updateParty(
      ctx.db,
      "customer",
      { ...fields, phone: "07 555 0123", id: party.id, version: edited.version },
      null,
    );
    expect(await pushContactDetails(ctx.db, ref)).toBe("updated");
    const contact = await contactNamed("Riverside Brewing Company Limited");
    expect(contact).toMatchObject({ EmailAddress: "orders@riversidebrewing.example" });
    expect(contact?.Phones).toContainEqual(expect.objectContaining({ PhoneNumber: "07 555 0123" }));
  });

  it("does nothing for unlinked records", async () => {
    const party = await newCustomer();
    expect(await pushContactDetails(ctx.db, { kind: "customer", id: party.id })).toBe("not_linked");
  });
});

describe("search input", () => {
  it.each([
    ["double quotes", '"quoted"'],
    ["a percent sign", "100%"],
    ["an apostrophe", "O'Brien"],
    ["unicode", "Ōtaki 株式会社 🚜"],
    ["10 KB of text", "x".repeat(10_240)],
    ["only spaces", "   "],
  ])("searches safely for %s, finding nothing", async (_label, term) => {
    expect(await searchXeroContacts(ctx.db, term)).toEqual([]);
  });

  it("finds a contact whose name has quotes and percent signs", async () => {
    const party = await newCustomer({ name: `The "100%" Co-op & Sons` });
    await ensureXeroContact(ctx.db, { kind: "customer", id: party.id }, { createAnyway: true });
    const [found] = await searchXeroContacts(ctx.db, `"100%"`);
    expect(found?.name).toBe(`The "100%" Co-op & Sons`);
  });
});
