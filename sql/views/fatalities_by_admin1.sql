-- Fatalities (ACLED conservative and UCDP-style range) per country and admin1.
CREATE OR REPLACE VIEW fatalities_by_admin1 AS
SELECT
    country,
    admin1,
    count(*) AS events,
    sum(fatalities)::BIGINT AS fatalities,
    sum(fatalities_low)::BIGINT AS fatalities_low,
    sum(fatalities_best)::BIGINT AS fatalities_best,
    sum(fatalities_high)::BIGINT AS fatalities_high
FROM events
GROUP BY ALL
ORDER BY fatalities DESC, country ASC, admin1 ASC;
