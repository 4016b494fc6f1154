CREATE TABLE "xero_read_cursors" (
	"tenant_id" text NOT NULL,
	"resource" text NOT NULL,
	"modified_since" timestamp with time zone,
	"polled_at" timestamp with time zone,
	CONSTRAINT "xero_read_cursors_tenant_id_resource_pk" PRIMARY KEY("tenant_id","resource")
);
--> statement-breakpoint
CREATE TABLE "xero_webhook_events" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"category" text NOT NULL,
	"event_type" text NOT NULL,
	"resource_id" uuid NOT NULL,
	"event_date" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"processed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "document_sync_states" ADD COLUMN "xero_amount_paid" numeric(16, 2);--> statement-breakpoint
ALTER TABLE "document_sync_states" ADD COLUMN "xero_amount_due" numeric(16, 2);--> statement-breakpoint
ALTER TABLE "document_sync_states" ADD COLUMN "xero_amount_credited" numeric(16, 2);--> statement-breakpoint
ALTER TABLE "document_sync_states" ADD COLUMN "xero_paid_on" date;--> statement-breakpoint
ALTER TABLE "document_sync_states" ADD COLUMN "xero_due_date" date;--> statement-breakpoint
ALTER TABLE "document_sync_states" ADD COLUMN "xero_updated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "document_sync_states" ADD COLUMN "read_back_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "document_sync_states" ADD COLUMN "sent_snapshot" jsonb;--> statement-breakpoint
ALTER TABLE "document_sync_states" ADD COLUMN "xero_drift" jsonb;--> statement-breakpoint
ALTER TABLE "document_sync_states" ADD COLUMN "xero_drift_accepted" jsonb;--> statement-breakpoint
CREATE INDEX "xero_webhook_events_pending_idx" ON "xero_webhook_events" USING btree ("processed_at","category","received_at");