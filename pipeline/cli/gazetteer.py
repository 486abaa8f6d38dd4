"""`conflict-events gazetteer add FILE`: import a downloaded GeoNames dump for village-level coverage."""

from __future__ import annotations

import argparse
from pathlib import Path

from pipeline.cli.common import EXIT_OK, EXIT_USAGE, console, settings_from


def add_parser(commands: argparse._SubParsersAction) -> None:
    gazetteer = commands.add_parser("gazetteer", help="extend the offline gazetteer")
    actions = gazetteer.add_subparsers(dest="action", required=True)
    add = actions.add_parser("add", help="import a GeoNames dump (BF.txt, cities1000.txt, allCountries.txt)")
    add.add_argument("file", help="GeoNames tab-separated dump, unzipped")
    add.set_defaults(func=add_geonames)


def add_geonames(args: argparse.Namespace) -> int:
    from pipeline.places import Gazetteer
    from pipeline.places.geonames import GeoNamesFormatError, import_dump

    dump = Path(args.file)
    if not dump.is_file():
        console.print(f"[red]{dump} is not a file[/red]; download a GeoNames dump (e.g. BF.zip) and unzip it")
        return EXIT_USAGE
    settings = settings_from(args)
    try:
        count = import_dump(dump, settings.gazetteer_cache)
    except (GeoNamesFormatError, UnicodeDecodeError, ValueError) as error:
        console.print(f"[red]not a GeoNames dump:[/red] {error}")
        return EXIT_USAGE
    Gazetteer.load(settings.gazetteer_cache, Path(settings.seeds) / "places.csv")  # rebuild the index now
    console.print(f"{count} populated places from {dump.name} imported into {settings.gazetteer_cache}")
    return EXIT_OK
