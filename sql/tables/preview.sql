-- The first rows of a table or view and its size ({table} and {rows} are filled in by the reader).
SELECT
    *,
    count(*) OVER () AS _rows
FROM {table}
LIMIT {rows};
