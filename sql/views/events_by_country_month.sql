-- Events per country, month and event type.
CREATE OR REPLACE VIEW events_by_country_month AS
SELECT country, date_trunc('month', event_date)::DATE AS month, event_type, count(*) AS events,
       sum(fatalities)::BIGINT AS fatalities
FROM events
GROUP BY ALL
ORDER BY country, month, event_type;
