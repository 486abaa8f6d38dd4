-- Load one staged Parquet table into the warehouse being built ({table} and {path} are filled in by the loader).
CREATE OR REPLACE TABLE {table} AS SELECT * FROM read_parquet('{path}');
