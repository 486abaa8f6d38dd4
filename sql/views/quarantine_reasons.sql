-- Why inputs were rejected: quarantined records per source file, stage and kind of problem (the reason up to its
-- first colon).
CREATE OR REPLACE VIEW quarantine_reasons AS
SELECT
    source_path,
    stage,
    split_part(reason, ':', 1) AS problem,
    count(*) AS records,
    min(record_offset) AS first_offset,
    any_value(reason) AS example_reason
FROM quarantine
GROUP BY source_path, stage, problem
ORDER BY records DESC, source_path ASC, stage ASC, problem ASC;
