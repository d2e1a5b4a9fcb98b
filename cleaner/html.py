"""HTML -> blocks: trafilatura finds the article region, its block tree becomes Blocks with DOM hints.

The engine then classifies those blocks like any text (rules, scores, context), so the chrome
trafilatura leaves inside its region (related links, share rows, author boxes) is removed with the
same rules and ``--explain`` reasons as for a text dump.

Stages, in order: ``decode_html`` (bytes -> text, charset rules below) -> ``html_blocks``:
  1. ``trafilatura_blocks``: trafilatura in recall mode without comments (measured on the dev
     bench: the most body text, and ~0.65x the time of its default ``extract``), its XML walked
     into blocks: one per paragraph, heading, list item, table row or ``<lb/>``-separated line;
     a layout table (cells holding paragraphs, headings, lists) is walked cell by cell as page flow.
     ``_rejoin`` first mends paragraphs trafilatura cut at inline links (text running through links in a
     <div> with <br>s: it ends a <p> mid-sentence before a link and glues the link to the words after it).
  1b. ``add_chunks``: an article split into several containers of one class (WIRED's chunks
     between ads) gets the other containers' paragraphs, in place (trafilatura keeps one chunk).
  2. if trafilatura finds nothing: ``dom_blocks`` over the whole page (block-level elements and
     ``<br>`` split blocks; scripts, styles, forms are skipped), the engine then works as on a dump.
  3. if lxml cannot build the tree (it stops at depth 256): ``strip_tags`` and the text segmenter.

``para`` numbers paragraphs (a list or a table is one paragraph, its items a block each), so
rendering puts a blank line between paragraphs. ``start``/``end`` are offsets into the *page text*,
the blocks joined as ``render`` would join them all: trafilatura does not keep source offsets.

Hints (read with ``Block.hint``):
  tag           p | h1..h6 | li | tr | blockquote | pre: what the block was in the DOM
  link_density  share of the block's characters inside links, 0..1 (rounded to 3 places)
  source        trafilatura | chunk | dom: which stage made the block. trafilatura and chunk blocks
                are the article region already (pre-extracted: only chrome-evident blocks should
                go); dom blocks are the whole page (fallback: classify as a dump)
  page_title    True on the leading block that repeats the page's <title>/og:title: the headline;
                the engine takes it as its title anchor (pipeline.assess), as a dump's first line
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import replace

from lxml import etree

from .decode import _SAMPLE, byte_order_mark, decode, utf8_text
from .types import Block

_WS = re.compile(r"\s+")
_HEAD_REND = {"h1", "h2", "h3", "h4", "h5", "h6"}


def _norm(text: str) -> str:
    return _WS.sub(" ", text).strip()


class _Builder:
    """Accumulates (text, para, hints) lines, then numbers them into Blocks with page-text offsets."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.rows: list[tuple[str, int, tuple]] = []
        self.para = -1

    def new_para(self) -> None:
        self.para += 1

    def add(self, parts: list[tuple[str, bool]], tag: str) -> None:
        """``parts`` are (text, in_link) runs of one block; whitespace runs collapse to one space."""
        linked = sum(len(_norm(t)) for t, in_link in parts if in_link)
        self.add_text(_norm("".join(t for t, _ in parts)), linked, tag)

    def add_text(self, text: str, linked: int, tag: str) -> None:
        if not text:
            return
        density = round(min(1.0, linked / len(text)), 3)
        hints = (("tag", tag), ("link_density", density), ("source", self.source))
        self.rows.append((text, max(self.para, 0), hints))

    def blocks(self) -> list[Block]:
        out: list[Block] = []
        pos, last = 0, None
        for i, (text, para, hints) in enumerate(self.rows):
            if out:
                pos += 1 if para == last else 2
            out.append(Block(index=i, text=text, start=pos, end=pos + len(text), para=para, hints=hints))
            pos += len(text)
            last = para
        return out


# --- trafilatura's output tree -------------------------------------------------------------------

def _runs(el: etree._Element, in_link: bool = False) -> Iterator[tuple[str, bool] | None]:
    """Text runs of ``el`` in order, each with whether it sits in a link; None marks a <lb/>.

    A nested <list> is skipped: its items are blocks of their own.
    """
    if el.text:
        yield el.text, in_link
    for child in el:
        if child.tag == "lb":
            yield None
        elif child.tag != "list":
            yield from _runs(child, in_link or child.tag == "ref")
        if child.tail:
            yield child.tail, in_link


def _lines(b: _Builder, el: etree._Element, tag: str) -> None:
    """One block per <lb/>-separated line of ``el``."""
    parts: list[tuple[str, bool]] = []
    for run in _runs(el):
        if run is None:
            b.add(parts, tag)
            parts = []
        else:
            parts.append(run)
    b.add(parts, tag)


def _row(b: _Builder, row: etree._Element) -> None:
    """A table row is one block, its cells separated by tabs."""
    cells, linked = [], 0
    for cell in row.iterchildren("cell"):
        runs = [r if r is not None else (" ", False) for r in _runs(cell)]
        cells.append(_norm("".join(t for t, _ in runs)))
        linked += sum(len(_norm(t)) for t, in_link in runs if in_link)
    b.add_text("\t".join(c for c in cells if c), linked, "tr")


_TAGS = {"p": "p", "quote": "blockquote", "code": "pre", "div": "p"}
_CONTAINERS = frozenset(("p", "list", "head", "table", "quote", "div"))


def _tag(el: etree._Element) -> str:
    if el.tag == "head":
        rend = el.get("rend", "")
        return rend if rend in _HEAD_REND else "h2"
    return _TAGS.get(el.tag, "p")


def _layout_row(row: etree._Element) -> bool:
    """A row whose cells hold paragraphs, headings or lists: page layout, not data."""
    return any(c.tag in _CONTAINERS for cell in row.iterchildren("cell") for c in cell)


def _flow(b: _Builder, el: etree._Element) -> None:
    """Mixed content of a layout cell: inline runs between block children are lines of their own."""
    parts: list[tuple[str, bool]] = [(el.text, False)] if el.text else []

    def flush() -> None:
        nonlocal parts
        if any(t.strip() for t, _ in parts):
            b.new_para()
            _lines_of(b, parts, "p")
        parts = []

    for child in el:
        if child.tag in _CONTAINERS or child.tag == "code":
            flush()
            _walk(b, el, [child])  # the child and its tail
            continue
        if child.tag == "lb":
            parts.append(("\n", False))
        elif child.tag != "graphic":
            parts.extend(r if r is not None else ("\n", False) for r in _runs(child, child.tag == "ref"))
        if child.tail:
            parts.append((child.tail, False))
    flush()


def _lines_of(b: _Builder, parts: list[tuple[str, bool]], tag: str) -> None:
    """``parts`` split at the line breaks that stand for <lb/>, one block per line."""
    line: list[tuple[str, bool]] = []
    for text, in_link in parts:
        if text == "\n":
            b.add(line, tag)
            line = []
        else:
            line.append((text, in_link))
    b.add(line, tag)


def _table(b: _Builder, table: etree._Element) -> None:
    """A data row is one block; a layout row's cells are walked as the page flow they hold."""
    b.new_para()
    for row in table.iterchildren("row"):
        if _layout_row(row):
            for cell in row.iterchildren("cell"):
                _flow(b, cell)
            b.new_para()
        else:
            _row(b, row)


def _walk(b: _Builder, el: etree._Element, only: list[etree._Element] | None = None) -> None:
    """Trafilatura's XML (p, head, list/item, table/row/cell, quote, code, div) -> blocks.

    ``only``: these children of ``el`` instead of all of them."""
    for child in el if only is None else only:
        if child.tag == "list":
            b.new_para()
            for item in child.iter("item"):
                _lines(b, item, "li")
        elif child.tag == "table":
            _table(b, child)
        elif child.tag in ("quote", "div") and any(c.tag in _CONTAINERS for c in child):
            if child.text and child.text.strip():
                b.new_para()
                b.add([(child.text, False)], _tag(child))
            _walk(b, child)
        elif child.tag not in ("lb", "graphic"):
            b.new_para()
            _lines(b, child, _tag(child))
        if child.tail and child.tail.strip():
            b.new_para()
            b.add([(child.tail, False)], "p")


@functools.cache
def _extractor() -> object:
    """trafilatura's options, built once: per call it would re-read its config (ConfigParser look-ups
    and a date) for every page. trafilatura copies an Extractor before changing it, so one is shared."""
    from trafilatura.settings import Extractor

    return Extractor(output_format="txt", recall=True, comments=False, tables=True, links=True)


def trafilatura_blocks(html: str) -> list[Block]:
    """The article region trafilatura finds (favor_recall, no comments), as blocks; [] if none."""
    from trafilatura import bare_extraction

    doc = bare_extraction(html, options=_extractor())  # type: ignore[arg-type]
    body = getattr(doc, "body", None)  # a Document (a dict only with as_dict=True, not used here)
    if body is None:
        return []
    _rejoin(body)
    b = _Builder("trafilatura")
    _walk(b, body)
    return b.blocks()


_OPEN_END = re.compile(r"[^\W_]\s*$")   # a paragraph that stops on a word: its sentence goes on
_GLUED = re.compile(r"[^\W_]|[,;:)]")    # a link's tail that goes on with a letter (the space was lost)
                                          # or the sentence's punctuation


def _rejoin(el: etree._Element) -> None:
    """Mend paragraphs that trafilatura cut at inline links: where a page's text runs through links
    outside any <p> (a <div> with <br>s), its recall mode may end a paragraph mid-sentence before a link
    and start the next with the link, losing the space after it ('... we announced | <ref>Macquarie
    University</ref>demonstrated how ...'). A <p> that opens with a link whose tail is glued to it is
    joined to the <p> before it when that one stops on a word, its sentence unfinished."""
    prev = None
    for child in list(el):
        if child.tag in ("div", "quote"):
            _rejoin(child)
        link = child[0] if child.tag == "p" and len(child) > 0 and not (child.text or "").strip() else None
        tail = link.tail or "" if link is not None and link.tag == "ref" else ""
        glued = link is not None and _GLUED.match(tail) is not None
        if glued and tail[0].isalnum():
            link.tail = " " + tail  # type: ignore[union-attr]
        if glued and prev is not None and prev.tag == "p" and not (prev.tail or "").strip() \
                and _OPEN_END.search("".join(prev.itertext())):
            if len(prev):
                prev[-1].tail = (prev[-1].tail or "").rstrip() + " "
            else:
                prev.text = (prev.text or "").rstrip() + " "
            prev.extend(list(child))
            prev.tail = child.tail
            el.remove(child)
            continue
        prev = child


# --- split bodies: the article in several containers of one class ---------------------------------

_P_TAG = re.compile(r"<p[\s>]", re.IGNORECASE)
_CHUNK_MIN_CHARS = 200   # the other containers must hold at least this much paragraph text
_CHUNK_MIN_HITS = 3      # and the article's container at least this many extracted paragraphs


def _p_text(p: etree._Element) -> tuple[str, int]:
    """A <p>'s text, whitespace collapsed, and how many of its characters are inside links."""
    text = _norm(p.text_content())
    linked = sum(len(_norm(a.text_content())) for a in p.iter("a")) if text else 0
    return text, linked


_Run = list[tuple[str, int]]   # (paragraph text, linked characters)


def _chunk_paragraphs(root: etree._Element, have: list[str]) -> list[tuple[int, _Run]]:
    """Paragraphs of the article's *other* containers, each run placed after an extracted block.

    Sites cut a long article into several containers of one class (WIRED's ``body__container``
    chunks between ads); trafilatura keeps one. The container holding most extracted paragraphs
    gives the class; every other element of the same tag and class adds its paragraphs that are not
    extracted yet. Returns (index of the extracted block they follow, [(text, linked chars)]).
    """
    keys = {t[:60] for t in have if len(t) >= 20}
    by_parent: dict[etree._Element, list[tuple[str, int, bool]]] = {}
    for p in root.iter("p"):
        text, linked = _p_text(p)
        if text:
            by_parent.setdefault(p.getparent(), []).append((text, linked, text[:60] in keys))
    hits = {parent: sum(m for *_, m in ps) for parent, ps in by_parent.items() if parent is not None}
    if not hits:
        return []
    main = max(hits, key=hits.__getitem__)
    cls = main.get("class", "").strip()
    if hits[main] < _CHUNK_MIN_HITS or not cls:
        return []
    runs: list[tuple[int, _Run]] = []
    last, index = -1, {t[:60]: i for i, t in enumerate(have) if len(t) >= 20}
    for parent, ps in by_parent.items():  # document order: dicts keep insertion order
        if parent is None or parent.tag != main.tag or parent.get("class", "").strip() != cls:
            continue
        for text, linked, matched in ps:
            if matched:
                last = max(last, index[text[:60]])
            elif parent is not main and last >= 0:  # before the region: a lede or pull quote
                if runs and runs[-1][0] == last:
                    runs[-1][1].append((text, linked))
                else:
                    runs.append((last, [(text, linked)]))
    if sum(len(t) for _, run in runs for t, *_ in run) < _CHUNK_MIN_CHARS:
        return []
    return runs


def add_chunks(blocks: list[Block], html: str) -> list[Block]:
    """``blocks`` with the paragraphs of the article's other same-class containers put in place.

    Only parses the page when it has clearly more <p> tags than extracted paragraphs. Added blocks
    carry ``source="chunk"``: article region like trafilatura's, found by the container class.
    """
    n_p = sum(1 for b in blocks if b.hint("tag") == "p")
    if len(_P_TAG.findall(html)) < n_p + 4:
        return blocks
    root = _parse(html)
    if root is None:
        return blocks
    runs = _chunk_paragraphs(root, [b.text for b in blocks])
    if not runs:
        return blocks
    after: dict[int, _Run] = {}
    for i, run in runs:
        after.setdefault(i, []).extend(run)
    b = _Builder("trafilatura")
    para_of: dict[int, int] = {}

    def emit_run(run: _Run) -> None:
        b.source = "chunk"
        for text, linked in run:
            b.new_para()
            b.add_text(text, linked, "p")
        b.source = "trafilatura"

    for i, blk in enumerate(blocks):
        if blk.para not in para_of:
            b.new_para()
            para_of[blk.para] = b.para
        b.rows.append((blk.text, b.para, blk.hints))
        if i in after and (i + 1 == len(blocks) or blocks[i + 1].para != blk.para):
            emit_run(after[i])
        elif i in after:  # the matched block is inside a list/table paragraph: after the paragraph
            j = i
            while j + 1 < len(blocks) and blocks[j + 1].para == blk.para:
                j += 1
            after.setdefault(j, []).extend(after.pop(i))
    return b.blocks()


# --- the whole page: fallback when trafilatura finds nothing -------------------------------------

_SKIP = frozenset(("script", "style", "noscript", "template", "head", "svg", "math", "iframe", "object",
                   "embed", "canvas", "select", "textarea", "button", "input", "video", "audio", "map"))
_BLOCK = frozenset(("p", "div", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6",
                    "tr", "table", "thead", "tbody", "tfoot", "blockquote", "pre", "section", "article",
                    "header", "footer", "nav", "aside", "main", "form", "fieldset", "figure", "figcaption",
                    "address", "details", "summary", "center", "hr", "body", "html", "td", "th", "caption"))
_INLINE = frozenset(("a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "font", "i", "img",
                     "kbd", "label", "mark", "nobr", "q", "rp", "rt", "ruby", "s", "samp", "small", "span",
                     "strike", "strong", "sub", "sup", "time", "tt", "u", "var", "wbr", "del", "ins"))
_KEEP_NAMES = frozenset(("li", "pre", "blockquote", "tr"))
_TAG_NAMES = {"td": "tr", "th": "tr", "dt": "li", "dd": "li", "figcaption": "p", "caption": "p"}


class _DomWalk:
    """State of one walk over a page: the text runs of the block being built and where they sit."""

    def __init__(self, root: etree._Element) -> None:
        self.b = _Builder("dom")
        self.parts: list[tuple[str, bool]] = []
        self.owners: list[etree._Element] = [root]  # the block-level elements the current run sits in
        self.skip = 0                # depth inside skipped elements (script, style, form controls)
        self.links = 0               # depth inside <a>
        self.after_br = False        # the block being built started at a <br>: same paragraph

    def text(self, text: str | None) -> None:
        if text and not self.skip:
            self.parts.append((text, self.links > 0))

    def flush(self) -> None:
        if any(t.strip() for t, _ in self.parts):
            el, b = self.owners[-1], self.b
            name = _TAG_NAMES.get(el.tag, el.tag if el.tag in _HEAD_REND or el.tag in _KEEP_NAMES else "p")
            same_list = name in ("li", "tr") and b.rows and b.rows[-1][2][0][1] == name
            if not (self.after_br or same_list):
                b.new_para()
            b.add(self.parts, name)
        self.parts = []

    def start(self, el: etree._Element, tag: str | None) -> None:
        if self.skip or tag in _SKIP:
            self.skip += 1
            return
        if tag in _BLOCK or tag == "br":
            self.flush()
            self.after_br = tag == "br"
        if tag in _BLOCK:
            self.owners.append(el)
        self.links += tag == "a"
        self.text(el.text)

    def end(self, el: etree._Element, tag: str | None) -> None:
        if self.skip:
            self.skip -= 1
        elif tag in _BLOCK:
            self.flush()
            self.after_br = False
            self.owners.pop()
        elif tag == "a":
            self.links -= 1
        if len(self.owners) > 1 or el.tag not in ("html", "body"):
            self.text(el.tail)


def _block_name(el: etree._Element) -> str | None:
    """The tag as the walk sees it: unknown elements (XML, custom elements) are blocks; None: comment/PI."""
    if not isinstance(el.tag, str):
        return None
    tag = el.tag.lower()
    return tag if tag in _INLINE or tag in _SKIP or tag in _BLOCK or tag == "br" else "div"


def dom_blocks(root: etree._Element) -> list[Block]:
    """Every text run of the page, split at block-level elements and <br>.

    Iterative (``etree.iterwalk``), so a 10,000-deep page cannot overflow the stack.
    """
    walk = _DomWalk(root)
    for event, el in etree.iterwalk(root, events=("start", "end", "comment", "pi")):
        if event == "start":
            walk.start(el, _block_name(el))
        elif event == "end":
            walk.end(el, _block_name(el))
        else:  # a comment or processing instruction has no end event: only its tail is page text
            walk.text(el.tail)
    walk.flush()
    return walk.b.blocks()


_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]{0,30})?[^<>]{0,3000}>")
_RAW_OPEN = re.compile(r"<!--|<(script|style|noscript|template)\b")
_MAX_TRAFILATURA = 20_000_000  # characters; trafilatura's own MAX_FILE_SIZE. Bigger pages: DOM walk only


def strip_tags(html: str, unescape: bool = True) -> str:
    """Last resort, no parser: the page's text with block tags as line breaks (linear time).

    For what lxml cannot give (it stops building the tree at depth 256): script/style contents
    and comments are cut with ``str.find``, every tag is dropped, block-level tags become newlines.

    >>> strip_tags("<div>a<script>x<y</script>b</div><p>c &amp; d<!-- e -->")
    'ab\\n\\nc & d'
    """
    import html as html_lib

    out, pos, lower = [], 0, html.lower()
    while (m := _RAW_OPEN.search(lower, pos)) is not None:  # pos only moves forward: linear
        out.append(html[pos:m.start()])
        close = "</" + m.group(1) if m.group(1) else "-->"
        end = lower.find(close, m.end())
        if end < 0:
            pos = len(html)  # an unclosed script runs to the end, as in a browser
            break
        pos = end + 3 if close == "-->" else (lower.find(">", end) + 1 or len(html))
    out.append(html[pos:])

    def tag(m: re.Match[str]) -> str:
        return "\n" if (m.group(2) or "").lower() in _BLOCK or (m.group(2) or "").lower() == "br" else ""

    text = _TAG.sub(tag, "".join(out))
    if not unescape:
        return text
    return html_lib.unescape(re.sub(r"\n\s*\n\s*", "\n\n", re.sub(r"[ \t\r\f\v]+", " ", text))).strip()


def _parse(html: str) -> etree._Element | None:
    """The page as an lxml tree, or None. Strings with an XML encoding declaration are parsed as bytes."""
    import lxml.html

    try:
        return lxml.html.document_fromstring(html)
    except ValueError:  # "Unicode strings with encoding declaration are not supported", or empty
        try:
            return lxml.html.document_fromstring(html.encode("utf-8", "surrogatepass"))
        except (ValueError, etree.ParserError):
            return None
    except etree.ParserError:
        return None


_TITLE = re.compile(r"<title[^>]{0,200}>([^<]{1,500})</title>", re.IGNORECASE)
_META_TITLE = re.compile(r"""<meta\s[^>]{0,200}?(?:property|name)=["'](?:og:title|twitter:title)["']"""
                         r"""[^>]{0,50}?content=["']([^"'<>]{1,500})["']""", re.IGNORECASE)
_TITLE_SEP = re.compile(r"\s+(?:[|–—:»·]|-|::)\s+")
_TITLE_LOOKAHEAD = 5   # the headline is among the first blocks of the region, if it is there at all


def _titles(html: str) -> set[str]:
    """The page's own titles (<title>, og:title, twitter:title): whole, split at " | ", " - ", cut at each.

    >>> sorted(_titles("<title>Bridge to open in May | The Paper</title>"))
    ['bridge to open in may', 'bridge to open in may | the paper', 'the paper']

    A headline may hold a separator itself: what precedes or follows each separator is a title too.

    >>> "tides - a year of records" in _titles("<title>The Paper - Tides - A year of records</title>")
    True
    """
    import html as html_lib

    head = html[:65536]
    found = [m.group(1) for m in _TITLE.finditer(head, 0, 65536)][:1] + _META_TITLE.findall(head)
    out: set[str] = set()
    for title in found:
        title = _norm(html_lib.unescape(title)).casefold()
        out.add(title)
        out.update(part for part in _TITLE_SEP.split(title) if part)
        for m in _TITLE_SEP.finditer(title):  # a headline with a separator of its own: 'Site - Head - line'
            out.update(part for part in (title[:m.start()], title[m.end():]) if part)
    return out


def _mark_title(blocks: list[Block], html: str) -> list[Block]:
    """Hint ("page_title", True) on the longest of the leading blocks that repeat the page's title (the
    headline, not the site's name above it)."""
    titles = _titles(html) if blocks else set()
    found = [i for i, b in enumerate(blocks[:_TITLE_LOOKAHEAD]) if _norm(b.text).casefold() in titles]
    if not found:
        return blocks
    i = max(found, key=lambda k: len(blocks[k].text))
    b = blocks[i]
    return [*blocks[:i], replace(b, hints=(*b.hints, ("page_title", True))), *blocks[i + 1:]]


# libxml2's HTML parser checks each attribute against the earlier ones of its element: quadratic
# (80,000 attributes on one tag: 16 s; 500,000: hours), inside one C call that no signal interrupts.
# Such a tag (>= _MAX_ATTRS attributes, quoted or not, any separator libxml2 accepts) loses them all.
_MAX_ATTRS = 1000
_ATTR = r"""(?:[\s/]*+[^\s=<>"'/]++(?:\s*+=\s*+(?:"[^"]*+"|'[^']*+'|[^\s<>"']*+))?+)"""
_MANY_ATTRS = re.compile(rf"(<[A-Za-z][^\s/<>]*+){_ATTR}{{{_MAX_ATTRS}}}{_ATTR}*+\s*+/?>?")


def defuse(html: str) -> str:
    """``html`` with the attributes of over-attributed tags dropped (linear: possessive quantifiers).

    >>> defuse("<p>a</p><div " + " ".join(f"x{i}=1" for i in range(5000)) + ">b</div>")
    '<p>a</p><div>b</div>'
    """
    return _MANY_ATTRS.sub(lambda m: m.group(1) + ">", html)


_SURROGATE = re.compile("[\ud800-\udfff]")


def _scrub(html: str) -> str:
    """No NULs, and lone surrogates (text decoded with surrogateescape, JSON ``"\\udcff"``) as U+FFFD:
    lxml cannot take them and the page would come out as one garbled block.

    >>> _scrub("a\\x00b\\udce9") == "ab\\ufffd"
    True
    """
    html = html.replace("\x00", "")
    try:
        html.encode("utf-8")
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", html)
    return html


def html_blocks(html: str) -> tuple[list[Block], str]:
    """(blocks, source) for a decoded page: trafilatura's region, else the whole page's text.

    ``source`` is "html" when trafilatura found the article, "html-fallback" when the blocks are
    the whole page from the DOM (the engine then works as on a text dump), "html-text" when they
    come from the page with its tags stripped (lxml could not build the tree: too deep, not HTML),
    and "html-empty" when the page has no text at all.
    """
    from .segment import segment

    html = defuse(_scrub(html))
    blocks: list[Block] = []
    if len(html) <= _MAX_TRAFILATURA:
        try:
            blocks = trafilatura_blocks(html)
        except (RecursionError, ValueError, TypeError, AssertionError, etree.LxmlError):
            blocks = []  # trafilatura gave up on a hostile tree: the iterative walker below does not
    if blocks:
        return _mark_title(add_chunks(blocks, html), html), "html"
    root = _parse(html)
    blocks = dom_blocks(root) if root is not None else []
    text = strip_tags(html)
    if sum(len(b.text) for b in blocks) >= 0.5 * len(text):
        return _mark_title(blocks, html), "html-fallback" if blocks else "html-empty"
    return segment(text), "html-text"
# --- bytes -> text ---------------------------------------------------------------------------------

_META_CHARSET = re.compile(rb"""<meta[^>]{0,300}?charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]{1,40})""",
                           re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([a-zA-Z0-9_.:-]{1,40})""")
# WHATWG Encoding Standard labels that browsers decode with a superset codec.
_SUPERSET = {"iso-8859-1": "cp1252", "latin-1": "cp1252", "latin1": "cp1252", "ascii": "cp1252",
             "us-ascii": "cp1252", "iso8859-1": "cp1252", "gb2312": "gb18030", "gbk": "gb18030",
             "shift_jis": "cp932", "shift-jis": "cp932", "sjis": "cp932", "x-sjis": "cp932",
             "euc-kr": "cp949", "ks_c_5601-1987": "cp949", "iso-8859-9": "cp1254", "tis-620": "cp874",
             "utf-16": "utf-8", "utf-16le": "utf-8", "utf-16be": "utf-8"}  # a *declared* UTF-16 is UTF-8


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in its first 4 KB (XML declaration or <meta>), normalised."""
    head = data[:4096]
    m = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    if not m:
        return None
    label = m.group(1).decode("ascii").lower()
    return _SUPERSET.get(label, label)


def decode_html(data: bytes, encoding: str | None = None) -> str:
    """Bytes of a page -> text.

    Order (each step says why): an explicit ``encoding`` wins; a BOM is certain; valid UTF-8 with
    non-ASCII bytes is UTF-8 whatever the page declares (the usual wrong declaration is latin-1 on a
    UTF-8 page, and real cp1252/Shift-JIS text is almost never valid UTF-8); then the declared
    charset (WHATWG supersets: latin-1 -> cp1252, gb2312 -> gb18030, ...) if it decodes strictly;
    otherwise the declaration is wrong or missing: charset-normalizer on the page's text without
    its tags (``_detect``; on whole pages it picked cp1250/cp775 for Portuguese cp1252), then
    ``decode`` with that codec, or ``decode``'s own detection if there is no guess.

    >>> decode_html('<meta charset="iso-8859-1"><p>café</p>'.encode("utf-8"))[-11:]
    '<p>café</p>'
    >>> decode_html('<meta charset="windows-1252"><p>café</p>'.encode("cp1252"))[-11:]
    '<p>café</p>'
    """
    if encoding:
        return decode(data, encoding)
    bom = byte_order_mark(data)
    if bom:  # the codec without the mark; decode drops a second mark, as the BOM-reading codecs did
        return decode(data[len(bom[0]):], bom[1])
    text = utf8_text(data)
    if text is not None:
        return text
    declared = declared_charset(data)
    if declared and declared != "utf-8":
        try:
            return data.decode(declared)
        except (LookupError, UnicodeDecodeError):
            pass
    guess = _detect(data)
    if guess:
        try:
            return data.decode(guess)
        except (LookupError, UnicodeDecodeError):
            pass  # the guess came from a sample; the whole page says otherwise
    return decode(data)


# Latin single-byte code pages a detector cannot tell apart from windows-1252 by letter statistics;
# windows-1252 is by far the most used of them on the web (and the WHATWG default), so it wins ties.
_LATIN_LOOKALIKES = frozenset(("cp1250", "cp1257", "cp1258", "latin_1", "iso8859_2", "iso8859_4",
                               "iso8859_10", "iso8859_13", "iso8859_14", "iso8859_15", "iso8859_16",
                               "mac_latin2", "mac_roman", "mac_iceland", "cp775", "cp850", "cp852", "cp858"))


def _detect(data: bytes) -> str | None:
    """charset-normalizer on the page's *text* (tags and scripts out: ASCII markup drowns the letters)."""
    from charset_normalizer import from_bytes

    sample = strip_tags(data[:_SAMPLE].decode("latin-1"), unescape=False).encode("latin-1")
    best = from_bytes(sample).best()
    if best is None:
        return None
    if best.encoding in _LATIN_LOOKALIKES:
        try:
            data.decode("cp1252")
            return "cp1252"
        except UnicodeDecodeError:
            pass
    return best.encoding


