import { z } from "zod";

const optionalCode = z
  .string()
  .trim()
  .max(50)
  .transform((value) => (value === "" ? null : value))
  .nullable();

const requiredCode = z.string().trim().min(1, { error: "Choose a tax rate" }).max(50);

const documentStatus = z.enum(["DRAFT", "SUBMITTED", "AUTHORISED"]);

export const xeroSettingsSchema = z.object({
  autoSendQuotes: z.boolean(),
  autoSendSalesOrders: z.boolean(),
  autoSendInvoices: z.boolean(),
  autoSendPurchaseOrders: z.boolean(),
  autoSendBills: z.boolean(),
  autoSendCreditNotes: z.boolean(),
  autoSendSupplierCredits: z.boolean(),
  createContactForNewCustomers: z.boolean(),
  createContactForNewSuppliers: z.boolean(),
  keepContactsUpdated: z.boolean(),
  salesAccountCode: optionalCode,
  purchaseAccountCode: optionalCode,
  salesNoTaxType: requiredCode,
  purchaseNoTaxType: requiredCode,
  billStatus: documentStatus,
  purchaseOrderStatus: documentStatus,
  taxMappings: z.array(
    z.object({ taxRateId: z.uuid(), salesTaxType: optionalCode, purchaseTaxType: optionalCode }),
  ),
});
export type XeroSettingsInput = z.input<typeof xeroSettingsSchema>;

export const disconnectSchema = z.object({});

export const chooseOrganisationSchema = z.object({
  pendingId: z.uuid(),
  tenantId: z.uuid({ error: "Choose an organisation" }),
  confirmSwitch: z.boolean().default(false),
});
export type ChooseOrganisationInput = z.input<typeof chooseOrganisationSchema>;
