import { describe, expect, it } from "vitest";
import {
  findContactMatches,
  matchReason,
  nameSearchWord,
  normaliseName,
  PartyIndex,
} from "@/lib/linking/matching";
import type { ContactSummary } from "@/lib/xero/mappers/contact";

function contact(fields: Partial<ContactSummary> & { name: string }): ContactSummary {
  return {
    contactId: fields.contactId ?? crypto.randomUUID(),
    contactNumber: null,
    email: null,
    status: "ACTIVE",
    isCustomer: false,
    isSupplier: false,
    ...fields,
  };
}

const party = { code: "C-00001", name: "Harbour Marine Engineering Ltd", email: null, xeroContactId: null };

describe("normaliseName", () => {
  it("ignores case, spacing and punctuation", () => {
    expect(normaliseName("Kiwi Agricultural Machinery")).toBe(normaliseName("kiwi agricultural  machinery"));
    expect(normaliseName("  O'Brien Fabrication. ")).toBe(normaliseName("OBrien Fabrication"));
    expect(normaliseName("Harbour-Marine Engineering")).toBe(normaliseName("HarbourMarine Engineering"));
  });

  it("reads & and + as 'and'", () => {
    expect(normaliseName("Steel & Tube Distributors")).toBe(normaliseName("Steel and Tube Distributors"));
    expect(normaliseName("Nuts+Bolts")).toBe(normaliseName("Nuts and Bolts"));
  });

  it("drops trailing legal suffixes and a leading 'The', but never the whole name", () => {
    expect(normaliseName("Riverside Brewing Company Limited")).toBe(normaliseName("Riverside Brewing"));
    expect(normaliseName("Acme Pty Ltd")).toBe(normaliseName("ACME"));
    expect(normaliseName("The Tool Shed")).toBe(normaliseName("Tool Shed Ltd."));
    expect(normaliseName("Limited")).toBe("limited");
    expect(normaliseName("Company Store")).not.toBe(normaliseName("Store"));
  });

  it("ignores accents and keeps non-Latin letters", () => {
    expect(normaliseName("Café Métal")).toBe(normaliseName("Cafe Metal"));
    expect(normaliseName("株式会社 山田")).not.toBe("");
    expect(normaliseName("Ōtaki Engineering")).toBe(normaliseName("Otaki Engineering"));
  });

  it("keeps different businesses apart", () => {
    expect(normaliseName("Harbour Marine")).not.toBe(normaliseName("Harbour Marine Engineering"));
  });
});

describe("matchReason", () => {
  it("matches by stored ContactID first", () => {
    const linked = contact({ name: "Something Else", contactId: "8B6F5C7E-0000-4000-8000-000000000001" });
    expect(matchReason({ ...party, xeroContactId: linked.contactId.toLowerCase() }, linked)).toBe(
      "contact_id",
    );
  });

  it("matches by ContactNumber = Factory code, whatever the name", () => {
    expect(matchReason(party, contact({ name: "Renamed in Xero", contactNumber: " c-00001" }))).toBe(
      "contact_number",
    );
  });

  it("matches by name ignoring case and spacing", () => {
    expect(matchReason(party, contact({ name: "HARBOUR  marine engineering limited" }))).toBe("name");
  });

  it("reports a shared email with a different name as the weakest match", () => {
    const sameEmail = contact({ name: "Ben's Other Company", email: "BEN@example.com " });
    expect(matchReason({ ...party, email: "ben@example.com" }, sameEmail)).toBe("email");
  });

  it("finds nothing for a different business", () => {
    expect(matchReason(party, contact({ name: "Pacific Aluminium Supplies" }))).toBeNull();
  });
});

describe("findContactMatches", () => {
  it("ranks by strength, then active before archived, without repeats", () => {
    const archived = contact({ name: "Harbour Marine Engineering", status: "ARCHIVED" });
    const active = contact({ name: "harbour marine engineering ltd" });
    const byEmail = contact({ name: "HME Holdings", email: "a@hme.example" });
    const byCode = contact({ name: "HME", contactNumber: "C-00001" });
    const matches = findContactMatches({ ...party, email: "a@hme.example" }, [
      byEmail,
      archived,
      active,
      byCode,
      active,
    ]);
    expect(matches.map((m) => [m.candidate.contactId, m.reason])).toEqual([
      [byCode.contactId, "contact_number"],
      [active.contactId, "name"],
      [archived.contactId, "name"],
      [byEmail.contactId, "email"],
    ]);
  });
});

describe("PartyIndex", () => {
  const parties = [
    { id: "a", code: "C-00001", name: "Harbour Marine", email: "ap@harbour.example", xeroContactId: null },
    { id: "b", code: "C-00002", name: "Twin Co", email: "same@twin.example", xeroContactId: null },
    { id: "c", code: "C-00003", name: "Twin Ltd", email: "same@twin.example", xeroContactId: null },
    {
      id: "d",
      code: "C-00004",
      name: "Linked",
      email: null,
      xeroContactId: "AAAA0000-0000-4000-8000-000000000000",
    },
  ];
  const index = new PartyIndex(parties);

  it("matches each key", () => {
    expect(
      index.match(contact({ name: "x", contactId: "aaaa0000-0000-4000-8000-000000000000" })),
    ).toMatchObject({
      party: { id: "d" },
      reason: "contact_id",
    });
    expect(index.match(contact({ name: "x", contactNumber: "C-00001" }))).toMatchObject({
      party: { id: "a" },
      reason: "contact_number",
    });
    expect(index.match(contact({ name: "HARBOUR MARINE LIMITED" }))).toMatchObject({
      party: { id: "a" },
      reason: "name",
    });
    expect(index.match(contact({ name: "Other", email: "AP@harbour.example" }))).toMatchObject({
      party: { id: "a" },
      reason: "email",
    });
  });

  it("lets an ambiguous name or email decide nothing", () => {
    expect(index.match(contact({ name: "twin", email: "same@twin.example" }))).toBeNull();
  });
});

describe("nameSearchWord", () => {
  it("picks the longest word that is not a suffix", () => {
    expect(nameSearchWord("Riverside Brewing Company Limited")).toBe("riverside");
    expect(nameSearchWord("The A & B Ltd")).toBeNull();
    expect(nameSearchWord("Steel & Tube Distributors")).toBe("distributors");
  });
});
