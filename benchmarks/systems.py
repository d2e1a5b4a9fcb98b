"""The systems the benchmarks compare: cleaner, the baselines and the optional HTML anchors.

A system is a name and a function from one page's input (str, or bytes for html) to its body.
Anchors are third-party extractors (``pip install '.[bench]'``); each one that cannot be imported
is skipped with a note instead of failing the run.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from . import baselines

Extract = Callable[[str | bytes], str]

PROBE_SENTENCE = "The council met on Tuesday and agreed that the new bridge will be built over the river."
PROBE_HTML = ("<!DOCTYPE html><html><head><title>Bridge</title></head><body><nav><a href='/'>Home</a></nav>"
              f"<article><p>{PROBE_SENTENCE}</p><p>{PROBE_SENTENCE}</p></article></body></html>")


@dataclass(frozen=True, slots=True)
class System:
    name: str
    extract: Extract


def as_text(data: str | bytes) -> str:
    return data.decode("utf-8", errors="replace") if isinstance(data, bytes) else data


NO_HEADLINE = " --no-headline"


def cleaner_system(mode: str = "balanced", headline: bool = True) -> System:
    """cleaner's front door, one Cleaner (rules compiled once) for the whole run. ``headline=False``:
    the headline that leads the body left out of the text (the bench gold's articleBody convention)."""
    from cleaner import Cleaner, Config, Mode

    c = Cleaner(Config(mode=Mode(mode), headline=headline))
    name = ("cleaner" if mode == "balanced" else f"cleaner:{mode}") + ("" if headline else NO_HEADLINE)
    return System(name, lambda data: c.clean(data).text)


def cleaner_html_note(system: System) -> str | None:
    """None when cleaner handles HTML (markup gone, body kept), else why the html track skips it."""
    try:
        out = system.extract(PROBE_HTML.encode("utf-8"))
    except Exception as exc:  # noqa: BLE001 - any failure means "no HTML path yet"
        return f"cleaner raised {type(exc).__name__} on HTML input: no HTML path yet"
    if "<p>" in out or PROBE_SENTENCE not in out:
        return "cleaner does not take HTML yet (markup not stripped or body lost on a probe page)"
    return None


def text_baselines() -> list[System]:
    return [System("as-is", lambda d: baselines.as_is(as_text(d))),
            System("C4 filter", lambda d: baselines.c4_filter(as_text(d)))]


def _trafilatura(favor_precision: bool = False, favor_recall: bool = False,
                 include_comments: bool = True) -> Extract:
    import trafilatura

    def run(d: str | bytes) -> str:
        out = trafilatura.extract(as_text(d), favor_precision=favor_precision, favor_recall=favor_recall,
                                  include_comments=include_comments)
        return out or ""

    return run


def _readability() -> Extract:
    import lxml.html
    from readability import Document

    def run(d: str | bytes) -> str:
        summary = Document(as_text(d)).summary(html_partial=True)
        return "\n".join(t.strip() for t in lxml.html.fromstring(summary).itertext() if t.strip())

    return run


def _resiliparse() -> Extract:
    from resiliparse.extract.html2text import extract_plain_text

    return lambda d: extract_plain_text(as_text(d), main_content=True)


def _justext() -> Extract:
    import justext

    stoplist = justext.get_stoplist("English")

    def run(d: str | bytes) -> str:
        raw = d if isinstance(d, bytes) else d.encode("utf-8")
        return "\n\n".join(p.text for p in justext.justext(raw, stoplist) if not p.is_boilerplate)

    return run


ANCHORS: dict[str, Callable[[], Extract]] = {
    "trafilatura": lambda: _trafilatura(),
    "trafilatura:precision": lambda: _trafilatura(favor_precision=True),
    "trafilatura:recall": lambda: _trafilatura(favor_recall=True),
    # trafilatura's own evaluation settings (trafeval-dev/README.md): comments left out, tables kept
    "trafilatura:eval": lambda: _trafilatura(include_comments=False),
    "readability-lxml": _readability,
    "resiliparse": _resiliparse,
    "jusText": _justext,
}


def html_anchors(names: list[str]) -> tuple[list[System], list[str]]:
    """The named anchors that import here, and a note for each one that does not."""
    systems, notes = [], []
    for name in names:
        if name not in ANCHORS:
            notes.append(f"unknown anchor {name!r} (known: {', '.join(ANCHORS)})")
            continue
        try:
            systems.append(System(name, ANCHORS[name]()))
        except ImportError as exc:
            notes.append(f"{name} skipped: not importable ({exc.name or exc}); pip install '.[bench]'")
    return systems, notes
