DROP INDEX "bills_xero_invoice_id_idx";--> statement-breakpoint
DROP INDEX "invoices_xero_invoice_id_idx";--> statement-breakpoint
DROP INDEX "purchase_orders_xero_purchase_order_id_idx";--> statement-breakpoint
DROP INDEX "quotes_xero_quote_id_idx";--> statement-breakpoint
DROP INDEX "sales_orders_xero_invoice_id_idx";--> statement-breakpoint
ALTER TABLE "bills" DROP COLUMN "xero_invoice_id";--> statement-breakpoint
ALTER TABLE "bills" DROP COLUMN "xero_invoice_number";--> statement-breakpoint
ALTER TABLE "invoices" DROP COLUMN "xero_invoice_id";--> statement-breakpoint
ALTER TABLE "invoices" DROP COLUMN "xero_invoice_number";--> statement-breakpoint
ALTER TABLE "purchase_orders" DROP COLUMN "xero_purchase_order_id";--> statement-breakpoint
ALTER TABLE "purchase_orders" DROP COLUMN "xero_purchase_order_number";--> statement-breakpoint
ALTER TABLE "quotes" DROP COLUMN "xero_quote_id";--> statement-breakpoint
ALTER TABLE "quotes" DROP COLUMN "xero_quote_number";--> statement-breakpoint
ALTER TABLE "sales_orders" DROP COLUMN "xero_invoice_id";--> statement-breakpoint
ALTER TABLE "sales_orders" DROP COLUMN "xero_invoice_number";