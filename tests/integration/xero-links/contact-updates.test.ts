import "./simulator-env";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createParty, updateParty } from "@/lib/factory/parties";
import { ensureXeroContact, linkPartyToContact, syncPartyContact } from "@/lib/linking/contacts";
import { createContact } from "@/lib/xero/api/contacts";
import { withXero } from "@/lib/xero/api/session";
import { partyInput } from "../records/record-fixtures";
import { admin, connectedDb, sim, simContacts, type ConnectedDb } from "./connected-db";

/**
 * Issue 11 item 7, "Contacts: Factory owns what it holds": an edit in Factory reaches the Xero
 * contact without erasing what Xero holds and Factory does not (docs/sync.md#contacts). Every
 * assertion reads the simulator's own record of the contact, which merges an update as Xero does
 * (tests/integration/xero-sim/accounting.test.ts pins that).
 */
let ctx: ConnectedDb;

beforeAll(async () => {
  ctx = await connectedDb("contact_updates");
});
afterAll(async () => {
  await ctx.close();
});

type Wire = Record<string, unknown>;
type WirePhone = { PhoneType: string; PhoneNumber?: string };

const simContact = async (id: string) => (await simContacts(ctx.tenantId)).find((c) => c.ContactID === id);
const phones = (contact: Wire | undefined) =>
  Object.fromEntries(((contact?.Phones ?? []) as WirePhone[]).map((p) => [p.PhoneType, p]));

/** A contact kept in Xero with much Factory does not model, as someone made it there. */
async function richXeroContact(name: string): Promise<string> {
  const answer = await withXero(ctx.db, (api) =>
    createContact(
      api,
      {
        name,
        emailAddress: "accounts@rich.example",
        phones: [
          { phoneType: "DEFAULT", phoneNumber: "555 0100", phoneAreaCode: "09", phoneCountryCode: "64" },
          { phoneType: "MOBILE", phoneNumber: "021 555 0101" },
          { phoneType: "FAX", phoneNumber: "555 0102", phoneAreaCode: "09" },
          { phoneType: "DDI", phoneNumber: "555 0103", phoneAreaCode: "09" },
        ],
        addresses: [
          { addressType: "POBOX", addressLine1: "PO Box 77", city: "Auckland", postalCode: "1140" },
          {
            addressType: "STREET",
            addressLine1: "12 Wharf Rd",
            addressLine2: "Unit 4",
            addressLine3: "Gate B",
            city: "Auckland",
            postalCode: "1010",
            country: "New Zealand",
          },
        ],
        contactPersons: [{ firstName: "Tama", lastName: "Rich", emailAddress: "tama@rich.example" }],
        taxNumber: "111-222-333",
        defaultCurrency: "NZD",
        paymentTerms: { sales: { type: "DAYSAFTERBILLMONTH", day: 20 } },
      },
      randomUUID(),
    ),
  );
  if (!answer.ok) throw new Error(answer.errors.join("; "));
  const id = answer.contact.contactID ?? "";
  // What only Xero's own screens set, and what the API could but Factory never does.
  await admin(sim, "POST", `/sim/orgs/${ctx.tenantId}/contacts/${id}/edit`, {
    Website: "https://rich.example",
    AccountNumber: "RICH-7",
    SkypeUserName: "rich.accounts",
    BankAccountDetails: "12-3456-7890123-00",
    FirstName: "Tama",
    LastName: "Rich",
  });
  return id;
}

async function editCustomer(
  party: { id: string; version: number },
  overrides: Parameters<typeof partyInput>[0],
) {
  const { idempotencyKey: _key, ...fields } = partyInput(overrides);
  return updateParty(ctx.db, "customer", { ...fields, id: party.id, version: party.version }, ctx.userId);
}

describe("an edit in Factory changes only what Factory holds in Xero", () => {
  it("a phone change sends that phone: the mobile, fax, addresses, website and the rest survive", async () => {
    const name = "Rich Contact Engineering";
    const id = await richXeroContact(`${name} Ltd`);
    const details = { name, email: "accounts@rich.example", phone: "09 555 0100" };
    const { party } = await createParty(ctx.db, "customer", partyInput(details), ctx.userId);
    await linkPartyToContact(ctx.db, { kind: "customer", id: party.id }, { contactId: id, userId: null });
    const before = await simContact(id);

    await editCustomer(party, { ...details, phone: "09 555 0999" });
    await syncPartyContact(ctx.db, { kind: "customer", id: party.id });

    const after = await simContact(id);
    expect(phones(after).DEFAULT).toMatchObject({ PhoneNumber: "09 555 0999" });
    const { DEFAULT: _was, ...otherPhonesBefore } = phones(before);
    const { DEFAULT: _now, ...otherPhonesAfter } = phones(after);
    expect(otherPhonesAfter).toEqual(otherPhonesBefore);
    expect(otherPhonesAfter.MOBILE).toMatchObject({ PhoneNumber: "021 555 0101" });
    const rest = (contact: Wire | undefined) => {
      const { Phones: _p, UpdatedDateUTC: _u, ...others } = contact ?? {};
      return others;
    };
    expect(rest(after)).toEqual(rest(before));
    expect(after).toMatchObject({ Website: "https://rich.example", AccountNumber: "RICH-7" });
  });

  it("a value Factory never sent is not cleared when emptied in Factory", async () => {
    const name = "Unseen Phone Holdings";
    const id = await richXeroContact(`${name} Ltd`);
    const details = { name, phone: "09 555 0100" };
    const { party } = await createParty(ctx.db, "customer", partyInput(details), ctx.userId);
    await linkPartyToContact(ctx.db, { kind: "customer", id: party.id }, { contactId: id, userId: null });
    const before = await simContact(id);

    // The phone and the street address were never sent by Factory: emptying them sends nothing.
    await editCustomer(party, { ...details, phone: "" });
    await syncPartyContact(ctx.db, { kind: "customer", id: party.id });
    expect(await simContact(id)).toEqual(before);
  });

  it("a value Factory sent is cleared in Xero when emptied in Factory, and only that one", async () => {
    const name = `Own Mobile Fabricators ${randomUUID().slice(0, 6)}`;
    const details = { name, phone: "09 555 0200", mobile: "021 555 0201" };
    const { party } = await createParty(ctx.db, "customer", partyInput(details), ctx.userId);
    const created = await ensureXeroContact(ctx.db, { kind: "customer", id: party.id });
    if (created.status !== "linked") throw new Error(`not created: ${created.status}`);
    // Someone adds a fax in Xero; Factory never knew it.
    await admin(sim, "POST", `/sim/orgs/${ctx.tenantId}/contacts/${created.contactId}/edit`, {
      Phones: [
        ...((await simContact(created.contactId))?.Phones as WirePhone[]),
        { PhoneType: "FAX", PhoneNumber: "555 0202" },
      ],
    });

    await editCustomer(party, { ...details, mobile: "" });
    await syncPartyContact(ctx.db, { kind: "customer", id: party.id });
    const after = phones(await simContact(created.contactId));
    expect(after.MOBILE?.PhoneNumber ?? "").toBe("");
    expect(after.DEFAULT).toMatchObject({ PhoneNumber: "09 555 0200" });
    expect(after.FAX).toMatchObject({ PhoneNumber: "555 0202" });
  });
});
