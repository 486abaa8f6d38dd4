-- Events and fatalities per month and admin1, with the event types seen.
CREATE OR REPLACE TABLE monthly_admin1 AS
SELECT
    -- "month" is a keyword, but it is the contract's column name
    date_trunc('month', event_date)::DATE AS month,  -- noqa: RF04
    iso,
    country,
    admin1,
    count(*) AS events,
    sum(fatalities)::BIGINT AS fatalities,
    count(*) FILTER (WHERE event_type = 'Battles') AS battles,
    count(*) FILTER (WHERE event_type = 'Explosions/Remote violence') AS explosions_remote_violence,
    count(*) FILTER (WHERE event_type = 'Violence against civilians') AS violence_against_civilians,
    count(*) FILTER (WHERE event_type = 'Protests') AS protests,
    count(*) FILTER (WHERE event_type = 'Riots') AS riots,
    count(*) FILTER (WHERE event_type = 'Strategic developments') AS strategic_developments
FROM events
GROUP BY ALL
ORDER BY month, iso, admin1;
