"""Fold traditional characters to simplified, one character at a time, so offsets stay aligned.

OpenCC (Apache-2.0, dictionaries inside the wheel) knows the character pairs; converting single
characters, never phrases, keeps `len(simplify(s)) == len(s)`, so a match found in the folded text
can be cut from the original text at the same offsets and the name keeps the script it was written in.
"""

from __future__ import annotations

from functools import lru_cache

import opencc

_CONVERTER = opencc.OpenCC("t2s")


@lru_cache(maxsize=65536)
def _fold_char(char: str) -> str:
    folded = _CONVERTER.convert(char)
    return folded if len(folded) == 1 else char


def simplify(text: str) -> str:
    """Return `text` with each traditional character replaced by its simplified form."""
    if text.isascii():
        return text
    return "".join(_fold_char(c) if ord(c) > 0x2E7F else c for c in text)
