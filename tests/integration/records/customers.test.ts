import { randomUUID } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { formatNumber, takeNumber } from "@/lib/db/queries/numbering";
import { findParty, listParties, type PartyListQuery } from "@/lib/db/queries/parties";
import { auditEvents, customers } from "@/lib/db/schema";
import { createParty, updateParty } from "@/lib/factory/parties";
import { partyFormDefaults, partyFormSchema } from "@/lib/factory/party-schema";
import { RecordError } from "@/lib/errors";
import { testDb } from "../../support/db";
import { createTestUser, partyInput } from "./record-fixtures";

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/lib/auth/session", () => ({ getCurrentUser: () => Promise.resolve(session.user) }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

const { createCustomer, updateCustomer } = await import("@/app/(dashboard)/customers/actions");

const db = testDb();
let userId: string;

beforeAll(async () => {
  userId = await createTestUser(db);
  session.user = { id: userId, email: "records@example.test", name: "Records Tester", role: "staff" };
});

const codeNumber = (code: string) => Number(code.slice(2));

describe("customer numbering", () => {
  it("gives concurrent creates unique codes with no gaps, even when some roll back", async () => {
    const attempts = Array.from({ length: 24 }, (_, index) =>
      createParty(
        db,
        "customer",
        // Every fourth insert fails after taking its number (an enum value the form would refuse).
        index % 4 === 3
          ? { ...partyInput(), paymentTermsType: "bogus" as never, paymentTermsDay: 5 }
          : partyInput(),
        userId,
      ).then(
        (result) => result.party.code,
        () => null,
      ),
    );
    const codes = (await Promise.all(attempts)).filter((code): code is string => code !== null);
    expect(codes).toHaveLength(18);
    expect(new Set(codes).size).toBe(18);

    // Every number between our lowest and highest went to some customer: none was skipped.
    const numbers = codes.map(codeNumber).sort((a, b) => a - b);
    const range = Array.from({ length: numbers.at(-1)! - numbers[0]! + 1 }, (_, i) =>
      formatNumber("customer", numbers[0]! + i),
    );
    const existing = await db
      .select({ code: customers.code })
      .from(customers)
      .where(inArray(customers.code, range));
    expect(existing).toHaveLength(range.length);
  });

  it("hands a rolled-back number to the next create", async () => {
    const before = await db.transaction(async (tx) => takeNumber(tx, "customer"));
    const rolledBack = await db
      .transaction(async (tx) => {
        await takeNumber(tx, "customer");
        throw new Error("the create failed");
      })
      .catch(() => "rolled back");
    expect(rolledBack).toBe("rolled back");
    const after = await db.transaction(async (tx) => takeNumber(tx, "customer"));
    expect(codeNumber(after)).toBe(codeNumber(before) + 1);
  });
});

describe("creating a customer", () => {
  it("records who created it and a created event in the same transaction", async () => {
    const { party, created } = await createParty(
      db,
      "customer",
      partyInput({ name: "Who Made Me Ltd" }),
      userId,
    );
    expect(created).toBe(true);
    expect(party.code).toMatch(/^C-\d{5,}$/);
    expect(party.createdBy).toBe(userId);
    const events = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, "customer"), eq(auditEvents.entityId, party.id)));
    expect(events.map((event) => event.action)).toEqual(["created"]);
  });

  it("returns the first customer when the same submission arrives twice at once", async () => {
    const input = partyInput({ name: "Double Click Engineering" });
    const results = await Promise.all([
      createParty(db, "customer", input, userId),
      createParty(db, "customer", input, userId),
      createParty(db, "customer", input, userId),
    ]);
    expect(new Set(results.map((result) => result.party.id)).size).toBe(1);
    expect(results.filter((result) => result.created)).toHaveLength(1);
    const rows = await db.select().from(customers).where(eq(customers.name, "Double Click Engineering"));
    expect(rows).toHaveLength(1);
  });

  it("through the action: returns field errors and writes nothing for bad input", async () => {
    const result = await createCustomer({
      ...partyFormDefaults({ currency: "NZD" }),
      name: "   ",
      email: "not-an-email",
      paymentTermsDay: "40",
      paymentTermsType: "day_of_following_month",
      idempotencyKey: randomUUID(),
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.fieldErrors?.name).toEqual(["Enter a name"]);
    expect(result.fieldErrors?.email).toEqual(["Enter a valid email address"]);
    expect(result.fieldErrors?.paymentTermsDay).toEqual(["Enter a day of the month, 1 to 31"]);
  });

  it("refuses a 1 MB note with a message that says the limit", async () => {
    const result = await createCustomer({
      ...partyFormDefaults({ currency: "NZD" }),
      name: "Big Notes Ltd",
      notes: "x".repeat(1024 * 1024),
      idempotencyKey: randomUUID(),
    });
    expect(result).toMatchObject({
      ok: false,
      fieldErrors: { notes: ["Notes can be at most 10,000 characters."] },
    });
    expect(await db.select().from(customers).where(eq(customers.name, "Big Notes Ltd"))).toHaveLength(0);
  });

  it("keeps unicode, emoji, SQL- and HTML-looking text exactly as typed", async () => {
    const name = `Robert'); DROP TABLE customers;-- <script>alert(1)</script> Ōtautahi 🛠️ ${randomUUID().slice(0, 4)}`;
    const result = await createCustomer({
      ...partyFormDefaults({ currency: "NZD" }),
      name,
      idempotencyKey: randomUUID(),
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect((await findParty(db, "customer", result.data.id))?.name).toBe(name);
  });
});

describe("editing a customer", () => {
  it("refuses a stale form and keeps the other person's change", async () => {
    const { party } = await createParty(db, "customer", partyInput({ name: "Stale Form Ltd" }), userId);
    const fields = partyFormSchema.parse(partyFormDefaults(party));
    const first = await updateParty(
      db,
      "customer",
      { ...fields, id: party.id, version: 1, phone: "111" },
      userId,
    );
    expect(first.version).toBe(2);

    const otherUser = await createTestUser(db, "Someone Else");
    await expect(
      updateParty(db, "customer", { ...fields, id: party.id, version: 1, phone: "222" }, otherUser),
    ).rejects.toThrow(RecordError);
    expect((await findParty(db, "customer", party.id))?.phone).toBe("111");

    const viaAction = await updateCustomer({
      ...partyFormDefaults(party),
      id: party.id,
      version: 1,
      phone: "333",
    });
    expect(viaAction.ok).toBe(false);
    expect(viaAction.ok ? "" : viaAction.message).toContain("Someone else changed this customer");
  });

  it("accepts a double-clicked Save of the same changes", async () => {
    const { party } = await createParty(db, "customer", partyInput({ name: "Double Save Ltd" }), userId);
    const submission = { ...partyFormDefaults(party), id: party.id, version: 1, mobile: "021 555 0000" };
    const [first, second] = await Promise.all([updateCustomer(submission), updateCustomer(submission)]);
    expect(first.ok && second.ok).toBe(true);
    expect((await findParty(db, "customer", party.id))?.version).toBe(2);
  });
});

describe("listing and searching customers", () => {
  const tag = randomUUID().slice(0, 6);
  const names = [
    `Ōtautahi Welding ${tag}`,
    `100% Steel ${tag}`,
    `O'Brien & Sons ${tag}`,
    `Under_score Ltd ${tag}`,
    `Plain Metals ${tag}`,
  ];
  const query = (overrides: Partial<PartyListQuery>): PartyListQuery => ({
    search: "",
    sort: "name",
    direction: "asc",
    status: "all",
    xero: "all",
    page: 1,
    pageSize: 50,
    ...overrides,
  });

  beforeAll(async () => {
    for (const name of names) await createParty(db, "customer", partyInput({ name }), userId);
  });

  const search = async (term: string) =>
    (await listParties(db, "customer", query({ search: term }))).rows
      .map((row) => row.name)
      .filter((name) => name.endsWith(tag));

  it("treats % and _ literally", async () => {
    expect(await search(`100% Steel ${tag}`)).toEqual([`100% Steel ${tag}`]);
    expect(await search("%")).toEqual([`100% Steel ${tag}`]);
    expect(await search(`Under_score Ltd ${tag}`)).toEqual([`Under_score Ltd ${tag}`]);
  });

  it("matches quotes, unicode and ignores case", async () => {
    expect(await search(`o'brien & sons ${tag}`)).toEqual([`O'Brien & Sons ${tag}`]);
    expect(await search(`ōtautahi welding ${tag}`)).toEqual([`Ōtautahi Welding ${tag}`]);
  });

  it("finds nothing, and breaks nothing, for SQL-looking text", async () => {
    expect(await search(`' or 1=1 --`)).toEqual([]);
    expect(await search(`\\'; drop table customers; --`)).toEqual([]);
    expect((await listParties(db, "customer", query({ search: tag }))).total).toBe(names.length);
  });

  it("filters by archive state and Xero link, and pages with a total", async () => {
    const [linked] = await db
      .update(customers)
      .set({ xeroContactId: randomUUID() })
      .where(eq(customers.name, `Plain Metals ${tag}`))
      .returning();
    const linkedRows = await listParties(db, "customer", query({ search: tag, xero: "linked" }));
    expect(linkedRows.rows.map((row) => row.id)).toEqual([linked!.id]);
    const unlinked = await listParties(db, "customer", query({ search: tag, xero: "unlinked" }));
    expect(unlinked.total).toBe(names.length - 1);

    const page2 = await listParties(db, "customer", query({ search: tag, pageSize: 2, page: 2 }));
    expect(page2.total).toBe(names.length);
    expect(page2.rows).toHaveLength(2);
  });
});
