ALTER TYPE "public"."sync_state" ADD VALUE 'waiting_for_xero';--> statement-breakpoint
ALTER TABLE "document_sync_states" ADD COLUMN "next_attempt_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "xero_rate_budgets" ADD COLUMN "day_limit" integer;--> statement-breakpoint
ALTER TABLE "xero_rate_budgets" ADD COLUMN "day_limit_at" timestamp with time zone;