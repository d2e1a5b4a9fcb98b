"""Bytes -> text. Input is bytes until proven text.

The order, first that succeeds wins:

1. ``encoding=`` given: decode with it, strictly (a leading BOM of that codec is dropped).
2. Empty or whitespace-only bytes: ``""`` (an empty body, not an error).
3. A byte order mark: UTF-32 LE/BE, UTF-8, UTF-16 LE/BE.
4. NUL bytes: UTF-32 or UTF-16 without a BOM if the zero bytes sit where that encoding puts them
   (ASCII characters in UTF-16-LE are ``xx 00``); otherwise the input is binary.
5. Mostly control bytes: binary.
6. Strict UTF-8; or UTF-8 with a few invalid bytes (a latin-1 paragraph pasted into a UTF-8 page, a
   stray byte): mostly valid multi-byte sequences, the invalid bytes read as cp1252 (``lenient_utf8``).
7. Detection with charset-normalizer on a bounded sample (the region around the first non-ASCII
   byte, cut at a line or space so no multi-byte character is split), then a strict decode of the
   whole input with each candidate in turn; the best candidate with replacement characters last.

``decode_html`` is the same decoder for a web page: it also reads the charset the page declares
(labels resolved with the WHATWG Encoding Standard's table, as browsers do) and runs detection on
the page's text without its tags.

>>> decode("Grüße".encode("cp1252") * 20)[:5]
'Grüße'
>>> decode(b"  \\n ")
''
"""

from __future__ import annotations

import codecs
import re

import regex
import webencodings

from .errors import InputError
from .markup import strip_tags

_BOMS = (  # UTF-32-LE's BOM starts with UTF-16-LE's: longest first
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# C0 controls and DEL, except the whitespace ones (TAB LF VT FF CR) and ESC (ISO-2022 uses it)
_CONTROL = bytes(b for b in [*range(32), 127] if b not in b"\t\n\v\f\r\x1b")
_CONTROL_SHARE = 0.10  # text has next to none; random bytes have ~11%, executables more
_ZERO_SKEW = 0.95      # share of the zero bytes that must sit in the slots a wide encoding puts them
_SAMPLE = 256 * 1024   # bytes charset-normalizer looks at; detection time is bounded by this
_HEAD = 8 * 1024       # bytes of the sample each candidate decoding is judged on
_MIN_UTF8 = 3         # valid multi-byte characters needed before damaged UTF-8 is called UTF-8
_UTF8_SHARE = 0.5      # ... and at least this many per invalid byte
_HANDLER = "cleaner-cp1252-fallback"
_NON_ASCII = regex.compile(rb"[\x80-\xff]")
# in GB18030, Shift-JIS, Big5, EUC-*, cp125x and latin-1 these never occur inside a multi-byte character
_SAFE_CUT = (b"\n", b"\r", b" ", b"\t")
# The legacy encodings of the WHATWG Encoding Standard (what browsers accept), in rough order of
# use on the web; ties between equally plausible decodings go to the earlier one.
WEB_ENCODINGS = (
    "utf_8", "cp1252", "latin_1", "iso8859_15", "cp1251", "cp1250", "iso8859_2", "gb18030", "cp932",
    "shift_jis", "euc_jp", "iso2022_jp", "cp949", "euc_kr", "big5", "koi8_r", "koi8_u", "cp866",
    "iso8859_5", "cp1253", "iso8859_7", "cp1254", "iso8859_9", "cp1255", "iso8859_8", "cp1256",
    "iso8859_6", "cp1257", "iso8859_13", "cp1258", "cp874", "mac_roman", "utf_16_le", "utf_16_be",
)
_NOT_TEXT = regex.compile(r"[[\p{Cc}\p{Cn}\p{Co}\p{Cs}]--[\t\n\v\f\r\x1b]]", regex.V1)
_WORD = regex.compile(r"[\p{L}\p{M}]+")
_ODD_CHAR = regex.compile(r"[^\x00-\x7f\p{L}\p{M}\p{N}\p{P}\p{Sc}\p{Zs}©®°±×÷§¶·¬¦¯´¸¨]")
_INSIDE_WORD = regex.compile(r"(?<=\p{L})[^\x00-\x7f\p{L}\p{M}’·\u2010\u00ad](?=\p{L})")
_CASE_FLIP = regex.compile(r"\p{Ll}\p{Lu}")
_SCRIPTS = tuple((name, regex.compile(rf"\p{{{name}}}")) for name in (
    "Latin", "Cyrillic", "Greek", "Arabic", "Hebrew", "Han", "Hiragana", "Katakana", "Hangul", "Thai"))
_WIDE = (("utf-32-le", 4, (1, 2, 3)), ("utf-32-be", 4, (0, 1, 2)),
         ("utf-16-le", 2, (1,)), ("utf-16-be", 2, (0,)))


def decode(data: bytes, encoding: str | None = None) -> str:
    """The text of ``data``; raises InputError for binary or undecodable input."""
    if encoding:
        return _decode_as(data, encoding)
    if not data.strip():
        return ""
    marked = byte_order_mark(data)
    if marked:
        return _strict(data[len(marked[0]):], marked[1], "its byte order mark says")
    if b"\0" in data:
        return _wide(data)
    if looks_binary(data):
        raise InputError("input looks binary (mostly control bytes); give --encoding if it is text")
    text = utf8_text(data)
    return text if text is not None else _detect(data)


def byte_order_mark(data: bytes) -> tuple[bytes, str] | None:
    """The byte order mark ``data`` starts with and its codec, or None."""
    return next(((mark, codec) for mark, codec in _BOMS if data.startswith(mark)), None)


def utf8_text(data: bytes) -> str | None:
    """``data`` as UTF-8: valid, or damaged in a few places (``mostly_utf8``); None if it is not UTF-8."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return lenient_utf8(data) if mostly_utf8(data) else None


def mostly_utf8(data: bytes) -> bool:
    """At least half as many valid multi-byte UTF-8 characters as invalid bytes in the sample.

    Legacy encodings almost never form valid UTF-8 sequences (cp1252 "é" is a lone 0xE9; in GB18030
    and Shift-JIS fewer than one pair in ten happens to), so this is UTF-8 that was damaged.

    >>> mostly_utf8("café crème brûlée".encode() + b"\\xe9"), mostly_utf8("café".encode("cp1252"))
    (True, False)
    """
    text = _sample(data).decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = sum(1 for c in text if ord(c) > 127) - bad
    return good >= _MIN_UTF8 and good >= _UTF8_SHARE * bad


def lenient_utf8(data: bytes) -> str:
    """UTF-8, each invalid byte read as cp1252 (latin-1 where cp1252 has a hole).

    >>> lenient_utf8("café ".encode() + "café".encode("latin-1"))
    'café café'
    """
    return data.decode("utf-8", errors=_cp1252_handler())


def _cp1252_handler() -> str:
    try:
        codecs.lookup_error(_HANDLER)
    except LookupError:  # registered on first use: import does no work
        codecs.register_error(_HANDLER, _cp1252_bytes)
    return _HANDLER


def _cp1252_bytes(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    bad = exc.object[exc.start:exc.end]
    return "".join(_cp1252_char(b) for b in bad), exc.end


def _cp1252_char(byte: int) -> str:
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(byte)


def check_encoding(encoding: str) -> str:
    """The canonical name of ``encoding``; InputError if Python has no such codec."""
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        raise InputError(f"unknown encoding {encoding!r}") from None


def looks_binary(data: bytes) -> bool:
    """Mostly control bytes (NUL bytes are judged separately, as they may be UTF-16/32)."""
    controls = len(data) - len(data.translate(None, _CONTROL))
    return controls > _CONTROL_SHARE * len(data)


def _decode_as(data: bytes, encoding: str) -> str:
    name = check_encoding(encoding)
    text = _strict(data, name, "--encoding says")
    return text[1:] if text.startswith("\ufeff") else text


def _strict(data: bytes, codec: str, why: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise InputError(f"input is not valid {codec} as {why}: {exc.reason} at byte {exc.start}") from None


def _wide(data: bytes) -> str:
    """UTF-32/UTF-16 without a BOM, told by where the zero bytes are; anything else with NULs is binary."""
    for codec, width, slots in _WIDE:
        if len(data) % width == 0 and _zeros_in_slots(data, width, slots):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                continue
            if "\0" not in text and not _odd_characters(text[:_SAMPLE]):
                return text
    raise InputError("input looks binary (it has NUL bytes and is not UTF-16 or UTF-32)")


def _odd_characters(text: str) -> bool:
    """Mostly unassigned, private-use or control characters: bytes decoded as UTF-16/32 that are not."""
    return len(_NOT_TEXT.findall(text)) > _CONTROL_SHARE * len(text)


def _zeros_in_slots(data: bytes, width: int, slots: tuple[int, ...]) -> bool:
    head = data[: _SAMPLE - _SAMPLE % width]
    total = head.count(0)
    inside = sum(head[s::width].count(0) for s in slots)
    return total > 0 and inside >= _ZERO_SKEW * total


def _detect(data: bytes) -> str:
    sample = _sample(data)
    candidates = _candidates(sample)
    for codec in candidates:
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            continue
    if not candidates:
        raise InputError("input is not text in any encoding cleaner can detect; give --encoding")
    return data.decode(candidates[0], errors="replace")


def _candidates(sample: bytes) -> list[str]:
    """Codecs charset-normalizer finds possible for ``sample``, the most plausible first."""
    from charset_normalizer import from_bytes  # imported on first use: import does no work

    measures: dict[str, float] = {}
    for m in from_bytes(sample, steps=8, chunk_size=1024, cp_isolation=list(WEB_ENCODINGS)):
        for codec in (m.encoding, *m.could_be_from_charset):
            # its coherence (language fit) is noise on short or mostly-ASCII samples: not used
            measures.setdefault(codec, round(m.chaos, 2))
    head = _cut(sample[:_HEAD])
    return sorted(measures, key=lambda c: (_head_score(head, c), measures[c], _web_rank(c)))


def _head_score(head: bytes, codec: str) -> float:
    try:
        return round(implausibility(head.decode(codec)), 2)
    except (UnicodeDecodeError, LookupError):
        return float("inf")


def _web_rank(codec: str) -> int:
    return WEB_ENCODINGS.index(codec) if codec in WEB_ENCODINGS else len(WEB_ENCODINGS)


def implausibility(text: str) -> float:
    """Share of non-ASCII characters that a wrong decoding typically produces.

    Short inputs give charset-normalizer nothing to go on (cp1250, cp1251 and cp1252 all tie on
    "Café"), so the candidates are told apart by what they decode to: a word mixing scripts
    ("Cafй"), a Latin word made mostly of accented letters ("Ïðèâåò"), a symbol inside a word
    ("w³asny"), a lowercase letter before an uppercase one ("сПЧЕФ": KOI8-R read as cp1251),
    symbols and controls.

    >>> implausibility("Привет мир") < implausibility("Ïðèâåò ìèð")
    True
    """
    non_ascii = sum(1 for c in text if ord(c) > 127)
    if not non_ascii:
        return 0.0
    bad = len(_ODD_CHAR.findall(text)) + len(_INSIDE_WORD.findall(text))
    for word in _WORD.findall(text):
        if not word.isascii():
            bad += _odd_word(word)
    return bad / non_ascii


def _odd_word(word: str) -> int:
    scripts = {name for name, pattern in _SCRIPTS if pattern.search(word)}
    if len(scripts) > 1 and not scripts <= {"Han", "Hiragana", "Katakana"} or _CASE_FLIP.search(word):
        return len(word)
    if len(word) >= 3 and word.isupper():  # a few acronyms, but mostly a case-swapped decoding
        return 1
    accented = sum(1 for c in word if ord(c) > 127)
    return accented if scripts == {"Latin"} and len(word) >= 3 and accented >= 0.75 * len(word) else 0


def _sample(data: bytes) -> bytes:
    """At most _SAMPLE bytes from the line of the first non-ASCII byte, cut where no character is split."""
    if len(data) <= _SAMPLE:
        return data
    first = _NON_ASCII.search(data)
    start = 0 if first is None else max(0, first.start() - 1024)
    start = _after_cut(data, start) if start else 0
    return _cut(data[start : start + _SAMPLE])


def _cut(sample: bytes) -> bytes:
    """``sample`` up to its last safe cut byte, so its last character is whole."""
    end = max(sample.rfind(c) for c in _SAFE_CUT)
    return sample[: end + 1] if end > 0 else sample


def _after_cut(data: bytes, pos: int) -> int:
    """The first position at or after ``pos`` that follows a safe cut byte (or ``pos`` if none is near)."""
    window = data[pos : pos + 1024]
    found = [i for i in (window.find(c) for c in _SAFE_CUT) if i >= 0]
    return pos + min(found) + 1 if found else pos


# --- web pages -------------------------------------------------------------------------------------

_DECLARATION_HEAD = 4096   # bytes searched for a charset declaration (browsers prescan 1024; pages
                           # with long <head>s put it later)
_META_CHARSET = re.compile(rb"""<meta[^>]{0,300}?charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]{1,40})""",
                           re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([a-zA-Z0-9_.:-]{1,40})""")
# WHATWG encodings whose browser decoder is a superset of the Python codec webencodings pairs them with;
# a *declared* UTF-16 in a page read as bytes is UTF-8 (the HTML standard's rule)
_BROWSER_CODEC = {"gbk": "gb18030", "utf-16le": "utf-8", "utf-16be": "utf-8"}
# Latin single-byte code pages a detector cannot tell apart from windows-1252 by letter statistics;
# windows-1252 is by far the most used of them on the web (and the WHATWG default), so it wins ties.
_LATIN_LOOKALIKES = frozenset(("cp1250", "cp1257", "cp1258", "latin_1", "iso8859_2", "iso8859_4",
                               "iso8859_10", "iso8859_13", "iso8859_14", "iso8859_15", "iso8859_16",
                               "mac_latin2", "mac_roman", "mac_iceland", "cp775", "cp850", "cp852", "cp858"))


def decode_html(data: bytes, encoding: str | None = None) -> str:
    """Bytes of a web page -> text.

    Order (each step says why): an explicit ``encoding`` wins; a BOM is certain; valid UTF-8 with
    non-ASCII bytes is UTF-8 whatever the page declares (the usual wrong declaration is latin-1 on a
    UTF-8 page, and real cp1252/Shift-JIS text is almost never valid UTF-8); then the declared
    charset (``declared_charset``, decoded as browsers do: latin-1 -> cp1252, gb2312 -> gb18030, ...)
    if it decodes strictly; otherwise the declaration is wrong or missing: charset-normalizer on the
    page's text without its tags (``_detect_page``: markup drowns the letters), then ``decode``'s
    own detection if that guess fails too.

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
    codec = browser_codec(declared) if declared else None
    if codec and codec != "utf-8":
        try:
            return data.decode(codec)
        except (LookupError, UnicodeDecodeError):
            pass
    guess = _detect_page(data)
    if guess:
        try:
            return data.decode(guess)
        except (LookupError, UnicodeDecodeError):
            pass  # the guess came from a sample; the whole page says otherwise
    return decode(data)


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in its first bytes (XML declaration or <meta>), by its WHATWG name.

    A label outside the WHATWG table is read as Python reads it (``latin-1`` is ``windows-1252``,
    ``cp850`` stays ``cp850``); None when there is no declaration or nobody knows the label.

    >>> declared_charset(b'<meta charset="ISO-8859-1">'), declared_charset(b'<meta charset="latin-1">')
    ('windows-1252', 'windows-1252')
    """
    head = data[:_DECLARATION_HEAD]
    m = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    if not m:
        return None
    label = m.group(1).decode("ascii")
    found = webencodings.lookup(label)
    if found is not None:
        return found.name
    try:
        python_name = codecs.lookup(label).name
    except LookupError:
        return None
    found = webencodings.lookup(python_name)
    return found.name if found is not None else python_name


def browser_codec(charset: str) -> str:
    """The Python codec that decodes ``charset`` (a ``declared_charset`` name) as a browser does.

    >>> browser_codec("windows-1252"), browser_codec("gbk"), browser_codec("shift_jis")
    ('cp1252', 'gb18030', 'cp932')
    """
    found = webencodings.lookup(charset)
    if found is None:
        return charset  # a label only Python knows
    return _BROWSER_CODEC.get(found.name, found.codec_info.name)


def _detect_page(data: bytes) -> str | None:
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
