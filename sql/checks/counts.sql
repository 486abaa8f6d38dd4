-- One row of table sizes: an events table must not be empty when reportable mentions exist.
SELECT
    *,
    (reportable_mentions = 0 OR events > 0) AS events_when_mentions
FROM (
    SELECT
        (SELECT count(*) FROM articles) AS articles,
        (SELECT count(*) FROM event_mentions) AS mentions,
        (SELECT count(*) FROM normalized_mentions) AS normalized_mentions,
        (
            SELECT count(*) FROM normalized_mentions
            WHERE is_event
        ) AS reportable_mentions,
        (SELECT count(*) FROM events) AS events,
        (SELECT count(*) FROM event_sources) AS event_sources,
        (SELECT count(DISTINCT event_id) FROM event_sources) AS events_with_sources
) AS sizes;
