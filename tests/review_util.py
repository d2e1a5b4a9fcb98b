"""Helpers of the review tests: read back the data a review page embeds."""

from __future__ import annotations

import json
import re
from typing import Any

DATA = re.compile(rb'<script type="application/json" id="data">(.*?)</script>', re.S)


def page_data(html: bytes) -> dict[str, Any]:
    """The JSON the page draws itself from (review_model.Review.data)."""
    found = DATA.findall(html)
    assert len(found) == 1, "one data element"
    return json.loads(found[0])


def blocks(data: dict[str, Any], doc: int = 0) -> list[dict[str, Any]]:
    """A document's blocks as dicts: text, flag, key, label, comment."""
    reasons = data["reasons"]
    return [{"text": b[0], "flag": b[1], "key": reasons[b[2]]["k"], "label": reasons[b[2]]["l"],
             "comment": reasons[b[2]]["c"], "full": b[3] or reasons[b[2]]["k"]}
            for b in data["docs"][doc]["b"]]
