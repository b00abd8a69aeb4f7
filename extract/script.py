"""Fold traditional characters to simplified, one character at a time, so offsets stay aligned.

OpenCC (Apache-2.0, dictionaries inside the wheel) knows the character pairs; converting single
characters, never phrases, keeps `len(simplify(s)) == len(s)`, so a match found in the folded text
can be cut from the original text at the same offsets and the name keeps the script it was written in.
"""

from __future__ import annotations

import opencc

_CONVERTER = opencc.OpenCC("t2s")


class _FoldTable(dict):
    """code point -> simplified character, filled on first sight so `str.translate` runs in C."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        folded = _CONVERTER.convert(char) if code > 0x2E7F and not 0xD800 <= code <= 0xDFFF else char
        self[code] = value = folded if len(folded) == 1 else char
        return value


_TABLE = _FoldTable()


def simplify(text: str) -> str:
    """Return `text` with each traditional character replaced by its simplified form."""
    if text.isascii():
        return text
    return text.translate(_TABLE)
