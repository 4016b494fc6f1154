ALTER TABLE "xero_contact_cache" ADD COLUMN "merged_to_contact_id" uuid;--> statement-breakpoint
ALTER TABLE "xero_contact_cache" ADD COLUMN "xero_updated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "xero_contact_cache" ADD COLUMN "read_back_at" timestamp with time zone;