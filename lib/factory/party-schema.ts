import { z } from "zod";
import type { Address, Party } from "@/lib/db/schema";
import { xeroMax } from "@/lib/xero/limits";
import {
  idempotencyKey,
  nullIfEmpty,
  optionalEmail,
  optionalText,
  recordVersion,
  requiredText,
} from "./record-fields";

export const PAYMENT_TERMS_TYPES = [
  "days_after_invoice_date",
  "days_after_invoice_month",
  "day_of_current_month",
  "day_of_following_month",
] as const;
export type PaymentTermsTypeValue = (typeof PAYMENT_TERMS_TYPES)[number];

export const PAYMENT_TERMS_LABELS: Record<PaymentTermsTypeValue, string> = {
  days_after_invoice_date: "days after the invoice date",
  days_after_invoice_month: "days after the end of the invoice month",
  day_of_current_month: "of the current month",
  day_of_following_month: "of the following month",
};

const address = z
  .object({
    line1: nullIfEmpty(optionalText("Street address", 200)),
    line2: nullIfEmpty(optionalText("Address line 2", 200)),
    city: nullIfEmpty(optionalText("City", 100)),
    region: nullIfEmpty(optionalText("Region", 100)),
    postcode: nullIfEmpty(optionalText("Postcode", 20)),
    country: nullIfEmpty(optionalText("Country", xeroMax("Address.Country"))),
  })
  .transform((value) =>
    Object.values(value).every((part) => part === null)
      ? null
      : {
          line1: value.line1 ?? "",
          line2: value.line2 ?? "",
          city: value.city ?? "",
          region: value.region ?? "",
          postcode: value.postcode ?? "",
          country: value.country ?? "",
        },
  );

const contactPerson = z
  .object({
    name: requiredText("their name", 200),
    email: optionalEmail(),
    phone: nullIfEmpty(optionalText("Contact phone", 50)),
    role: nullIfEmpty(optionalText("Role", 100)),
  })
  .transform((person) => ({
    name: person.name,
    email: person.email ?? "",
    phone: person.phone ?? "",
    role: person.role ?? "",
  }));

const partyFields = {
  name: requiredText("a name", xeroMax("Contact.Name")),
  email: optionalEmail(),
  phone: nullIfEmpty(optionalText("Phone", xeroMax("Phone.PhoneNumber"))),
  mobile: nullIfEmpty(optionalText("Mobile", xeroMax("Phone.PhoneNumber"))),
  billingAddress: address,
  deliveryAddress: address,
  contactPeople: z.array(contactPerson).max(20, "Add at most 20 contact people"),
  taxNumber: nullIfEmpty(optionalText("Tax number", xeroMax("Contact.TaxNumber"))),
  currency: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{3}$/, "Choose a currency"),
  paymentTermsType: z
    .enum([...PAYMENT_TERMS_TYPES, ""], { error: "Choose how payment terms count" })
    .transform((value) => value || null),
  paymentTermsDay: z
    .string()
    .trim()
    .regex(/^\d{0,3}$/, "Enter a whole number")
    .transform((value) => (value === "" ? null : Number(value))),
  notes: nullIfEmpty(optionalText("Notes", 10_000)),
};

type PartyFieldsOutput = z.output<z.ZodObject<typeof partyFields>>;

/** Terms need both a type and a day, in the range Xero accepts for that type. */
function checkPaymentTerms(value: PartyFieldsOutput, ctx: z.RefinementCtx) {
  const { paymentTermsType: type, paymentTermsDay: day } = value;
  if (type === null && day === null) return;
  if (type === null) {
    ctx.addIssue({
      code: "custom",
      path: ["paymentTermsType"],
      message: "Choose how the days count, or clear the day",
    });
  } else if (day === null) {
    ctx.addIssue({ code: "custom", path: ["paymentTermsDay"], message: "Enter a day" });
  } else if (type.startsWith("day_of") && (day < 1 || day > 31)) {
    ctx.addIssue({ code: "custom", path: ["paymentTermsDay"], message: "Enter a day of the month, 1 to 31" });
  } else if (day > 365) {
    ctx.addIssue({ code: "custom", path: ["paymentTermsDay"], message: "Enter at most 365 days" });
  }
}

/**
 * The customer / supplier form. The actions' schemas below are these same fields and rules plus the
 * hidden keys (idempotency key; id and version), so client and server validate alike.
 */
export const partyFormSchema = z.object(partyFields).superRefine(checkPaymentTerms);

/**
 * What the create action takes. `createAnyway`: the person saw that a record with the same name or
 * email exists and chose to create this one too (lib/factory/party-duplicates.ts); without it such a
 * create is refused with the question.
 */
export const createPartySchema = z
  .object({ ...partyFields, idempotencyKey, createAnyway: z.boolean().default(false) })
  .superRefine(checkPaymentTerms);

/** What the edit action takes. */
export const updatePartySchema = z
  .object({ ...partyFields, id: z.uuid(), version: recordVersion })
  .superRefine(checkPaymentTerms);

/** Archive, unarchive and delete name the record and the version the page showed. */
export const partyTargetSchema = z.object({ id: z.uuid(), version: recordVersion });

export type CreatePartyInput = z.input<typeof createPartySchema>;
export type UpdatePartyInput = z.input<typeof updatePartySchema>;
export type PartyFormValues = z.input<typeof partyFormSchema>;
export type PartyFormOutput = z.output<typeof partyFormSchema>;
export type PartyChanges = Omit<z.output<typeof updatePartySchema>, "id" | "version">;

const emptyAddress = { line1: "", line2: "", city: "", region: "", postcode: "", country: "" };

/**
 * The form's starting values: the record's own to edit it, or blank but for the currency (the
 * organisation's base currency, see loadCurrencySettings) for a new one.
 */
export function partyFormDefaults(party: Partial<Party> & Pick<Party, "currency">): PartyFormValues {
  const address = (value: Address | null | undefined) => ({ ...emptyAddress, ...value });
  return {
    name: party?.name ?? "",
    email: party?.email ?? "",
    phone: party?.phone ?? "",
    mobile: party?.mobile ?? "",
    billingAddress: address(party?.billingAddress),
    deliveryAddress: address(party?.deliveryAddress),
    contactPeople: party?.contactPeople ?? [],
    taxNumber: party?.taxNumber ?? "",
    currency: party.currency,
    paymentTermsType: party?.paymentTermsType ?? "",
    paymentTermsDay: party?.paymentTermsDay?.toString() ?? "",
    notes: party?.notes ?? "",
  };
}

/** Payment terms in words, e.g. "20th of the following month" or "30 days after the invoice date". */
export function describePaymentTerms(type: PaymentTermsTypeValue | null, day: number | null): string | null {
  if (type === null || day === null) return null;
  if (type.startsWith("day_of")) return `${ordinal(day)} ${PAYMENT_TERMS_LABELS[type]}`;
  return `${day} ${day === 1 ? PAYMENT_TERMS_LABELS[type].replace(/^days/, "day") : PAYMENT_TERMS_LABELS[type]}`;
}

function ordinal(day: number): string {
  const suffix =
    day % 10 === 1 && day !== 11
      ? "st"
      : day % 10 === 2 && day !== 12
        ? "nd"
        : day % 10 === 3 && day !== 13
          ? "rd"
          : "th";
  return `${day}${suffix}`;
}
