-- Events per article: a story yields a handful of events; more than 20 is a misreading (a list, a table, a
-- digest). The article id names the row.
SELECT
    article_id,
    count(DISTINCT event_id) AS events,
    CASE WHEN count(DISTINCT event_id) > 20 THEN article_id END AS article_with_too_many_events
FROM event_sources
GROUP BY article_id
ORDER BY article_id;
