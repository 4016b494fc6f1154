export { mapBill, type FactoryBill } from "./bill";
export { mapCreditNote, type FactoryCreditNote } from "./credit-note";
export { mapInvoice, type FactoryInvoice } from "./invoice";
export {
  formatAddress,
  mapPurchaseOrder,
  purchaseOrderUrl,
  type FactoryPurchaseOrder,
  type XeroDocumentStatusSetting,
} from "./purchase-order";
export { mapQuote, type FactoryQuote } from "./quote";
export { mapSalesOrder, salesOrderUrl } from "./sales-order";
export * from "./types";
