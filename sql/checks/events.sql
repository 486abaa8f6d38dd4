-- Event dates relative to publication and the order of the fatality figures, for the events suite.
SELECT
    event_id,
    year(event_date) AS event_year,
    date_diff('day', event_date, CAST(first_reported AS DATE)) AS days_before_first_report,
    fatalities,
    fatalities_low,
    fatalities_high
FROM events
ORDER BY event_id;
