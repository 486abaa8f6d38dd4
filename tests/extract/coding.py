"""Code one written sentence or passage as an article (published 2023-03-08) and keep its typed mentions."""

from datetime import UTC, datetime

from pipeline.records import Article

PUBLISHED = datetime(2023, 3, 8, tzinfo=UTC)


def coded(extractor, text: str) -> list:
    """The mentions of `text` that carry an event type, events or not."""
    article = Article(article_id="t", text=text, published_at=PUBLISHED)
    return [m for m in extractor.extract([article]) if m.event_type]


def events(extractor, text: str) -> list:
    """The mentions of `text` that became events."""
    return [m for m in coded(extractor, text) if m.is_event]
