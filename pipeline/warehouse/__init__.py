"""Stage 5: the DuckDB warehouse, built from staged Parquet tables with the SQL in sql/."""
