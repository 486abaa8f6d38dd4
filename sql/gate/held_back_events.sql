-- Events the release gate holds back (not published, not counted): more deaths than one source can vouch for.
-- {max_single_source_fatalities} and {min_sources} come from seeds/release_gate.yaml; the event, its reports and
-- the reason stay here for review, and a second independent report releases the event on the next run.
CREATE OR REPLACE TABLE held_back_events AS
SELECT
    e.event_id,
    e.event_id_cnty,
    e.event_date,
    e.event_type,
    e.sub_event_type,
    e.country,
    e.admin1,
    e.location,
    e.fatalities,
    e.n_sources,
    (
        SELECT string_agg(DISTINCT s.article_id, '; ' ORDER BY s.article_id)
        FROM event_sources AS s
        WHERE s.event_id = e.event_id
    ) AS article_ids,
    'single_source_fatalities_above_bound' AS held_back_reason,
    concat(
        e.fatalities, ' deaths reported by ', e.n_sources, ' source(s): above ',
        {max_single_source_fatalities}, ' an event needs ', {min_sources}, ' or more sources'
    ) AS held_back_detail
FROM events AS e
WHERE e.fatalities > {max_single_source_fatalities} AND e.n_sources < {min_sources}
ORDER BY e.event_id;

DELETE FROM event_sources
WHERE event_id IN (SELECT h.event_id FROM held_back_events AS h);

DELETE FROM events
WHERE event_id IN (SELECT h.event_id FROM held_back_events AS h);
