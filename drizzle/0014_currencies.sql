ALTER TABLE "bills" ALTER COLUMN "currency" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "invoices" ALTER COLUMN "currency" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "purchase_orders" ALTER COLUMN "currency" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "quotes" ALTER COLUMN "currency" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "sales_orders" ALTER COLUMN "currency" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "customers" ALTER COLUMN "currency" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "suppliers" ALTER COLUMN "currency" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "document_sync_states" ADD COLUMN "xero_currency_rate" numeric(18, 6);--> statement-breakpoint
ALTER TABLE "xero_connections" ADD COLUMN "enabled_currencies" char(3)[];