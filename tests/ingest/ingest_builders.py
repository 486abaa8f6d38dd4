"""Builders for ingestion test inputs: hand-written articles, HTML pages and WARC files (via warcio)."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

# Fictional reports written for these tests. Each is long enough (50+ words) for near-duplicate detection.
ARTICLES = {
    "harbour": (
        "Heavy shelling struck the harbour district of Port Velmar on Tuesday morning, destroying two "
        "warehouses and a fuel depot, according to the regional governor. Residents described hearing at "
        "least a dozen explosions before dawn. The coastal guard said four dock workers were wounded and "
        "taken to the municipal hospital. No group has claimed responsibility, but officials blamed rebel "
        "artillery positioned in the hills east of the city. Ferry services to the islands were suspended."
    ),
    "market": (
        "A bomb hidden in a vegetable cart exploded in the central market of Dasra on Friday afternoon, "
        "killing three traders and injuring eleven shoppers. Police cordoned off the square and searched "
        "nearby buildings for a second device. Witnesses said the blast shattered windows across the "
        "street and set several stalls on fire. The provincial council announced a day of mourning and "
        "closed schools in the district while investigators examined fragments collected at the scene."
    ),
    "protest": (
        "Thousands of farmers marched through the capital of Orlen on Monday to protest a new tax on "
        "irrigation water. The demonstrators carried banners and blocked the ring road for several hours. "
        "Riot police used tear gas near the parliament building after a group threw stones at a cordon. "
        "Organisers said twenty people were detained and many more suffered breathing problems. The "
        "agriculture minister agreed to meet union leaders later in the week to discuss the measure."
    ),
    "convoy": (
        "Gunmen ambushed a humanitarian convoy on the mountain road between Kesh and Tamar late on "
        "Wednesday, seizing three trucks loaded with flour and medicine. The drivers were released "
        "unharmed after several hours, the relief agency said in a statement. It was the fourth attack on "
        "aid deliveries in the valley this month. The agency has paused operations along the route and "
        "asked local authorities to guarantee safe passage before deliveries resume next week."
    ),
    "airstrike": (
        "An airstrike hit a disused school on the outskirts of Belgrist on Saturday night, where displaced "
        "families had been sheltering since the spring. Rescue teams pulled six bodies from the rubble, "
        "including two children, a local doctor said. The air force denied carrying out any operation in "
        "the area. A monitoring group reported that drones had been seen circling the town for two days "
        "before the strike, and called for an independent inquiry into the incident."
    ),
    "border": (
        "Soldiers from two neighbouring states exchanged fire across the disputed river border near the "
        "village of Hollin on Thursday, the defence ministry said. One border guard was killed and two "
        "others were wounded in a clash that lasted about an hour. Farmers in the area fled to relatives "
        "in the hills. Diplomats from both capitals held an emergency call in the evening and agreed to "
        "reopen a hotline that had been closed since the last incident in the winter."
    ),
    "prison": (
        "Inmates took control of a wing of the Sarrow central prison on Sunday after a dispute over visiting "
        "rights, holding five guards hostage overnight. Special forces stormed the building at dawn and "
        "freed the guards, the justice ministry said. Two prisoners died during the operation and several "
        "were treated for smoke inhalation after mattresses were set alight. Families gathered outside the "
        "gates demanding news of relatives, and the ministry promised a review of conditions."
    ),
    "kidnap": (
        "Armed men kidnapped a village chief and his two sons from their home in Merrow district before dawn "
        "on Tuesday, residents said. The attackers arrived on motorbikes and fired into the air to scare "
        "neighbours before driving off into the forest. Local vigilantes tracked the group for several "
        "kilometres but lost the trail near the river. Police said no ransom demand had yet been received "
        "and that patrols in the district would be strengthened."
    ),
    "mine": (
        "A landmine exploded under a minibus carrying workers to a quarry near Ostrava Ridge on Monday, "
        "killing the driver and injuring seven passengers. The road had been declared clear by engineers "
        "only a month ago, a regional official said. Demining teams returned to the area to survey the "
        "surrounding fields. A charity that supports survivors said the accident showed how much ordnance "
        "still remains buried years after the fighting in the region ended."
    ),
    "riot": (
        "Rival supporters clashed after a football match in the port town of Wexa on Sunday evening, "
        "throwing bottles and setting fire to three cars outside the stadium. Police arrested fourteen "
        "people and said nine officers were hurt. The club condemned the violence and promised to ban "
        "those responsible from future games. Shop owners on the main avenue spent Monday morning sweeping "
        "up glass and counting the cost of broken windows and stolen goods."
    ),
}

FRENCH_ARTICLE = (
    "Des affrontements ont éclaté dimanche soir entre l'armée et des miliciens près du marché de "
    "Talwen, selon des sources locales. Trois civils ont été blessés."
)


def near_duplicate(text: str) -> str:
    """A republished wire copy: a byline prefix and one reworded phrase."""
    return "(Wire) " + text.replace(" said", " told reporters", 1)


def html_page(title: str, text: str, *, published: str | None = None, url: str | None = None) -> bytes:
    """A news page with navigation and footer boilerplate around the article paragraphs."""
    meta = f'<meta property="article:published_time" content="{published}">' if published else ""
    canonical = f'<link rel="canonical" href="{url}">' if url else ""
    sentences = text.split(". ")
    paragraphs = "".join(f"<p>{'. '.join(sentences[i : i + 2])}.</p>" for i in range(0, len(sentences), 2))
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title>{meta}{canonical}</head>"
        f"<body><nav><a href='/'>Home</a> | <a href='/world'>World</a></nav>"
        f"<article><h1>{title}</h1>{paragraphs}</article>"
        f"<footer>Copyright Example News. All rights reserved.</footer></body></html>"
    ).encode()


def warc_bytes(records: list[dict], *, compress: bool) -> bytes:
    """A WARC file; each record dict has type ('response', 'request', 'warcinfo'), url, body, and
    optionally status, content_type and date (WARC-Date)."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=compress)
    for spec in records:
        if spec["type"] == "warcinfo":
            writer.write_record(writer.create_warcinfo_record("test.warc", {"software": "tests"}))
            continue
        headers = {"WARC-Date": spec["date"]} if "date" in spec else None
        if spec["type"] == "request":
            http = StatusAndHeaders("GET / HTTP/1.1", [("Host", "news.example")], is_http_request=True)
        else:
            http = StatusAndHeaders(
                spec.get("status", "200 OK"),
                [("Content-Type", spec.get("content_type", "text/html; charset=utf-8"))],
                protocol="HTTP/1.1",
            )
        record = writer.create_warc_record(
            spec["url"], spec["type"], payload=io.BytesIO(spec["body"]), http_headers=http,
            warc_headers_dict=headers,
        )
        writer.write_record(record)
    return buffer.getvalue()


def jsonl(*records: object) -> bytes:
    return b"".join(json.dumps(record).encode("utf-8") + b"\n" for record in records)


def write(path: Path, content: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


def gzipped(content: bytes) -> bytes:
    return gzip.compress(content, mtime=0)
