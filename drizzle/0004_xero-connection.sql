CREATE TYPE "public"."xero_connection_status" AS ENUM('connected', 'needs_reconnect', 'disconnected');--> statement-breakpoint
CREATE TYPE "public"."xero_document_status" AS ENUM('DRAFT', 'SUBMITTED', 'AUTHORISED');--> statement-breakpoint
CREATE TABLE "xero_connections" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"status" "xero_connection_status" NOT NULL,
	"tenant_id" uuid NOT NULL,
	"connection_id" uuid,
	"organisation_name" text NOT NULL,
	"short_code" text,
	"base_currency" char(3),
	"encrypted_token_set" text,
	"access_token_expires_at" timestamp with time zone,
	"refresh_token_issued_at" timestamp with time zone,
	"last_refreshed_at" timestamp with time zone,
	"granted_scopes" text[] DEFAULT '{}' NOT NULL,
	"connected_by" uuid,
	"connected_at" timestamp with time zone NOT NULL,
	"last_successful_call_at" timestamp with time zone,
	"calls_left_today" integer,
	"calls_left_this_minute" integer,
	"last_error" text,
	"last_error_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "xero_connections_single_row" CHECK ("xero_connections"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "xero_pending_authorisations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"encrypted_token_set" text NOT NULL,
	"tenants" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "xero_settings" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"auto_send_quotes" boolean DEFAULT true NOT NULL,
	"auto_send_sales_orders" boolean DEFAULT true NOT NULL,
	"auto_send_invoices" boolean DEFAULT true NOT NULL,
	"auto_send_purchase_orders" boolean DEFAULT true NOT NULL,
	"auto_send_bills" boolean DEFAULT true NOT NULL,
	"create_contact_for_new_customers" boolean DEFAULT true NOT NULL,
	"create_contact_for_new_suppliers" boolean DEFAULT true NOT NULL,
	"keep_contacts_updated" boolean DEFAULT true NOT NULL,
	"sales_account_code" text,
	"purchase_account_code" text,
	"bill_status" "xero_document_status" DEFAULT 'DRAFT' NOT NULL,
	"purchase_order_status" "xero_document_status" DEFAULT 'DRAFT' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "xero_settings_single_row" CHECK ("xero_settings"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "xero_tax_mappings" (
	"tax_rate_id" uuid PRIMARY KEY NOT NULL,
	"sales_tax_type" text,
	"purchase_tax_type" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "xero_connections" ADD CONSTRAINT "xero_connections_connected_by_users_id_fk" FOREIGN KEY ("connected_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "xero_pending_authorisations" ADD CONSTRAINT "xero_pending_authorisations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "xero_settings" ADD CONSTRAINT "xero_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "xero_tax_mappings" ADD CONSTRAINT "xero_tax_mappings_tax_rate_id_tax_rates_id_fk" FOREIGN KEY ("tax_rate_id") REFERENCES "public"."tax_rates"("id") ON DELETE cascade ON UPDATE no action;