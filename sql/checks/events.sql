-- Event dates relative to publication and the order of the fatality figures, for the events suite; and
-- plausibility: an event with more than 500 deaths from a single source is held back (its id names the row; try_cast:
-- a column of the wrong type fails the type check, not this query).
SELECT
    event_id,
    fatalities,
    fatalities_low,
    fatalities_high,
    year(event_date) AS event_year,
    date_diff('day', event_date, cast(first_reported AS DATE)) AS days_before_first_report,
    CASE
        WHEN try_cast(fatalities AS BIGINT) > 500 AND n_sources < 2 THEN event_id
    END AS single_source_mass_casualty_event
FROM events
ORDER BY event_id;
