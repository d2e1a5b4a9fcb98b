"""The review page as one self-contained HTML file: inline CSS, a little JavaScript, the data as JSON.

No text of the input is ever written as markup: it travels in a ``<script type="application/json">``
with ``<``, ``>`` and ``&`` written as ``\\u003c``/``\\u003e``/``\\u0026`` (so no ``</script>`` or
``<!--`` can appear in it), and the script puts it into the page through ``textContent``. A
Content-Security-Policy lets only this page's own script run (by its hash) and loads nothing from
the network.
"""

from __future__ import annotations

import base64
import hashlib
import json
from functools import cache
from pathlib import Path
from typing import Any

FOLD_MIN = 5  # a run of this many removed blocks is folded into one line that unfolds on click
_HERE = Path(__file__).resolve().parent


@cache
def _asset(name: str) -> str:
    return (_HERE / name).read_text(encoding="utf-8")


def embed_json(data: Any) -> str:
    """``data`` as JSON that is safe inside a script element (and in UTF-8: a lone surrogate, which a
    decoded input may hold, is written as its ``\\udcxx`` escape).

    >>> embed_json({"t": "</script><!-- & \\u2028"})
    '{"t":"\\\\u003c/script\\\\u003e\\\\u003c!-- \\\\u0026 \\u2028"}'
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def page(data: dict[str, Any], title: str = "cleaner review") -> bytes:
    """The whole page, UTF-8 encoded."""
    script = _asset("review.js")
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
    csp = f"default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-{digest}'"
    html = TEMPLATE.format(csp=csp, title=_escape(title), css=_asset("review.css"), fold=FOLD_MIN,
                           data=embed_json(data), script=script)
    return html.encode("utf-8", errors="backslashreplace")


def _escape(text: str) -> str:
    from html import escape

    return escape(text, quote=True)


TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
{css}</style>
</head>
<body data-fold-min="{fold}">
<header>
<h1>{title}</h1>
<p id="totals"></p>
<div class="chart-title">Reasons that removed the most words (click one to see where)</div>
<div id="chart"></div>
<div id="controls">
<input id="search" type="search" placeholder="search documents" aria-label="search documents">
<label>more than <input id="min-share" type="number" min="0" max="100" step="5" value="0">% removed</label>
<span id="reason-filter" hidden>reason: <b id="reason-name"></b>
<button id="clear-reason" type="button">show all</button></span>
<span id="shown"></span>
</div>
</header>
<main id="docs"></main>
<noscript><p>This page draws the review with JavaScript; please allow it for this file.</p></noscript>
<script type="application/json" id="data">{data}</script>
<script>{script}</script>
</body>
</html>
"""
