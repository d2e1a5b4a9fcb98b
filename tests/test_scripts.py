"""Script-neutral pieces of the context steps: inner sentence ends and comment stamps in any script."""

from __future__ import annotations

import pytest

from cleaner.looks import _one_title, dated


@pytest.mark.parametrize("line", ["Why Are They So Hard To Scale?", "Sign-Off: Why Now?", "Ein Titel"])
def test_one_title(line: str) -> None:
    assert _one_title(line)


@pytest.mark.parametrize("line", ["Ein Satz. Noch einer", "यह एक वाक्य है। और दूसरा", "Это конец.",
                                  "一句话。第二句", "ஒரு வாக்கியம்."])
def test_a_sentence_end_inside_or_a_full_stop_at_the_end_is_not_one_title(line: str) -> None:
    assert not _one_title(line)


@pytest.mark.parametrize("line", ["Ann on May 3, 2018 at 4:47 pm said:", "12 มีนาคม 2567",
                                  "۱۲ مهر ۱۴۰۳", "3. März 2024", "2024年3月12日"])
def test_comment_stamps_in_any_calendar_and_digits(line: str) -> None:
    assert dated(line)


def test_a_count_is_not_a_stamp() -> None:
    assert not dated("Comments (12)")
    assert not dated("Resolution 4096 x 2160")
