-- Event dates relative to publication and the order of the fatality figures, for the events suite.
SELECT
    event_id,
    fatalities,
    fatalities_low,
    fatalities_high,
    year(event_date) AS event_year,
    date_diff('day', event_date, cast(first_reported AS DATE)) AS days_before_first_report
FROM events
ORDER BY event_id;
