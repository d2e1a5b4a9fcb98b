"""The hostile inputs of issue 6: each a name, what it is, how to build its bytes, and what to check.

Inputs are generated (never stored), deterministically (fixed seeds), once per test session by the
``corpus`` fixture. ``slow`` cases take more than ~10 s per entry point today and run with ``-m slow``.
"""

from __future__ import annotations

import gzip
import random
from collections.abc import Callable
from dataclasses import dataclass

EN = [
    "The city council met on Tuesday evening and agreed, after a long and heated debate, that the new "
    "bridge over the river will be built by the end of next year at a cost of about two million euros.",
    "Residents of the eastern districts have waited for a second crossing for more than a decade, and many "
    "of them came to the meeting to hear the decision and to ask questions about the traffic plan.",
    "The mayor said that construction work would start in the spring, once the last permits have been "
    "granted by the regional water authority and the contracts have been signed.",
]
FR = [
    "Le conseil municipal s'est réuni mardi soir et a décidé, après un long débat, que le nouveau pont "
    "au-dessus de la rivière serait construit avant la fin de l'année prochaine, pour un coût élevé.",
    "Les habitants des quartiers de l'est attendent un deuxième passage depuis plus de dix ans, et beaucoup "
    "d'entre eux étaient présents pour écouter la décision et poser des questions sur la circulation.",
    "Le maire a déclaré que les travaux commenceraient au printemps, dès que l'agence régionale de l'eau "
    "aura accordé les dernières autorisations et que les contrats auront été signés.",
]
ZH = [
    "市议会周二晚上开会，经过长时间的激烈辩论，同意在明年年底前在河上修建一座新桥，耗资约两百万元。",
    "东区居民等待第二座桥已经十多年了，许多人来到会场听取决定，并就交通计划提出了问题。",
    "市长说，一旦地区水务局批准最后的许可证并签署合同，施工将于春季开始。",
]
JA = [
    "市議会は火曜日の夜に会合を開き、長い議論の末、来年末までに川に新しい橋を架けることに合意した。",
    "東部地区の住民は十年以上も二つ目の橋を待っており、多くの人が決定を聞くために会場に来ていた。",
    "市長は、地域の水道局が最後の許可を出し、契約が結ばれ次第、春に工事が始まると述べた。",
]
CP1252_EXTRA = "Le coût total – environ 2 millions € – sera « raisonnable », a-t-il dit’."


def prose(paragraphs: list[str], n: int = 6) -> str:
    return "\n\n".join(paragraphs[i % len(paragraphs)] for i in range(n)) + "\n"


def page(body: str, charset: str | None = None) -> str:
    meta = f'<meta charset="{charset}">' if charset else ""
    paras = "".join(f"<p>{p}</p>\n" for p in body.split("\n\n") if p.strip())
    return (f"<!DOCTYPE html>\n<html><head>{meta}<title>Bridge</title></head>\n<body><nav><a href='/'>Home"
            f"</a></nav>\n<article><h1>Bridge</h1>\n{paras}</article></body></html>\n")


def _random(size: int, seed: int = 6) -> bytes:
    return random.Random(seed).randbytes(size)


def _sprinkle(data: bytes, junk: bytes, every: int) -> bytes:
    return b"".join(data[i:i + every] + junk for i in range(0, len(data), every))


def _mixed_utf8() -> bytes:
    return (prose(FR, 3).encode("utf-8") + b"\n" + prose(FR[1:], 3).encode("latin-1"))


def _xml_bomb(root: bytes, body: bytes) -> bytes:
    """Billion laughs: &lol9; would be 10^9 characters if expanded."""
    ents = b'<!ENTITY lol "lol">' + b"".join(
        b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
        for i in range(1, 10))
    return b'<?xml version="1.0"?>\n<!DOCTYPE %s [%s]>\n%s' % (root, ents, body)


def _bomb_html() -> bytes:
    paras = b"".join(b"<p>%s &lol9;</p>" % p.encode() for p in EN * 2)
    return _xml_bomb(b"html", b"<html><body>" + paras + b"</body></html>")


def _bomb_rss() -> bytes:
    items = b"".join(b"<item><description>%s &lol9;</description></item>" % p.encode() for p in EN * 2)
    return _xml_bomb(b"rss", b"<rss><channel>" + items + b"</channel></rss>")


def _one_line(size: int) -> bytes:
    words = b"lorem ipsum dolor sit amet consectetur adipiscing elit "
    return (words * (size // len(words) + 1))[:size]


def _deep(depth: int) -> bytes:
    return b"<html><body>" + b"<div>" * depth + prose(EN, 2).encode() + b"</div>" * depth + b"</body></html>"


def _brs(n: int) -> bytes:
    return b"<html><body><p>" + EN[0].encode() + b"</p>" + b"line<br>" * n + b"</body></html>"


def _unclosed_comment() -> bytes:
    return page(prose(EN, 3)).encode().replace(b"<article>", b"<article><!-- never closed ")


def _unclosed_cdata() -> bytes:
    return page(prose(EN, 3)).encode().replace(b"</h1>", b"</h1><![CDATA[ never closed <p>x</p>")


@dataclass(frozen=True)
class Case:
    """One hostile input. ``intact``: text the body must hold if decoded right; ``forbid``: must not."""

    name: str
    what: str
    make: Callable[[], bytes]
    suffix: str = ".txt"
    slow: bool = False
    intact: str | None = None
    forbid: str | None = None


CASES: tuple[Case, ...] = (
    Case("empty", "empty input (0 bytes)", lambda: b""),
    Case("whitespace", "whitespace only (spaces, tabs, CR, LF)", lambda: b" \t\r\n" * 1000),
    Case("random-bytes", "64 KB of random bytes", lambda: _random(65536)),
    Case("nul-only", "10,000 NUL bytes", lambda: b"\0" * 10_000),
    Case("nul-in-text", "English prose with a NUL byte every 50 bytes",
         lambda: _sprinkle(prose(EN).encode(), b"\0", 50)),
    Case("invalid-utf8", "UTF-8 French prose with stray invalid bytes (ff fe c3)",
         lambda: _sprinkle(prose(FR).encode(), b"\xff\xfe\xc3", 97), intact="réuni"),
    Case("mixed-utf8-latin1", "paragraphs in UTF-8 followed by paragraphs in latin-1", _mixed_utf8,
         intact="réuni"),
    Case("utf16-bom", "UTF-16 with BOM", lambda: prose(FR).encode("utf-16"), intact="réuni"),
    Case("utf16le-nobom", "UTF-16-LE without BOM", lambda: prose(FR).encode("utf-16-le"), intact="réuni"),
    Case("utf16be-nobom", "UTF-16-BE without BOM", lambda: prose(FR).encode("utf-16-be"), intact="réuni"),
    Case("utf32-bom", "UTF-32 with BOM", lambda: prose(FR).encode("utf-32"), intact="réuni"),
    Case("utf32be-nobom", "UTF-32-BE without BOM", lambda: prose(FR).encode("utf-32-be"), intact="réuni"),
    Case("latin1-text", "latin-1 text, no declaration", lambda: prose(FR).encode("latin-1"), intact="réuni"),
    Case("cp1252-text", "cp1252 text with € – « » ’, no declaration",
         lambda: (prose(FR) + CP1252_EXTRA).encode("cp1252"), intact="réuni"),
    Case("cp1252-html-says-utf8", "cp1252 HTML declaring charset=utf-8",
         lambda: page(prose(FR) + "\n\n" + CP1252_EXTRA, "utf-8").encode("cp1252"), ".html", intact="réuni"),
    Case("latin1-html-no-decl", "latin-1 HTML without a charset", lambda: page(prose(FR)).encode("latin-1"),
         ".html", intact="réuni"),
    Case("sjis-text", "Shift-JIS text, no declaration", lambda: prose(JA).encode("shift_jis"),
         intact="市議会"),
    Case("sjis-html-says-latin1", "Shift-JIS HTML declaring charset=iso-8859-1",
         lambda: page(prose(JA), "iso-8859-1").encode("shift_jis"), ".html", intact="市議会"),
    Case("gb18030-text", "GB18030 text, no declaration", lambda: prose(ZH).encode("gb18030"),
         intact="市议会"),
    Case("gb18030-html-says-sjis", "GB18030 HTML declaring charset=shift_jis",
         lambda: page(prose(ZH), "shift_jis").encode("gb18030"), ".html", intact="市议会"),
    Case("html-deep-10000", "HTML nested 10,000 <div> deep", lambda: _deep(10_000), ".html"),
    Case("html-br-10000", "HTML with 10,000 <br>", lambda: _brs(10_000), ".html"),
    Case("html-br-100000", "HTML with 100,000 <br>", lambda: _brs(100_000), ".html", slow=True),
    Case("html-unclosed-comment", "HTML with an unclosed <!-- comment", _unclosed_comment, ".html"),
    Case("html-unclosed-cdata", "HTML with an unclosed <![CDATA[ section", _unclosed_cdata, ".html"),
    Case("xml-bomb-html", "billion laughs: DOCTYPE html with nested entities, &lol9; in every <p>",
         _bomb_html, ".html", forbid="lollollol"),
    Case("xml-bomb-rss", "billion laughs: RSS with nested entities", _bomb_rss, ".html", forbid="lollollol"),
    Case("line-50mb", "one 50 MB line of words, no newline", lambda: _one_line(50_000_000), slow=True),
    Case("lines-1m", "10^6 one-character lines", lambda: b"x\n" * 1_000_000, slow=True),
)
BY_NAME = {c.name: c for c in CASES}

# --- inputs for one entry point only ------------------------------------------------------------

GZIP_BOMB_SIZE = 1 << 30  # what the bomb would decompress to


def gzip_bomb() -> bytes:
    """1 GiB of spaces as 64 concatenated gzip members of 16 MiB each (~1 MB on disk, built at once)."""
    member = gzip.compress(b" " * (16 << 20), compresslevel=9, mtime=0)
    return member * (GZIP_BOMB_SIZE // (16 << 20))


def truncated_gzip() -> bytes:
    return gzip.compress(prose(EN).encode(), mtime=0)[:-20]
