"""`release` sub-commands: list, diff OLD NEW, show VERSION."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pipeline.cli.common import EXIT_OK, EXIT_USAGE, settings_from


def _releases_dir(args: argparse.Namespace) -> Path:
    """The releases of the warehouse given by --warehouse, else by the settings (environment, config file)."""
    return settings_from(args).releases


def _list(args: argparse.Namespace) -> int:
    from pipeline.release.catalog import list_releases

    releases = list_releases(_releases_dir(args))
    if not releases:
        print(f"no releases in {_releases_dir(args)}")
        return EXIT_OK
    for release in releases:
        marker = "*" if release.is_latest else " "
        events = "?" if release.events is None else release.events
        print(f"{marker} {release.version:<10} {events:>8} event{'' if events == 1 else 's'}  {release.bump or ''}")
    return EXIT_OK


def _diff(args: argparse.Namespace) -> int:
    from pipeline.release.catalog import resolve_release
    from pipeline.release.diff import diff_releases, format_diff

    releases_dir = _releases_dir(args)
    try:
        old, new = resolve_release(releases_dir, args.old), resolve_release(releases_dir, args.new)
    except FileNotFoundError as error:
        print(error, file=sys.stderr)
        return EXIT_USAGE
    if old == new:
        print(f"{args.old} and {args.new} are the same release ({old.name}): nothing to compare. "
              f"`conflict-events release show {old.name}` describes it.")
        return EXIT_OK
    print(format_diff(diff_releases(old, new)), end="")
    return EXIT_OK


def _show(args: argparse.Namespace) -> int:
    from pipeline.release.catalog import show_release

    try:
        print(show_release(_releases_dir(args), args.version), end="")
    except FileNotFoundError as error:
        print(error, file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK


def add_release_commands(subparsers: argparse._SubParsersAction) -> None:
    """Add `release {list,diff,show}`; each parser sets func(args) -> exit code."""
    release = subparsers.add_parser("release", help="inspect published data releases")
    commands = release.add_subparsers(dest="release_command", required=True)

    def command(name: str, help_text: str, func) -> argparse.ArgumentParser:
        parser = commands.add_parser(name, help=help_text)
        parser.add_argument("--warehouse", help="warehouse folder (default: the warehouse setting)")
        parser.set_defaults(func=func)
        return parser

    command("list", "list published releases (* marks latest)", _list)
    diff = command("diff", "show what changed between two releases", _diff)
    diff.add_argument("old", metavar="OLD", help="older version (or 'latest')")
    diff.add_argument("new", metavar="NEW", help="newer version (or 'latest')")
    show = command("show", "describe one release", _show)
    show.add_argument("version", metavar="VERSION", help="version to show (or 'latest')")
