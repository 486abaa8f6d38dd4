-- A whole table ({table} is filled in by the reader).
SELECT * FROM {table};
