"""Real posts, read right? Every row of tests/data/real/expect.tsv names a post or feed entry that a real
publisher wrote, two phrases of its body that must be spoken (one near the start, one near the end) and the
phrases of chrome that must not be. ``make realworld`` prints ``N/M real posts read right`` and each miss with
its reason; ``--reader trafilatura`` scores feedparser + trafilatura on the same rows, for comparison.

Phrases are matched on the transcript text (what the listener hears, before numbers are spelled out),
case-folded, with punctuation and runs of spaces made one space.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

REAL = Path(__file__).parent / "data" / "real"
TARGET = 0.95


@dataclass(frozen=True)
class Row:
    file: str
    pick: str
    must_start: str
    must_end: str
    must_not: tuple[str, ...]
    platform: str
    language: str
    note: str


def rows(path: Path = REAL / "expect.tsv") -> list[Row]:
    with path.open(encoding="utf-8", newline="") as f:
        return [Row(r["file"], r["pick"] or "", r["must_start"], r["must_end"],
                    tuple(p.strip() for p in (r["must_not"] or "").split(" | ") if p.strip()),
                    r["platform"] or "", r["language"] or "", r["note"] or "")
                for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)]


def flat(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    return " " + re.sub(r"[\W_]+", " ", text).strip() + " "


@dataclass(frozen=True)
class Reading:
    text: str
    """The transcript: what the listener hears, as written."""
    language: str = ""
    """The language the text rules used ("" when the reader does not say)."""
    voice: str = ""
    """The engine's voice."""


def audiopost_text(row: Row) -> Reading:
    from audiopost.pipeline import Options, prepare
    from audiopost.sources import Pick

    pick = Pick(match=row.pick[len("match:"):]) if row.pick.startswith("match:") else Pick()
    _, profile, script = prepare(REAL / row.file, Options(spoken_intro=False, pick=pick))
    return Reading("\n".join(line.shown for p in script.paragraphs() for line in p.lines), script.language,
                   profile.voice)


def trafilatura_text(row: Row) -> Reading:
    return Reading(_trafilatura(row))


def _trafilatura(row: Row) -> str:
    """The field's usual pair: feedparser finds the entry, trafilatura the body of its HTML (or the page's)."""
    import feedparser
    import trafilatura

    data = (REAL / row.file).read_bytes()
    if row.file.startswith("feeds/"):
        entries = feedparser.parse(data).entries
        if row.pick.startswith("match:"):
            needle = row.pick[len("match:"):].casefold()
            entries = [e for e in entries if needle in e.get("title", "").casefold()]
        entry = entries[0]
        html = max((c.value for c in entry.get("content", [])), key=len, default=entry.get("summary", ""))
        return trafilatura.extract(f"<html><body><article>{html}</article></body></html>") or ""
    if row.file.startswith("markdown/"):
        return data.decode("utf-8", "replace")  # trafilatura reads no Markdown: the file as it is
    return trafilatura.extract(data) or ""


READERS = {"audiopost": audiopost_text, "trafilatura": trafilatura_text}


def misses(row: Row, reader: str = "audiopost") -> list[str]:
    """Why the row is not read right ([] when it is)."""
    try:
        reading = READERS[reader](row)
    except Exception as e:  # an error is a miss, with its message
        return [f"error: {type(e).__name__}: {e}"]
    text = flat(reading.text)
    out = []
    if reading.language and reading.language != row.language:
        out.append(f"read as {reading.language!r}, not {row.language!r}")
    if reading.voice and reading.voice.split("-")[0] != row.language:  # espeak-ng's voice: "es", "pt-br"
        out.append(f"voice {reading.voice!r} for a post in {row.language!r}")
    for where, phrase in (("start", row.must_start), ("end", row.must_end)):
        if phrase and flat(phrase) not in text:
            out.append(f"body {where} lost: {phrase!r}")
    out += [f"chrome spoken: {phrase!r}" for phrase in row.must_not if flat(phrase) in text]
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reader", choices=sorted(READERS), default="audiopost")
    parser.add_argument("--only", default="", help="only rows whose file contains this text")
    args = parser.parse_args(argv)
    table = [r for r in rows() if args.only in r.file]
    right = 0
    for row in table:
        found = misses(row, args.reader)
        if found:
            print(f"MISS {row.file} {row.pick}".rstrip())
            for reason in found:
                print(f"     {reason}")
        else:
            right += 1
    print(f"{right}/{len(table)} real posts read right ({args.reader})")
    return 0 if right >= TARGET * len(table) else 1


if __name__ == "__main__":
    sys.exit(main())
