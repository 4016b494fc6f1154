DROP INDEX "purchase_orders_order_date_idx";--> statement-breakpoint
DROP INDEX "quotes_issue_date_idx";--> statement-breakpoint
DROP INDEX "sales_orders_order_date_idx";--> statement-breakpoint
CREATE INDEX "purchase_orders_total_idx" ON "purchase_orders" USING btree ("total","number");--> statement-breakpoint
CREATE INDEX "purchase_orders_reference_trgm_idx" ON "purchase_orders" USING gin ("reference" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "quotes_total_idx" ON "quotes" USING btree ("total","number");--> statement-breakpoint
CREATE INDEX "quotes_reference_trgm_idx" ON "quotes" USING gin ("reference" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "sales_orders_total_idx" ON "sales_orders" USING btree ("total","number");--> statement-breakpoint
CREATE INDEX "sales_orders_reference_trgm_idx" ON "sales_orders" USING gin ("reference" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "purchase_orders_order_date_idx" ON "purchase_orders" USING btree ("order_date","number");--> statement-breakpoint
CREATE INDEX "quotes_issue_date_idx" ON "quotes" USING btree ("issue_date","number");--> statement-breakpoint
CREATE INDEX "sales_orders_order_date_idx" ON "sales_orders" USING btree ("order_date","number");