"""Is this input HTML? Decided from the content, never from a file name.

Scripts and styles that open a page before its first other tag (a template's inline JavaScript or CSS,
often longer than the few KB looked at) are skipped first. Then it is
HTML if the first non-blank characters (after a BOM, an XML declaration and comments) are
``<!doctype html`` or ``<html`` (or an XML declaration and a root element: RSS, SVG and XHTML
go the markup path too, where their text is taken out of the elements), or if the first few KB
are dense in known HTML tags: at least
``_MIN_TAGS`` tags of ``_TAGS``, more than one tag per ``_CHARS_PER_TAG`` characters, and a tag on at
least half the non-blank lines. A plain text dump that mentions ``<b>`` or ``<div>`` in a sentence
stays text, and so does a tutorial's text whose code samples are markup: its prose lines hold none.

>>> is_html("<!DOCTYPE html><html><body><p>Hi</p></body></html>")
True
>>> is_html("Use <b> for bold and <i> for italics in your post.")
False
"""

from __future__ import annotations

import re

_HEAD = 4096            # bytes/characters looked at, after the scripts and styles that open the page
_PREAMBLE = 1 << 16     # how far such opening scripts and styles are skipped
_MIN_TAGS = 8           # a fragment needs this many known tags ...
_CHARS_PER_TAG = 200    # ... and at least one per this many characters (a page is ~1 per 20-60)

_LEAD = re.compile(r"(?:\ufeff|\s|<\?xml[^>]{0,200}\?>|<!--.{0,2000}?-->)*<(?:!doctype\s+html|html[\s>])",
                   re.IGNORECASE | re.DOTALL)
# An XML document (RSS, SVG, XHTML): markup all the same, its text is in the elements, not the tags.
_XML = re.compile(r"\ufeff?\s*<\?xml[^>]{0,200}\?>\s*"
                  r"(?:<!--.{0,2000}?-->\s*|<!DOCTYPE[^>]{0,500}>\s*)*<[A-Za-z]", re.DOTALL)
_OPENING = re.compile(r"(?:\ufeff|\s|<!--.*?-->|<(script|style)\b[^>]*>.*?</\1\s*>)*",
                      re.IGNORECASE | re.DOTALL)
_TAGS = re.compile(
    r"</?(?:html|head|body|meta|link|title|script|style|div|span|p|a|br|hr|img|ul|ol|li|table|tr|td|th|"
    r"h[1-6]|header|footer|nav|main|article|section|aside|form|input|button|iframe|noscript|figure|"
    r"blockquote|pre|em|strong|b|i|label|select|option|svg|picture|source|time)(?=[\s/>])[^<>]{0,500}>",
    re.IGNORECASE)


def is_html(data: str | bytes) -> bool:
    """True if ``data`` (text or undecoded bytes) looks like an HTML document or fragment."""
    head = data[:_PREAMBLE]
    if isinstance(head, bytes):
        head = _ascii_view(head)
    opening = _OPENING.match(head).end()  # type: ignore[union-attr]
    head = head[opening:opening + _HEAD] if opening else head[:_HEAD]
    if _LEAD.match(head) or _XML.match(head):
        return True
    tags = len(_TAGS.findall(head))
    return tags >= _MIN_TAGS and tags * _CHARS_PER_TAG > len(head) and _tagged_lines(head)


def _tagged_lines(head: str) -> bool:
    """A known tag on at least half the non-blank lines: markup wraps a fragment's text, where a text about
    markup has lines of prose between its samples."""
    lines = [line for line in head.splitlines() if line.strip()]
    return 2 * sum(_TAGS.search(line) is not None for line in lines) >= len(lines)


def _ascii_view(head: bytes) -> str:
    """Tags are ASCII in every encoding a page uses except UTF-16/32: drop NULs, read as latin-1."""
    if head[:2] in (b"\xff\xfe", b"\xfe\xff") or head[:4].count(b"\x00") >= 2:
        head = head.replace(b"\x00", b"")
    for bom in (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"):
        head = head.removeprefix(bom)
    return head.decode("latin-1")
