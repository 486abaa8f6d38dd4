-- Events and fatalities per day, country, admin1 and event type.
CREATE OR REPLACE TABLE daily_counts AS
SELECT
    event_date,
    iso,
    country,
    admin1,
    event_type,
    count(*) AS events,
    sum(fatalities)::BIGINT AS fatalities
FROM events
GROUP BY ALL
ORDER BY event_date, iso, admin1, event_type;
