"""Fuzzing: arbitrary text, HTML-ish strings from a grammar, arbitrary configs. Never a crash.

CI runs a fixed budget (CLEANER_FUZZ_EXAMPLES, default 40 per test, derandomized so CI is stable).
A longer local run, with fresh random examples:

    CLEANER_FUZZ_EXAMPLES=5000 CLEANER_FUZZ_RANDOM=1 PYTHONPATH=$PWD \
        python -m pytest tests/hostile/test_fuzz.py
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner import Cleaner, CleanerError, Config, InputFormat, Mode

EXAMPLES = int(os.environ.get("CLEANER_FUZZ_EXAMPLES", "40"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None,
                derandomize=os.environ.get("CLEANER_FUZZ_RANDOM") != "1",
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

TAGS = ["p", "div", "span", "a", "br", "li", "ul", "table", "tr", "td", "script", "style", "h1", "nav",
        "article", "footer", "pre", "html", "body", "head", "title", "meta", "svg", "math", "template"]
ENTITIES = ["&amp;", "&lt;", "&gt;", "&nbsp;", "&#0;", "&#x110000;", "&#55296;", "&bogus;", "&", "&#",
            "&lol9;"]
WORDS = st.sampled_from(["the", "council", "bridge", "Home", "Share", "Copyright", "réuni", "市议会",
                         "\0", "\ufeff", "\udcff", "\u202e", "<!--", "-->", "<![CDATA[", "]]>", "<?xml",
                         "<!DOCTYPE"])
ATTR = st.tuples(st.sampled_from(["class", "id", "href", "charset", "style", "on", "x:y"]),
                 st.text(max_size=12)).map(lambda kv: f' {kv[0]}="{kv[1]}"')


@st.composite
def element(draw: st.DrawFn, depth: int = 0) -> str:
    tag = draw(st.sampled_from(TAGS))
    attrs = "".join(draw(st.lists(ATTR, max_size=2)))
    parts = draw(st.lists(st.one_of(WORDS, st.sampled_from(ENTITIES), st.text(max_size=20),
                                    *([element(depth + 1)] if depth < 6 else [])), max_size=5))
    close = draw(st.sampled_from([f"</{tag}>", "", f"</{tag}", "</>"]))
    return f"<{tag}{attrs}>" + " ".join(parts) + close


HTML = st.lists(element(), min_size=1, max_size=6).map("".join)
CONFIGS = st.builds(Config, mode=st.sampled_from(list(Mode)),
                    input_format=st.sampled_from(list(InputFormat)),
                    default_rules=st.booleans(),
                    encoding=st.sampled_from([None, "utf-8", "latin-1", "cp932"]),
                    timeout=st.sampled_from([None, 5.0]))


def clean_or_refuse(data: str | bytes, config: Config) -> None:
    """A result (str) or a CleanerError: anything else is a bug."""
    try:
        result = Cleaner(config).clean(data)
    except CleanerError:
        return
    assert isinstance(result.text, str)


@FUZZ
@given(st.text(), CONFIGS)
def test_any_text(text: str, config: Config) -> None:
    clean_or_refuse(text, config)


@FUZZ
@given(st.binary(max_size=2000), CONFIGS)
def test_any_bytes(data: bytes, config: Config) -> None:
    clean_or_refuse(data, config)


@FUZZ
@given(HTML, CONFIGS, st.sampled_from(["utf-8", "utf-16", "cp1252", "gb18030"]))
def test_html_from_a_grammar(html: str, config: Config, codec: str) -> None:
    clean_or_refuse(html, config)
    clean_or_refuse(html.encode(codec, errors="surrogateescape" if codec == "utf-8" else "replace"), config)
