-- Each column of a warehouse table with its DuckDB type, in table order ({table} is filled in by the checker).
SELECT column_name || ' ' || data_type AS column_type
FROM information_schema.columns
WHERE table_name = '{table}'
ORDER BY ordinal_position;
