"""Reading web archives: WARC files (HTTP responses) and WET files (plain-text conversions).

``is_archive(head)`` tells an archive from its first bytes (a gzip member holding ``WARC/1.0`` or
``WARC/1.1``, or an uncompressed record), never from a file name. ``read_archive(fh)`` turns one into
a stream of events, in archive order:

* ``Doc``: a page to clean. A ``response`` record whose HTTP status is 200 and whose type is HTML
  (its body, the HTTP charset to decode it with first), a ``resource`` record of HTML, or a WET
  ``conversion`` record (a text dump, cleaned as one);
* ``Skip``: a page that is not to be cleaned (non-200, non-HTML): counted by reason;
* ``Bad``: a record that cannot be read (a corrupt or truncated gzip member, a record whose declared
  length lies, a record without a URI, an HTTP header that does not parse): reported.

``warcinfo``, ``request``, ``revisit``, ``metadata`` and ``continuation`` records are ignored.

The WARC framing is FastWARC's (``pip install 'cleaner[warc]'``; measured against warcio, see
README). Gzip members are taken one at a time with ``zlib``, so a corrupt member costs that member
only: the reader finds the next member that starts a WARC record and goes on. Each member is held in
memory up to ``limit`` bytes (a larger one is reported, not read), so a gzip bomb stops there. An
uncompressed WARC is read with FastWARC as one stream: there a lying length cannot be told from the
next record, and a framing error ends the file (reported).
"""

from __future__ import annotations

import codecs
import http.client
import io
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

from .detect import is_html
from .errors import require

MAGIC = (b"WARC/1.0", b"WARC/1.1")
GZIP = b"\x1f\x8b\x08"
BLOCK = 1 << 20
HTML_TYPES = ("text/html", "application/xhtml+xml")
IGNORED = ("warcinfo", "request", "revisit", "metadata", "continuation")


@dataclass(frozen=True)
class Doc:
    """One page to clean: ``kind`` is "html" (bytes, with the HTTP ``charset``) or "text" (WET)."""

    kind: str
    id: str | None
    url: str | None
    date: str | None
    data: bytes
    charset: str | None
    where: str


@dataclass(frozen=True)
class Skip:
    reason: str


@dataclass(frozen=True)
class Bad:
    where: str
    reason: str


Event = Doc | Skip | Bad


def require_fastwarc() -> None:
    """A one-line CleanerError naming the extra if FastWARC is not importable."""
    require("reading WARC/WET archives needs FastWARC", "warc", "fastwarc.warc")


def is_archive(head: bytes) -> bool:
    """Whether these first bytes of a file start a WARC (or WET) archive, gzipped or not.

    >>> import gzip
    >>> is_archive(b"WARC/1.0\\r\\nWARC-Type: warcinfo\\r\\n"), is_archive(gzip.compress(b"WARC/1.1\\r\\n"))
    (True, True)
    >>> is_archive(b"<html>"), is_archive(gzip.compress(b'{"text": "WARC/1.0"}'))
    (False, False)
    """
    if head.startswith(GZIP):
        try:
            head = zlib.decompressobj(31).decompress(head, 16)
        except zlib.error:
            return False
    return head.startswith(MAGIC)


def read_archive(fh: IO[bytes], limit: int, name: str = "") -> Iterator[Event]:
    """The events of the archive ``fh`` (see the module doc); ``limit``: the largest record read."""
    require_fastwarc()
    head = _peek(fh)
    if head.startswith(GZIP):
        for offset, member, err in gzip_members(fh, limit):
            where = f"{name}byte {offset}"
            if member is None:
                yield Bad(where, err or "unreadable")
            else:
                yield from _member_events(member, where)
    else:
        yield from _stream_events(fh, name)


def _peek(fh: IO[bytes]) -> bytes:
    peek = getattr(fh, "peek", None)
    if peek is not None:
        return bytes(peek(16)[:16])
    pos = fh.tell()
    head = fh.read(16)
    fh.seek(pos)
    return head


# --- gzip members, one at a time ---------------------------------------------------------------


def gzip_members(fh: IO[bytes], limit: int) -> Iterator[tuple[int, bytes | None, str | None]]:
    """(offset, decompressed member, None) for each gzip member of ``fh``; (offset, None, reason) for
    one that cannot be read, after which reading resumes at the next member that starts a WARC record."""
    pending, offset = b"", 0
    while True:
        if not pending:
            pending = fh.read(BLOCK)
            if not pending:
                return
        raw = [pending]
        d = zlib.decompressobj(31)
        parts: list[bytes] = []
        size, src, err = 0, pending, None
        while True:
            try:
                out = d.decompress(src, limit + 1 - size)
            except zlib.error as exc:
                err = f"corrupt gzip member ({exc})"
                break
            parts.append(out)
            size += len(out)
            if d.eof:
                break
            if size > limit:
                err = f"record larger than {limit} bytes: not read"
                break
            src = d.unconsumed_tail
            if not src:
                src = fh.read(BLOCK)
                if not src:
                    err = "truncated gzip member: the archive ends inside it"
                    break
                raw.append(src)
        fed = sum(map(len, raw))
        if err is None:
            pending = d.unused_data
            yield offset, b"".join(parts), None
            offset += fed - len(pending)
            continue
        yield offset, None, err
        skipped, pending = _resync(b"".join(raw), fh)
        offset += skipped


def _resync(buf: bytes, fh: IO[bytes]) -> tuple[int, bytes]:
    """After a bad member at ``buf[0]``: (bytes skipped, the input from the next member that starts a
    WARC record); (all, b"") if none is left."""
    skipped, start = 0, 1
    while True:
        idx = buf.find(GZIP, start)
        if idx >= 0 and len(buf) - idx < 512:
            more = fh.read(BLOCK)
            if more:
                buf += more
                continue
        if idx < 0:
            more = fh.read(BLOCK)
            if not more:
                return skipped + len(buf), b""
            keep = buf[-2:]
            skipped += len(buf) - len(keep)
            buf, start = keep + more, 0
            continue
        if is_archive(buf[idx:idx + 512]):
            return skipped + idx, buf[idx:]
        start = idx + 1


# --- records -------------------------------------------------------------------------------------


def _member_events(member: bytes, where: str) -> Iterator[Event]:
    """The events of one gzip member's records; a framing error makes the member one ``Bad``."""
    from fastwarc.warc import ArchiveIterator

    found: list[tuple[Any, bytes]] = []
    try:
        for rec in ArchiveIterator(io.BytesIO(member), parse_http=False, auto_decode="none"):
            found.append((rec, rec.reader.read()))
    except OSError as exc:
        yield Bad(where, f"cannot parse the WARC record: {exc}")
        return
    if not found and member.strip():
        yield Bad(where, "not a WARC record")
    for rec, block in found:
        event = record_event(rec, block, where)
        if event is not None:
            yield event


def _stream_events(fh: IO[bytes], name: str) -> Iterator[Event]:
    from fastwarc.warc import ArchiveIterator

    pos = 0
    try:
        for rec in ArchiveIterator(fh, parse_http=False, auto_decode="none", stream_detect=False):
            pos = rec.stream_pos
            event = record_event(rec, rec.reader.read(), f"{name}byte {pos}")
            if event is not None:
                yield event
    except OSError as exc:
        yield Bad(f"{name}after byte {pos}", f"cannot read further: {exc}")


def record_event(rec: Any, block: bytes, where: str) -> Event | None:
    """What one WARC record (FastWARC's, with its whole block read) is to the batch."""
    h = rec.headers
    kind = (h.get("WARC-Type") or "").lower()
    if kind in IGNORED:
        return None
    rid, url, date = h.get("WARC-Record-ID"), h.get("WARC-Target-URI"), h.get("WARC-Date")
    where = f"{where} ({rid})" if rid else where
    declared = h.get("Content-Length")
    if declared is None or not declared.strip().isdigit():
        return Bad(where, f"Content-Length {declared!r} is not a length")
    if int(declared) != len(block):
        return Bad(where, f"declared Content-Length {int(declared)}, the record holds {len(block)} bytes")
    if not url:
        return Bad(where, "WARC header without WARC-Target-URI")
    if kind == "conversion":
        return Doc("text", rid, url, date, block, "utf-8", where)
    if kind == "resource":
        ctype = (h.get("Content-Type") or "").split(";")[0].strip().lower()
        if ctype not in HTML_TYPES:
            return Skip(f"not HTML ({ctype or 'no type'})")
        return Doc("html", rid, url, date, block, None, where)
    if kind != "response":
        return Skip(f"{kind or 'untyped'} record")
    wtype = (h.get("Content-Type") or "").split(";")[0].strip().lower()
    if wtype and wtype != "application/http":
        return Skip(f"not an HTTP response ({wtype})")
    return _http_event(block, rid, url, date, where)


def _http_event(block: bytes, rid: str | None, url: str, date: str | None, where: str) -> Event:
    head, sep, body = block.partition(b"\r\n\r\n")
    if not sep:
        head, sep, body = block.partition(b"\n\n")
    status, _, rest = head.partition(b"\n")
    parts = status.split()
    if not sep or len(parts) < 2 or not parts[0].startswith(b"HTTP/") or not parts[1].isdigit():
        return Bad(where, "no HTTP status line and header")
    if parts[1] != b"200":
        return Skip(f"HTTP {parts[1].decode()}")
    try:
        msg = http.client.parse_headers(io.BytesIO(rest + b"\r\n"))
    except (http.client.HTTPException, ValueError) as exc:
        return Bad(where, f"HTTP header does not parse: {exc}")
    if msg.get("Content-Type") is None:
        if not is_html(body):
            return Skip("not HTML (no type)")
    elif msg.get_content_type() not in HTML_TYPES:
        return Skip(f"not HTML ({msg.get_content_type()})")
    try:
        body = _decoded(body, msg)
    except (OSError, zlib.error, ValueError) as exc:
        return Bad(where, f"cannot undo the HTTP encoding: {exc}")
    charset = msg.get_content_charset()
    return Doc("html", rid, url, date, body, charset, where)


def _decoded(body: bytes, msg: Any) -> bytes:
    """The body with its transfer and content encodings undone (Common Crawl stores them undone)."""
    if "chunked" in (msg.get("Transfer-Encoding") or "").lower():
        from fastwarc.stream_io import ChunkedReader

        body = ChunkedReader(io.BytesIO(body)).read()
    coding = (msg.get("Content-Encoding") or "").strip().lower()
    if coding in ("gzip", "x-gzip"):
        return zlib.decompress(body, 47)
    if coding == "deflate":
        try:
            return zlib.decompress(body)
        except zlib.error:
            return zlib.decompress(body, -15)
    if coding not in ("", "identity"):
        raise ValueError(f"Content-Encoding {coding} not supported")
    return body


def payload(doc: Doc) -> str | bytes:
    """What is cleaned: the text of a WET record; a page decoded with its HTTP charset if that
    decodes it, else its bytes (the usual detection then decides).

    >>> payload(Doc("html", None, None, None, "café".encode("latin-1"), "iso-8859-1", ""))
    'café'
    >>> payload(Doc("html", None, None, None, b"caf\\xe9", "utf-8", ""))
    b'caf\\xe9'
    """
    if doc.charset:
        try:
            return doc.data.decode(codecs.lookup(doc.charset).name)
        except (LookupError, UnicodeDecodeError):
            pass
    return doc.data


def warc_record(kind: str, url: str | None, body: bytes, rid: str, date: str = "2024-01-01T00:00:00Z",
                content_type: str | None = None) -> bytes:
    """One uncompressed WARC record (FastWARC writes it): what tests and benchmarks build archives of.
    ``kind``: response (``body`` is the HTTP message), conversion, warcinfo, request, ..."""
    from fastwarc.warc import WarcRecord, WarcRecordType

    rec = WarcRecord()
    rec.init_headers(record_type=getattr(WarcRecordType, kind), record_urn=rid.encode())
    rec.headers["WARC-Date"] = date
    if url is not None:
        rec.headers["WARC-Target-URI"] = url
    ctype = content_type or {"response": "application/http; msgtype=response",
                             "conversion": "text/plain"}.get(kind)
    if ctype:
        rec.headers["Content-Type"] = ctype
    rec.set_bytes_content(body)
    out = io.BytesIO()
    rec.write(out)
    return out.getvalue()
