CREATE TYPE "public"."credit_note_kind" AS ENUM('customer', 'supplier');--> statement-breakpoint
CREATE TYPE "public"."credit_note_status" AS ENUM('issued', 'voided');--> statement-breakpoint
CREATE TABLE "credit_note_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"position" integer NOT NULL,
	"product_id" uuid,
	"description" text NOT NULL,
	"quantity" numeric(18, 4) NOT NULL,
	"discount_percent" numeric(7, 4) DEFAULT '0' NOT NULL,
	"tax_rate_id" uuid,
	"tax_percent" numeric(7, 4) DEFAULT '0' NOT NULL,
	"line_amount" numeric(16, 2) NOT NULL,
	"tax_amount" numeric(16, 2) DEFAULT '0' NOT NULL,
	"credit_note_id" uuid NOT NULL,
	"invoice_line_id" uuid,
	"bill_line_id" uuid,
	"unit_price" numeric(18, 4) NOT NULL,
	CONSTRAINT "credit_note_lines_discount_percent_range" CHECK ("credit_note_lines"."discount_percent" >= 0 and "credit_note_lines"."discount_percent" <= 100),
	CONSTRAINT "credit_note_lines_one_source" CHECK (("credit_note_lines"."invoice_line_id" is null) <> ("credit_note_lines"."bill_line_id" is null))
);
--> statement-breakpoint
CREATE TABLE "credit_notes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"currency" char(3) NOT NULL,
	"tax_mode" "tax_mode" DEFAULT 'exclusive' NOT NULL,
	"subtotal" numeric(16, 2) DEFAULT '0' NOT NULL,
	"tax_total" numeric(16, 2) DEFAULT '0' NOT NULL,
	"total" numeric(16, 2) DEFAULT '0' NOT NULL,
	"notes" text,
	"version" integer DEFAULT 1 NOT NULL,
	"idempotency_key" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"kind" "credit_note_kind" NOT NULL,
	"invoice_id" uuid,
	"bill_id" uuid,
	"status" "credit_note_status" DEFAULT 'issued' NOT NULL,
	"credit_date" date NOT NULL,
	"reference" text,
	"allocated_amount" numeric(16, 2),
	"allocation_settled_at" timestamp with time zone,
	CONSTRAINT "credit_notes_idempotencyKey_unique" UNIQUE("idempotency_key"),
	CONSTRAINT "credit_notes_credits_by_kind" CHECK (("credit_notes"."kind" = 'customer' and "credit_notes"."invoice_id" is not null and "credit_notes"."bill_id" is null) or ("credit_notes"."kind" = 'supplier' and "credit_notes"."bill_id" is not null and "credit_notes"."invoice_id" is null))
);
--> statement-breakpoint
ALTER TABLE "bill_lines" ADD COLUMN "quantity_credited" numeric(18, 4) DEFAULT '0' NOT NULL;--> statement-breakpoint
ALTER TABLE "invoice_lines" ADD COLUMN "quantity_credited" numeric(18, 4) DEFAULT '0' NOT NULL;--> statement-breakpoint
ALTER TABLE "credit_note_lines" ADD CONSTRAINT "credit_note_lines_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_note_lines" ADD CONSTRAINT "credit_note_lines_tax_rate_id_tax_rates_id_fk" FOREIGN KEY ("tax_rate_id") REFERENCES "public"."tax_rates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_note_lines" ADD CONSTRAINT "credit_note_lines_credit_note_id_credit_notes_id_fk" FOREIGN KEY ("credit_note_id") REFERENCES "public"."credit_notes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_note_lines" ADD CONSTRAINT "credit_note_lines_invoice_line_id_invoice_lines_id_fk" FOREIGN KEY ("invoice_line_id") REFERENCES "public"."invoice_lines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_note_lines" ADD CONSTRAINT "credit_note_lines_bill_line_id_bill_lines_id_fk" FOREIGN KEY ("bill_line_id") REFERENCES "public"."bill_lines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_notes" ADD CONSTRAINT "credit_notes_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_notes" ADD CONSTRAINT "credit_notes_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_notes" ADD CONSTRAINT "credit_notes_invoice_id_invoices_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "public"."invoices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_notes" ADD CONSTRAINT "credit_notes_bill_id_bills_id_fk" FOREIGN KEY ("bill_id") REFERENCES "public"."bills"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "credit_note_lines_parent_position_idx" ON "credit_note_lines" USING btree ("credit_note_id","position");--> statement-breakpoint
CREATE INDEX "credit_note_lines_product_id_idx" ON "credit_note_lines" USING btree ("product_id");--> statement-breakpoint
CREATE INDEX "credit_note_lines_tax_rate_id_idx" ON "credit_note_lines" USING btree ("tax_rate_id");--> statement-breakpoint
CREATE INDEX "credit_note_lines_invoice_line_id_idx" ON "credit_note_lines" USING btree ("invoice_line_id");--> statement-breakpoint
CREATE INDEX "credit_note_lines_bill_line_id_idx" ON "credit_note_lines" USING btree ("bill_line_id");--> statement-breakpoint
CREATE UNIQUE INDEX "credit_notes_number_key" ON "credit_notes" USING btree ("number");--> statement-breakpoint
CREATE INDEX "credit_notes_number_trgm_idx" ON "credit_notes" USING gin ("number" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "credit_notes_invoice_id_idx" ON "credit_notes" USING btree ("invoice_id");--> statement-breakpoint
CREATE INDEX "credit_notes_bill_id_idx" ON "credit_notes" USING btree ("bill_id");--> statement-breakpoint
ALTER TABLE "bill_lines" ADD CONSTRAINT "bill_lines_quantity_credited_range" CHECK ("bill_lines"."quantity_credited" >= 0 and "bill_lines"."quantity_credited" <= "bill_lines"."quantity");--> statement-breakpoint
ALTER TABLE "invoice_lines" ADD CONSTRAINT "invoice_lines_quantity_credited_range" CHECK ("invoice_lines"."quantity_credited" >= 0 and "invoice_lines"."quantity_credited" <= "invoice_lines"."quantity");