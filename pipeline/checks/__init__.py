"""Stage 6: Great Expectations suites (expectations/*.json) run on warehouse query results."""
