import { randomUUID } from "node:crypto";
import type { Db } from "@/lib/db/client";
import { insertUser } from "@/lib/db/queries/users";
import { createPartySchema, type CreatePartyInput } from "@/lib/factory/party-schema";
import { createProductSchema, type CreateProductInput } from "@/lib/factory/product-schema";
import { listTaxRates } from "@/lib/db/queries/products";

/** A staff account to attribute changes to. */
export async function createTestUser(db: Db, name = "Records Tester"): Promise<string> {
  const user = await insertUser(db, {
    email: `records-${randomUUID()}@example.test`,
    name,
    passwordHash: "not-a-real-hash",
    role: "staff",
  });
  return user.id;
}

const blankAddress = { line1: "", line2: "", city: "", region: "", postcode: "", country: "" };

/** A valid new-party form submission, parsed the way the create action parses it. */
export function partyInput(overrides: Partial<CreatePartyInput> = {}) {
  return createPartySchema.parse({
    name: `Test Party ${randomUUID().slice(0, 8)}`,
    email: "",
    phone: "",
    mobile: "",
    billingAddress: blankAddress,
    deliveryAddress: blankAddress,
    contactPeople: [],
    taxNumber: "",
    currency: "NZD",
    paymentTermsType: "",
    paymentTermsDay: "",
    notes: "",
    idempotencyKey: randomUUID(),
    ...overrides,
  } satisfies CreatePartyInput);
}

export async function gstRateId(db: Db): Promise<string> {
  const rate = (await listTaxRates(db)).find((candidate) => candidate.name === "GST 15%");
  if (!rate) throw new Error("the GST 15% rate should be seeded by migration");
  return rate.id;
}

/** A valid new-product form submission, parsed the way the create action parses it. */
export function productInput(taxRateId: string, overrides: Partial<CreateProductInput> = {}) {
  return createProductSchema.parse({
    sku: `SKU-${randomUUID().slice(0, 8)}`,
    name: "Test product",
    description: "",
    unit: "each",
    salePrice: "10",
    purchaseCost: "5",
    taxRateId,
    active: true,
    idempotencyKey: randomUUID(),
    ...overrides,
  } satisfies CreateProductInput);
}
