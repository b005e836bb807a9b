"""Real posts by real publishers (tests/data/real): at least 95 % are read right, body kept and chrome dropped."""

from __future__ import annotations

import realworld


def test_real_posts_are_read_right() -> None:
    table = realworld.rows()
    misses = {f"{r.file} {r.pick}": realworld.misses(r) for r in table}
    misses = {k: v for k, v in misses.items() if v}
    right = len(table) - len(misses)
    assert len(table) >= 40
    assert right >= realworld.TARGET * len(table), f"{right}/{len(table)} read right; misses: {misses}"


def test_the_check_can_fail() -> None:
    row = realworld.rows()[0]
    wrong = realworld.Row(row.file, row.pick, "words that no post has ever held", row.must_end,
                          (row.must_start,), row.platform, row.language, "")
    assert realworld.misses(wrong) == ["body start lost: 'words that no post has ever held'",
                                       f"chrome spoken: {row.must_start!r}"]


def test_the_language_and_voice_are_checked_too() -> None:
    row = next(r for r in realworld.rows() if r.language == "en")
    wrong = realworld.Row(row.file, row.pick, row.must_start, row.must_end, (), row.platform, "fr", "")
    assert realworld.misses(wrong) == ["read as 'en', not 'fr'", "voice 'en-us' for a post in 'fr'"]
