"""Bytes -> text: BOM, then strict UTF-8, then detection (charset-normalizer)."""

from __future__ import annotations

from .errors import InputError


def decode(data: bytes, encoding: str | None = None) -> str:
    if encoding:
        try:
            return data.decode(encoding)
        except (LookupError, UnicodeDecodeError) as exc:
            raise InputError(f"cannot decode input as {encoding}: {exc}") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError("input is not text in any encoding cleaner can detect (binary data?)")
    return str(best)
