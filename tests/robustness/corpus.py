"""Articles written for the robustness tests (no licensed text) and the nasty files that used to break a run."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

GOOD = {
    "borno.txt": """---
title: Gunmen kill four villagers near Maiduguri
source: Test Wire (written for the conflict-events tests)
published_at: 2021-03-09T10:00:00+01:00
---
Gunmen killed four villagers in an attack on a farming village near Maiduguri in Borno State, Nigeria, on Monday,
residents said. The attackers arrived on motorcycles and burned several houses before fleeing.
""",
    "nairobi.txt": """---
title: Traders protest in Nairobi
source: Test Wire (written for the conflict-events tests)
published_at: 2021-03-14T18:00:00+03:00
---
Hundreds of traders protested in Nairobi, Kenya, on Saturday against the closure of a market. Police fired tear gas
to disperse the protesters after they blocked a road.
""",
    "idlib.txt": """---
title: Airstrike hits market in Idlib
source: Test Wire (written for the conflict-events tests)
published_at: 2021-03-12T09:00:00Z
---
An airstrike hit a crowded market in Idlib, Syria, on Thursday, killing 12 civilians, rescue workers said.
""",
}
MARKUP_TITLE = "[/b] Police [link=https://evil.example]clash[/link] with protesters"
MARKUP = f"""---
title: "{MARKUP_TITLE}"
source: "=HYPERLINK(\\"https://evil.example\\",\\"Test Wire\\")"
published_at: 2021-03-15T12:00:00Z
---
Police clashed with stone-throwing protesters in Kampala, Uganda, on Sunday, witnesses said.
"""
HUGE_EVENT = "Rebels attacked an army base near Goma in North Kivu, Democratic Republic of Congo, on Friday."
HUGE_FILLER = ("The chair thanked the delegates and the committee turned to the next item of the agenda, the budget "
               "for the coming year, which members discussed at length before adjourning. ") * 6 + "\n\n"
COUNT = """---
title: A report with an impossible figure
published_at: 2021-03-10T08:00:00Z
---
99999999999999999999 people were killed when gunmen attacked a market in Kano, Nigeria, on Tuesday.
"""
OLD_DATE = """On 5 May 1985 gunmen attacked a police station in Kaduna, Nigeria, killing two officers, residents said.
"""


def huge_article() -> str:
    """A transcript of over 2.5 MB with its event past its first two million characters."""
    head = "---\ntitle: Transcript of the committee hearing\npublished_at: 2021-03-13T08:00:00Z\n---\n"
    return head + HUGE_FILLER * 2600 + HUGE_EVENT + "\n\n" + HUGE_FILLER * 100


def truncated_warc() -> bytes:
    """A .warc.gz of two HTML responses, cut inside the second."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    bodies = [
        "<html><head><title>Clash in Mopti</title></head><body><article><p>Soldiers clashed with militants near "
        "Mopti, Mali, on Wednesday, killing three fighters, the army said.</p></article></body></html>",
        "<html><head><title>Cut off</title></head><body><article><p>" + "A long report. " * 80
        + "</p></article></body></html>",
    ]
    for index, body in enumerate(bodies):
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            f"https://news.example/{index}", "response", payload=io.BytesIO(body.encode()), http_headers=http,
            warc_headers_dict={"WARC-Date": "2021-03-11T10:00:00Z"}))
    data = buffer.getvalue()
    assert gzip.decompress(data)  # whole before the cut
    return data[:-300]


def write_nasty_folder(root: Path, *, with_old_date: bool = False) -> Path:
    """Good articles plus every kind of input that used to stop a run; returns the articles folder."""
    articles = root / "articles"
    articles.mkdir(parents=True)
    for name, text in GOOD.items():
        (articles / name).write_text(text, encoding="utf-8")
    (articles / "markup.md").write_text(MARKUP, encoding="utf-8")
    (articles / "transcript.txt").write_text(huge_article(), encoding="utf-8")
    (articles / "count.txt").write_text(COUNT, encoding="utf-8")
    (articles / "feed.warc.gz").write_bytes(truncated_warc())
    (articles / "loop.txt").symlink_to("loop.txt")
    (articles / "dangling.txt").symlink_to(root / "deleted.txt")
    (root / "private.txt").write_text("Not part of the corpus: a file outside it.\n", encoding="utf-8")
    (articles / "outside.txt").symlink_to(root / "private.txt")
    if with_old_date:
        (articles / "old-date.txt").write_text(OLD_DATE, encoding="utf-8")
    return articles
