-- Rows the event_mentions suite validates.
SELECT mention_id, article_id, event_type, sub_event_type, confidence, time_precision, fatalities,
       sentence_start, sentence_end
FROM event_mentions
ORDER BY mention_id;
