"""Bytes -> text: BOMs, strict UTF-8, UTF-16/32 without BOM, detection of legacy codecs, binary input."""

from __future__ import annotations

import codecs
import os

import pytest

from cleaner.decode import decode, implausibility
from cleaner.errors import InputError

GERMAN = (
    "Die Bürgerinitiative hat am Donnerstag eine Petition mit mehr als 4.000 Unterschriften übergeben.\n"
    "Größere Straßen würden den Verkehr nicht verringern, sagte die Sprecherin. Die Stadtverwaltung "
    "prüft nun, ob der Ausbau der Südumgehung verschoben wird; eine Entscheidung fällt im März.\n"
)
FRENCH = (
    "L'été dernier, les élèves du collège ont visité le château de Chenonceau avec leurs professeurs.\n"
    "« Ça coûte très cher », a répondu la caissière à un père de famille déçu. Où déjeuner ? Les "
    "crêperies près de la rivière étaient complètes, mais l'après-midi s'est bien passé.\n"
)
RUSSIAN = (
    "В четверг городской совет утвердил бюджет на следующий год после долгого обсуждения.\n"
    "Депутаты спорили о расходах на ремонт дорог и школ, а также о новых автобусных маршрутах. "
    "Мэр пообещал, что работы начнутся весной и закончатся до конца лета.\n"
)
JAPANESE = (
    "東京都は木曜日、新しい交通計画を発表した。市民の意見を聞きながら、来年度から段階的に実施する予定だという。\n"
    "計画では、バス路線の見直しや自転車専用道路の整備などが盛り込まれている。担当者は「混雑の緩和につなげたい」と話した。\n"
)
CHINESE = (
    "市政府周四公布了新的交通计划。官员表示，该计划将在明年分阶段实施，并将广泛听取市民的意见。\n"
    "根据计划，公交线路将重新调整，自行车专用道也将扩建。负责人说：“我们希望缓解高峰时段的拥堵。”\n"
)

CASES = [
    pytest.param(GERMAN, "cp1252", id="german-cp1252"),
    pytest.param(GERMAN, "latin-1", id="german-latin1"),
    pytest.param(FRENCH, "cp1252", id="french-cp1252"),
    pytest.param(FRENCH, "latin-1", id="french-latin1"),
    pytest.param(RUSSIAN, "cp1251", id="russian-cp1251"),
    pytest.param(JAPANESE, "shift_jis", id="japanese-shift-jis"),
    pytest.param(CHINESE, "gb18030", id="chinese-gb18030"),
]
ALL_TEXTS = [GERMAN, FRENCH, RUSSIAN, JAPANESE, CHINESE]
WIDE = ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"]


@pytest.mark.parametrize("text", ALL_TEXTS)
def test_utf8_is_taken_as_is(text: str) -> None:
    assert decode(text.encode("utf-8")) == text


@pytest.mark.parametrize(("text", "codec"), CASES)
def test_legacy_codecs_are_detected(text: str, codec: str) -> None:
    assert decode(text.encode(codec)) == text


@pytest.mark.parametrize(("text", "codec"), CASES)
def test_detection_holds_on_a_page_dump_with_an_ascii_head(text: str, codec: str) -> None:
    page = "Home | News | Sport | Contact\n" * 50 + text * 3 + "Copyright 2024\n"
    assert decode(page.encode(codec)) == page


@pytest.mark.parametrize("text", ALL_TEXTS)
@pytest.mark.parametrize("codec", ["utf-8-sig", "utf-16", "utf-32", *WIDE])
def test_bom_is_honoured_and_dropped(text: str, codec: str) -> None:
    boms = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE,
            "utf-32-le": codecs.BOM_UTF32_LE, "utf-32-be": codecs.BOM_UTF32_BE}
    data = boms.get(codec, b"") + text.encode(codec)
    assert decode(data) == text


@pytest.mark.parametrize("text", ALL_TEXTS)
@pytest.mark.parametrize("codec", WIDE)
def test_utf16_and_utf32_without_bom(text: str, codec: str) -> None:
    assert decode(text.encode(codec)) == text


@pytest.mark.parametrize("word", ["Café", "Straße", "naïve résumé", "Größe", "Où est la gare?"])
def test_short_latin1_words_come_out_intact(word: str) -> None:
    assert decode(word.encode("latin-1")) == word


def test_short_cp1251_comes_out_intact() -> None:
    assert decode("Привет мир".encode("cp1251")) == "Привет мир"


def test_encoding_overrides_detection() -> None:
    data = "Привет мир".encode("koi8_r")
    assert decode(data, "koi8-r") == "Привет мир"
    assert decode(codecs.BOM_UTF8 + b"abc", "utf-8") == "abc"


def test_wrong_or_unknown_encoding_is_an_input_error() -> None:
    with pytest.raises(InputError, match="unknown encoding"):
        decode(b"abc", "no-such-codec")
    with pytest.raises(InputError, match="not valid utf-8"):
        decode("Größe".encode("latin-1"), "utf-8")


@pytest.mark.parametrize("data", [b"", b"   ", b"\n\n\t \r\n"])
def test_empty_and_whitespace_are_empty_text(data: bytes) -> None:
    assert decode(data) == ""


@pytest.mark.parametrize("data", [
    os.urandom(4096),
    b"\0" * 100,
    b"plain text\0with a NUL",
    bytes(range(32)) * 10,
    b"\x7fELF\x02\x01\x01" + b"\0" * 9 + b"\x03\x00>\x00",
])
def test_binary_input_is_refused(data: bytes) -> None:
    with pytest.raises(InputError, match="binary"):
        decode(data)


def test_bom_with_invalid_body_is_an_input_error() -> None:
    with pytest.raises(InputError, match="byte order mark"):
        decode(codecs.BOM_UTF8 + b"\xff\xfe\xfd")


def test_big_legacy_input_decodes_whole() -> None:
    page = (GERMAN * 40 + "\n").encode("cp1252") * 200  # ~5 MB: detection reads a bounded sample
    assert decode(page) == page.decode("cp1252")


def test_non_ascii_only_at_the_end_of_a_huge_line() -> None:
    data = b"a" * (3 * 1024 * 1024) + " Größe".encode("cp1252")
    assert decode(data).endswith(" Größe")


def test_implausibility_prefers_the_right_reading() -> None:
    assert implausibility("Привет мир") < implausibility("Ïðèâåò ìèð")
    assert implausibility("Straße") < implausibility("Straίe")
    assert implausibility("plain ascii") == 0.0
