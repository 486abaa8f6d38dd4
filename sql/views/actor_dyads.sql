-- Who fought whom: events and fatalities per actor pair.
CREATE OR REPLACE VIEW actor_dyads AS
SELECT
    actor1,
    actor2,
    interaction,
    count(*) AS events,
    sum(fatalities)::BIGINT AS fatalities,
    min(event_date) AS first_event,
    max(event_date) AS last_event
FROM events
GROUP BY ALL
ORDER BY events DESC, fatalities DESC, actor1 ASC, actor2 ASC;
