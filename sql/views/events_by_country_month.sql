-- Events per country, month and event type.
CREATE OR REPLACE VIEW events_by_country_month AS
SELECT
    country,
    event_type,
    -- "month" is a keyword, but it is the contract's column name
    date_trunc('month', event_date)::DATE AS month,  -- noqa: RF04
    count(*) AS events,
    sum(fatalities)::BIGINT AS fatalities
FROM events
GROUP BY ALL
ORDER BY country, month, event_type;
