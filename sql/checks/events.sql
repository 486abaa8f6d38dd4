-- Rows the events suite validates: ids, dates relative to publication, fatalities and precision codes, and
-- plausibility: an event with more than 500 deaths from a single source is held back (its id names the row).
SELECT
    event_id,
    event_date,
    year(event_date) AS event_year,
    date_diff('day', event_date, CAST(first_reported AS DATE)) AS days_before_first_report,
    time_precision,
    geo_precision,
    latitude,
    longitude,
    fatalities,
    fatalities_low,
    fatalities_high,
    n_sources,
    CASE WHEN fatalities > 500 AND n_sources < 2 THEN event_id END AS single_source_mass_casualty_event,
    event_type,
    sub_event_type
FROM events
ORDER BY event_id;
