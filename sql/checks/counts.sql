-- One row of table sizes: an events table must not be empty when reportable mentions exist.
SELECT
    *,
    (reportable_mentions = 0 OR events > 0) AS events_when_mentions
FROM (
    SELECT
        (SELECT count(*) FROM articles) AS articles,
        (SELECT count(*) FROM event_mentions) AS mentions,
        (
            SELECT count(*) FROM event_mentions
            WHERE
                NOT is_background AND NOT is_negated AND NOT is_hypothetical AND event_date IS NOT NULL
                AND confidence >= {min_confidence}
        ) AS reportable_mentions,
        (SELECT count(*) FROM events) AS events,
        (SELECT count(*) FROM event_sources) AS event_sources,
        (SELECT count(DISTINCT event_id) FROM event_sources) AS events_with_sources
);
