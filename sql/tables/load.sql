-- Load one table of the warehouse being built from its staged Parquet files ({table} is filled in by the loader
-- from a fixed list; the file paths are the parameter $1, never SQL text).
CREATE OR REPLACE TABLE {table} AS SELECT * FROM read_parquet($1);
