import { describe, expect, it } from "vitest";
import { compileOrder, compileWhere, WhereSyntaxError } from "@/xero-sim/accounting/where";

const contacts = [
  {
    Name: "Harbour Marine",
    ContactStatus: "ACTIVE",
    ContactNumber: "C-00006",
    IsCustomer: true,
    UpdatedDateUTC: Date.UTC(2026, 0, 2),
  },
  {
    Name: "Pacific Aluminium",
    ContactStatus: "ARCHIVED",
    IsCustomer: false,
    UpdatedDateUTC: Date.UTC(2026, 5, 1),
  },
  {
    Name: "Steel & Tube",
    ContactStatus: "ACTIVE",
    EmailAddress: "sales@steeltube.example",
    IsCustomer: false,
    Contact: { ContactID: "ABCDEF01-0000-4000-8000-000000000000" },
    Date: "2026-03-01",
    UpdatedDateUTC: Date.UTC(2026, 2, 1),
  },
];
const names = (where: string) => contacts.filter(compileWhere(where)).map((c) => c.Name);

describe("where filters", () => {
  it("compares strings, booleans and null", () => {
    expect(names('ContactStatus=="ACTIVE"')).toEqual(["Harbour Marine", "Steel & Tube"]);
    expect(names('ContactNumber=="C-00006"')).toEqual(["Harbour Marine"]);
    expect(names("IsCustomer==true")).toEqual(["Harbour Marine"]);
    expect(names("EmailAddress!=null")).toEqual(["Steel & Tube"]);
    expect(names('ContactStatus!="ACTIVE"')).toEqual(["Pacific Aluminium"]);
  });

  it("combines with && / AND and || / OR, with && binding tighter and parentheses", () => {
    expect(names('ContactStatus=="ACTIVE" && IsCustomer==false')).toEqual(["Steel & Tube"]);
    expect(names('ContactStatus=="ARCHIVED" OR Name=="Harbour Marine" AND IsCustomer==true')).toEqual([
      "Harbour Marine",
      "Pacific Aluminium",
    ]);
    expect(names('(ContactStatus=="ARCHIVED" || Name=="Harbour Marine") && IsCustomer==false')).toEqual([
      "Pacific Aluminium",
    ]);
    expect(names('!(ContactStatus=="ACTIVE")')).toEqual(["Pacific Aluminium"]);
  });

  it("supports Contains / StartsWith / EndsWith and ToLower()", () => {
    expect(names('Name.Contains("Alu")')).toEqual(["Pacific Aluminium"]);
    expect(names('Name.StartsWith("Steel")')).toEqual(["Steel & Tube"]);
    expect(names('Name.ToLower()=="harbour marine"')).toEqual(["Harbour Marine"]);
    expect(names('Name.ToLower().Contains("marine")')).toEqual(["Harbour Marine"]);
  });

  it("compares Guid(…) case-insensitively on nested paths and DateTime(…) against dates", () => {
    expect(names('Contact.ContactID==Guid("abcdef01-0000-4000-8000-000000000000")')).toEqual([
      "Steel & Tube",
    ]);
    expect(names("UpdatedDateUTC>=DateTime(2026,03,01)")).toEqual(["Pacific Aluminium", "Steel & Tube"]);
    expect(names("Date<DateTime(2026,03,02)")).toEqual(["Steel & Tube"]);
  });

  it("reports what it cannot parse", () => {
    expect(() => compileWhere('Name=="unterminated')).toThrow(WhereSyntaxError);
    expect(() => compileWhere('Name.Matches("x")')).toThrow(/Unsupported method 'Matches'/);
    expect(() => compileWhere("Name==")).toThrow(WhereSyntaxError);
    expect(() => compileWhere('Name=="a" Status=="b"')).toThrow(/Unexpected/);
  });
});

describe("order", () => {
  it("sorts by several fields, case-insensitively, with DESC", () => {
    const sorted = [...contacts].sort(compileOrder("ContactStatus ASC, Name DESC")).map((c) => c.Name);
    expect(sorted).toEqual(["Steel & Tube", "Harbour Marine", "Pacific Aluminium"]);
  });
});
