-- Trigram indexes make substring search (ilike '%term%') fast on the 100,000-row record lists.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
