-- Every event with each source article and the sentence it was read from.
CREATE OR REPLACE VIEW events_with_sources AS
SELECT
    e.event_id,
    e.event_date,
    e.event_type,
    e.sub_event_type,
    e.country,
    e.admin1,
    e.location,
    e.fatalities,
    s.article_id,
    a.title,
    a.url,
    a.published_at,
    s.evidence
FROM events AS e
INNER JOIN event_sources AS s USING (event_id)
LEFT JOIN articles AS a USING (article_id)
ORDER BY e.event_date, e.event_id, a.published_at;
