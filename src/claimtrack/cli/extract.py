"""`claimtrack extract`: print the claims in article files, without a database."""

from __future__ import annotations

import click

from claimtrack.cli.common import LISTING_FORMATS, format_option, paged

EXTRACT_FORMATS = LISTING_FORMATS  # default jsonl: the interface for pipelines


@click.command(short_help="Print the claims in article files (no database needed).")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@format_option(default="jsonl", formats=EXTRACT_FORMATS)
@click.option("--lang", type=click.Choice(["auto", "zh-Hans", "zh-Hant", "en"]), default="auto",
              show_default=True, help="Language and script of the text.")
@click.option("--date", "date_", metavar="YYYY[-MM[-DD]]",
              help="Publication date, for relative dates (今年, last month).")
@click.option("--currency", metavar="ISO",
              help="What a bare 元 is (TWD, HKD, CNY); else the region of the language tag.")
@paged
def extract(paths, fmt, lang, date_, currency):
    """Extract every quantitative claim from .txt/.md files (or - for standard input).

    Each claim carries its span (Python string offsets into the file's decoded
    text, front matter included), the normalised value, unit, qualifier and
    interval, and its subject, topic, period and speaker.
    """
    import sys

    from claimtrack import api
    from claimtrack.cli.render import CLAIM_COLUMNS, CLAIM_TABLE_COLUMNS, claim_record
    from claimtrack.export import render

    stdin_text = sys.stdin.read() if "-" in paths else None
    records = []
    for path in paths:
        found = api.extract_file(path, lang=None if lang == "auto" else lang, published=date_,
                                 currency=currency, stdin_text=stdin_text)
        records.extend(claim_record(claim, found.path) for claim in found.claims)
    if fmt != "table":  # the short file name is only a table's convenience
        for record in records:
            record.pop("file")
    columns = CLAIM_COLUMNS[:CLAIM_TABLE_COLUMNS] if fmt == "table" else CLAIM_COLUMNS[1:]
    render(fmt, records, columns, sys.stdout)


COMMANDS = [extract]
