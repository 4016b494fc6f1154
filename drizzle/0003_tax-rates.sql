-- Every Factory needs tax rates before its first product; these are New Zealand's (GST 15%).
INSERT INTO "tax_rates" ("name", "percent") VALUES
  ('GST 15%', 15),
  ('Zero rated', 0),
  ('No tax', 0)
ON CONFLICT ("name") DO NOTHING;
