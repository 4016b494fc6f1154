ALTER TABLE "xero_settings" ADD COLUMN "sales_no_tax_type" text DEFAULT 'NONE' NOT NULL;--> statement-breakpoint
ALTER TABLE "xero_settings" ADD COLUMN "purchase_no_tax_type" text DEFAULT 'NONE' NOT NULL;--> statement-breakpoint
ALTER TABLE "xero_item_cache" ADD COLUMN "sales_account_code" text;--> statement-breakpoint
ALTER TABLE "xero_item_cache" ADD COLUMN "purchase_account_code" text;