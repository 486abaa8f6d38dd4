-- Rows the events suite validates: ids, dates relative to publication, fatalities, precision and ACLED codes.
SELECT
    event_id,
    event_id_cnty,
    disorder_type,
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
    event_type,
    sub_event_type
FROM events
ORDER BY event_id;
