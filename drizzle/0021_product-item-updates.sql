ALTER TABLE "products" ADD COLUMN "xero_item_from_factory" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "xero_item_update" jsonb;--> statement-breakpoint
-- Items Factory created before this column existed: their products' audit says so.
UPDATE "products" p SET "xero_item_from_factory" = true
WHERE p."xero_item_id" IS NOT NULL AND EXISTS (
  SELECT 1 FROM "audit_events" a
  WHERE a."entity_type" = 'product' AND a."entity_id" = p."id"::text AND a."action" = 'xero_item_created'
    AND a."after"->>'xeroItemId' = p."xero_item_id"::text
);
