from datetime import UTC, datetime

from pipeline.records import Article


def test_a_mention_carries_the_gazetteer_entry_its_place_was_resolved_to(extractor):
    article = Article(article_id="t", text="Gunmen shot dead four farmers in Tsafe, Zamfara State, on Monday, police "
                                           "said.", published_at=datetime(2023, 3, 8, tzinfo=UTC))
    events = [m for m in extractor.extract([article]) if m.is_event]
    assert [(m.location, m.place_id[:9]) for m in events] == [("Tsafe", "geonames:")]
