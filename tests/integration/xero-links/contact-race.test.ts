import "./simulator-env";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { findParty } from "@/lib/db/queries/parties";
import { findContactIssue } from "@/lib/db/queries/xero-links";
import { createParty, updateParty } from "@/lib/factory/parties";
import { createContactForNewParty, ensureXeroContact } from "@/lib/linking/contacts";
import { partyInput } from "../records/record-fixtures";
import { admin, connectedDb, sim, simContacts, type ConnectedDb } from "./connected-db";

/**
 * Issue 11 item 13, "one contact per party, whoever asks first" (docs/sync.md#contacts): two
 * creations of the same party's contact, forced to interleave. The first is held inside Xero (the
 * simulator's `hold` fault) after it has looked for look-alikes and before Xero makes the contact;
 * the party is edited meanwhile, so the second's create carries another Idempotency-Key and Xero
 * cannot fold the two together. Without the party's lock the second creates the contact and the
 * first, released, is refused for the taken name and leaves that refusal on a linked customer.
 */
let ctx: ConnectedDb;

beforeAll(async () => {
  ctx = await connectedDb("contact_race");
});
afterAll(async () => {
  await ctx.close();
});

/** Backends of this database queued for the party's contact lock (`lockPartyContact`'s key). */
async function waitingForPartyLock(partyId: string): Promise<number> {
  const key = sql`hashtextextended(${`xero-contact:customer:${partyId}`}, 0)`;
  const [row] = await ctx.db.execute<{ waiting: number }>(sql`
    select count(*)::int as waiting from pg_locks
    where locktype = 'advisory' and not granted
      and database = (select oid from pg_database where datname = current_database())
      and classid::text::bigint = (${key} >> 32) & 4294967295
      and objid::text::bigint = ${key} & 4294967295`);
  return row?.waiting ?? 0;
}

async function heldCalls(id: string): Promise<number> {
  const { faults } = await admin<{ faults: { id: string; hits: number }[] }>(sim, "GET", "/sim/faults");
  return faults.find((fault) => fault.id === id)?.hits ?? 0;
}

describe("two creations of one party's contact at once", () => {
  it("make one contact, the party linked to it, and no look-alike or refusal left on the party", async () => {
    const name = `Racing Fabricators ${Date.now().toString(36)}`;
    const { party } = await createParty(ctx.db, "customer", partyInput({ name }), ctx.userId);
    const ref = { kind: "customer" as const, id: party.id };
    const hold = await admin<{ id: string }>(sim, "POST", "/sim/faults", {
      kind: "hold",
      method: "PUT",
      pathPrefix: "/api.xro/2.0/Contacts",
      times: 1,
    });

    // The send path's creation (what a document of the new customer runs)…
    const first = ensureXeroContact(ctx.db, ref);
    await vi.waitFor(async () => expect(await heldCalls(hold.id)).toBe(1), { timeout: 10_000 });
    // …an edit meanwhile (a new version, so a new Idempotency-Key for the next create)…
    const { idempotencyKey: _key, ...fields } = partyInput({ name, notes: "Ring before delivery" });
    await updateParty(ctx.db, "customer", { ...fields, id: party.id, version: party.version }, ctx.userId);
    // …and "Create in Xero" on the record's page, while the first is still inside Xero.
    let secondDone = false;
    const second = createContactForNewParty(ctx.db, ref, ctx.userId).finally(() => (secondDone = true));
    // The second either queues behind the first (the lock) or, without it, runs to its end.
    await vi.waitFor(async () => expect(secondDone || (await waitingForPartyLock(party.id)) > 0).toBe(true), {
      timeout: 10_000,
    });
    await admin(sim, "DELETE", `/sim/faults/${hold.id}`);
    const outcomes = await Promise.all([first, second]);

    const contacts = (await simContacts(ctx.tenantId)).filter((c) => c.Name === name);
    expect(contacts).toHaveLength(1);
    const contactId = contacts[0]?.ContactID;
    expect(outcomes).toEqual([
      { status: "linked", contactId, created: true },
      { status: "linked", contactId, created: false },
    ]);
    expect((await findParty(ctx.db, "customer", party.id))?.xeroContactId).toBe(contactId);
    expect(await findContactIssue(ctx.db, "customer", party.id)).toBeUndefined();
  });
});
