"""Thin Dagster definitions, loaded from this folder (`pipeline/definitions.py`): one module per asset group,
plus resources, metadata helpers, partitions and automation. Stage packages that take seconds to import
(spaCy, Great Expectations, the ingest loaders) are imported inside the assets that use them, so the UI loads
the definitions quickly and each run imports them once."""
