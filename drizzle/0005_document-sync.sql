CREATE TYPE "public"."sync_document_type" AS ENUM('quote', 'sales_order', 'invoice', 'purchase_order', 'bill');--> statement-breakpoint
CREATE TYPE "public"."sync_outcome" AS ENUM('success', 'retrying', 'failed', 'waiting', 'locked', 'skipped');--> statement-breakpoint
CREATE TYPE "public"."sync_state" AS ENUM('not_sent', 'queued', 'sending', 'sent', 'failed', 'waiting_reconnect', 'waiting_for_contact', 'locked');--> statement-breakpoint
CREATE TABLE "document_sync_states" (
	"record_type" "sync_document_type" NOT NULL,
	"record_id" uuid NOT NULL,
	"state" "sync_state" DEFAULT 'not_sent' NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"sent_revision" integer,
	"xero_id" uuid,
	"xero_number" text,
	"xero_status" text,
	"xero_total" numeric(16, 2),
	"factory_total" numeric(16, 2),
	"last_sent_at" timestamp with time zone,
	"last_attempt_at" timestamp with time zone,
	"last_error" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"pending_create" jsonb,
	"lease_until" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "document_sync_states_record_type_record_id_pk" PRIMARY KEY("record_type","record_id")
);
--> statement-breakpoint
CREATE TABLE "sync_log" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"record_type" "sync_document_type" NOT NULL,
	"record_id" uuid NOT NULL,
	"record_number" text,
	"operation" text NOT NULL,
	"outcome" "sync_outcome" NOT NULL,
	"duration_ms" integer NOT NULL,
	"message" text,
	"attempt" integer NOT NULL,
	"http_status" integer,
	"xero_id" uuid
);
--> statement-breakpoint
CREATE TABLE "xero_api_calls" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"lease_until" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "xero_rate_budgets" (
	"tenant_id" text PRIMARY KEY NOT NULL,
	"paused_until" timestamp with time zone,
	"pause_reason" text
);
--> statement-breakpoint
CREATE INDEX "document_sync_states_state_idx" ON "document_sync_states" USING btree ("state","record_type");--> statement-breakpoint
CREATE INDEX "document_sync_states_xero_id_idx" ON "document_sync_states" USING btree ("xero_id");--> statement-breakpoint
CREATE INDEX "sync_log_at_idx" ON "sync_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "sync_log_record_idx" ON "sync_log" USING btree ("record_type","record_id","at");--> statement-breakpoint
CREATE INDEX "sync_log_outcome_idx" ON "sync_log" USING btree ("outcome","at");--> statement-breakpoint
CREATE INDEX "xero_api_calls_tenant_started_idx" ON "xero_api_calls" USING btree ("tenant_id","started_at");