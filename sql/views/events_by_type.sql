-- Events, fatalities and countries per ACLED event type and sub-event type, with the share of civilian targeting.
CREATE OR REPLACE VIEW events_by_type AS
SELECT
    event_type,
    sub_event_type,
    count(*) AS events,
    sum(fatalities)::BIGINT AS fatalities,
    count(DISTINCT country) AS countries,
    count(*) FILTER (WHERE civilian_targeting IS NOT NULL AND civilian_targeting <> '') AS civilian_targeting_events,
    min(event_date) AS first_event,
    max(event_date) AS last_event
FROM events
GROUP BY event_type, sub_event_type
ORDER BY events DESC, fatalities DESC, event_type ASC, sub_event_type ASC;
