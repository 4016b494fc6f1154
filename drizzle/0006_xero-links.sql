CREATE TYPE "public"."contact_import_action" AS ENUM('link', 'create', 'skip', 'already_linked');--> statement-breakpoint
CREATE TYPE "public"."contact_import_outcome" AS ENUM('pending', 'created', 'linked', 'unchanged', 'skipped', 'failed');--> statement-breakpoint
CREATE TYPE "public"."contact_import_sides" AS ENUM('customers', 'suppliers', 'both');--> statement-breakpoint
CREATE TYPE "public"."contact_import_status" AS ENUM('fetching', 'reviewing', 'importing', 'completed', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."party_kind" AS ENUM('customer', 'supplier');--> statement-breakpoint
CREATE TYPE "public"."xero_contact_issue_kind" AS ENUM('create_pending', 'create_failed', 'update_failed');--> statement-breakpoint
CREATE TABLE "xero_contact_cache" (
	"contact_id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"contact_number" text,
	"email" text,
	"status" text NOT NULL,
	"is_customer" boolean DEFAULT false NOT NULL,
	"is_supplier" boolean DEFAULT false NOT NULL,
	"fetched_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "xero_contact_import_rows" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"import_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"contact_id" uuid NOT NULL,
	"name" text NOT NULL,
	"email" text,
	"contact_number" text,
	"contact_status" text NOT NULL,
	"is_customer" boolean NOT NULL,
	"is_supplier" boolean NOT NULL,
	"values" jsonb NOT NULL,
	"action" "contact_import_action" DEFAULT 'create' NOT NULL,
	"side" "party_kind" DEFAULT 'customer' NOT NULL,
	"target_id" uuid,
	"reason" text,
	"outcome" "contact_import_outcome" DEFAULT 'pending' NOT NULL,
	"error" text
);
--> statement-breakpoint
CREATE TABLE "xero_contact_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"status" "contact_import_status" DEFAULT 'fetching' NOT NULL,
	"sides" "contact_import_sides" NOT NULL,
	"include_archived" boolean NOT NULL,
	"next_page" integer DEFAULT 1 NOT NULL,
	"page_count" integer,
	"contact_count" integer,
	"api_calls" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"started_by" uuid,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "xero_contact_issues" (
	"party_kind" "party_kind" NOT NULL,
	"party_id" uuid NOT NULL,
	"kind" "xero_contact_issue_kind" NOT NULL,
	"message" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "xero_contact_issues_party_kind_party_id_pk" PRIMARY KEY("party_kind","party_id")
);
--> statement-breakpoint
CREATE TABLE "xero_item_cache" (
	"item_id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text,
	"fetched_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "xero_contact_import_rows" ADD CONSTRAINT "xero_contact_import_rows_import_id_xero_contact_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."xero_contact_imports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "xero_contact_imports" ADD CONSTRAINT "xero_contact_imports_started_by_users_id_fk" FOREIGN KEY ("started_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "xero_contact_import_rows_contact_key" ON "xero_contact_import_rows" USING btree ("import_id","contact_id");--> statement-breakpoint
CREATE INDEX "xero_contact_import_rows_position_idx" ON "xero_contact_import_rows" USING btree ("import_id","position");--> statement-breakpoint
CREATE INDEX "xero_contact_import_rows_outcome_idx" ON "xero_contact_import_rows" USING btree ("import_id","outcome","position");--> statement-breakpoint
CREATE UNIQUE INDEX "xero_contact_imports_one_open_key" ON "xero_contact_imports" USING btree ((true)) WHERE "xero_contact_imports"."status" in ('fetching', 'reviewing', 'importing');--> statement-breakpoint
CREATE INDEX "xero_contact_imports_started_at_idx" ON "xero_contact_imports" USING btree ("started_at");