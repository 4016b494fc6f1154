CREATE TYPE "public"."document_line_kind" AS ENUM('item', 'rounding');--> statement-breakpoint
ALTER TABLE "bill_lines" ALTER COLUMN "purchase_order_line_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "invoice_lines" ALTER COLUMN "sales_order_line_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "bill_lines" ADD COLUMN "kind" "document_line_kind" DEFAULT 'item' NOT NULL;--> statement-breakpoint
ALTER TABLE "invoice_lines" ADD COLUMN "kind" "document_line_kind" DEFAULT 'item' NOT NULL;--> statement-breakpoint
ALTER TABLE "bill_lines" ADD CONSTRAINT "bill_lines_order_line_by_kind" CHECK (("bill_lines"."kind" = 'rounding') = ("bill_lines"."purchase_order_line_id" is null));--> statement-breakpoint
ALTER TABLE "invoice_lines" ADD CONSTRAINT "invoice_lines_order_line_by_kind" CHECK (("invoice_lines"."kind" = 'rounding') = ("invoice_lines"."sales_order_line_id" is null));