ALTER TYPE "public"."sync_document_type" ADD VALUE 'credit_note';--> statement-breakpoint
ALTER TYPE "public"."sync_document_type" ADD VALUE 'supplier_credit';--> statement-breakpoint
ALTER TABLE "xero_settings" ADD COLUMN "auto_send_credit_notes" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "xero_settings" ADD COLUMN "auto_send_supplier_credits" boolean DEFAULT true NOT NULL;