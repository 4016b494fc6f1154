import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { createParty, setPartyArchived } from "@/lib/factory/parties";
import { DuplicatePartyError } from "@/lib/factory/party-duplicates";
import { testDb } from "../../support/db";
import { createTestUser, partyInput } from "./record-fixtures";

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/lib/auth/session", () => ({ getCurrentUser: () => Promise.resolve(session.user) }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

const { createCustomer } = await import("@/app/(dashboard)/customers/actions");
const { createSupplier } = await import("@/app/(dashboard)/suppliers/actions");

const db = testDb();
let userId: string;

beforeAll(async () => {
  userId = await createTestUser(db);
  session.user = { id: userId, email: "dupes@example.test", name: "Dupe Tester", role: "staff" };
});

const tag = () => randomUUID().slice(0, 8);
const blank = { line1: "", line2: "", city: "", region: "", postcode: "", country: "" };
/** What the form posts: its raw strings, no confirmation. */
const raw = (overrides: { name?: string; email?: string }) => ({
  name: `Raw Party ${tag()}`,
  email: "",
  phone: "",
  mobile: "",
  billingAddress: blank,
  deliveryAddress: blank,
  contactPeople: [],
  taxNumber: "",
  currency: "NZD",
  paymentTermsType: "" as const,
  paymentTermsDay: "",
  notes: "",
  idempotencyKey: randomUUID(),
  ...overrides,
});

describe("a new customer or supplier that matches an existing one", () => {
  it("is refused with the question when its name matches, however it is spelt, and made once confirmed", async () => {
    const name = `Steel & Tube ${tag()} Ltd`;
    const { party: first } = await createParty(db, "customer", partyInput({ name }), userId);

    // A direct POST without the confirmation is refused, with the question and the field that matched.
    const refused = await createCustomer(raw({ name: name.replace("&", "and").replace("Ltd", "Limited") }));
    expect(refused).toEqual({
      ok: false,
      message: `A customer named “${name}” already exists (${first.code}). Create anyway?`,
      fieldErrors: {
        createAnyway: [`A customer named “${name}” already exists (${first.code}). Create anyway?`],
        name: [`Same name as ${name} (${first.code})`],
      },
    });

    const confirmed = await createCustomer({ ...raw({ name: name.toUpperCase() }), createAnyway: true });
    expect(confirmed.ok).toBe(true);
  });

  it("matches on email too (ignoring case), and counts archived records", async () => {
    const email = `buyer-${tag()}@example.test`;
    const { party } = await createParty(db, "supplier", partyInput({ email }), userId);
    await setPartyArchived(db, "supplier", { id: party.id, version: party.version, archived: true }, userId);
    const refused = await createSupplier(raw({ email: email.toUpperCase() }));
    expect(refused).toMatchObject({
      ok: false,
      message: `An archived supplier with this email already exists: ${party.name} (${party.code}). Create anyway?`,
      fieldErrors: { email: [`Same email as ${party.name} (${party.code})`] },
    });
  });

  it("compares customers with customers only, and lets a different name and email through", async () => {
    const name = `Harbour Marine ${tag()}`;
    await createParty(db, "supplier", partyInput({ name }), userId);
    await expect(createParty(db, "customer", partyInput({ name }), userId)).resolves.toMatchObject({
      created: true,
    });
    await expect(createParty(db, "customer", partyInput({ name }), userId)).rejects.toBeInstanceOf(
      DuplicatePartyError,
    );
    await expect(
      createParty(db, "customer", partyInput({ name: `Harbour Marina ${tag()}` }), userId),
    ).resolves.toMatchObject({ created: true });
  });

  it("answers a repeated submission with its record rather than calling it a duplicate of itself", async () => {
    const input = partyInput({ name: `Twice Clicked ${tag()}` });
    const first = await createParty(db, "customer", input, userId);
    const again = await createParty(db, "customer", input, userId);
    expect(again).toEqual({ party: first.party, created: false });
  });
});
