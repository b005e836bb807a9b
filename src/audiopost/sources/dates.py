"""Dates found in posts, turned into ISO 8601 where they can be parsed."""

from __future__ import annotations

import datetime as dt
from email.utils import parsedate_to_datetime

FORMATS = ("%Y-%m-%d", "%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%Y/%m/%d")


def iso_date(value: object) -> str:
    """An ISO 8601 date (or date-time) for ``value``; the input text unchanged if it cannot be parsed."""
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    text = str(value or "").strip()
    if not text:
        return ""
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).isoformat()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text).isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    for fmt in FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    return text


def parse_iso(value: str) -> dt.datetime | None:
    """The datetime of an ISO string made by :func:`iso_date`, or None."""
    try:
        return dt.datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return None
