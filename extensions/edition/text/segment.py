"""Sentence segmentation of the two sides: where each sentence ends.

Only *where*: the functions here return offsets into the text they are given
and never change a character; :mod:`.alignment` cuts the doctree at those
offsets. A property test checks that the sentences put back together are the
text, for any text.

* English: pysbd (rule-based Pragmatic Segmenter), which knows "(1)" list
  markers, abbreviations ("Mr.", "U.S.", "p."), decimals and quotation marks
  that close a sentence ('..."following the leadership." The Polish ...').
  It is given the text with line breaks as spaces (a line break in a MyST
  paragraph is a space; pysbd would cut there). One rule of ours on top: an
  ellipsis that pysbd puts at the start of the next sentence (". . .
  Therefore") stays with the sentence before it, where the omission is.
* Chinese: a sentence ends after 。！？ (and the closing quotes and brackets
  that follow them). A ； ends one too where both parts are long enough to
  stand as sentences (at least :data:`SEMICOLON_MIN` characters each): the
  translators often end an English sentence there; short parallel clauses
  stay together. pysbd's Chinese rules cut at 。！？ only, so this is ours.
"""

from __future__ import annotations

import re
from functools import lru_cache

#: characters a part must hold on each side of a ；for the ；to end a sentence
SEMICOLON_MIN = 20

CLOSERS = "”’」』）》〉】\"')"
HARD_STOP = re.compile(f"[。！？!?]+[{re.escape(CLOSERS)}]*")
SEMICOLON = re.compile(f"；[{re.escape(CLOSERS)}]*")
ELLIPSIS = re.compile(r"(?:\.\s){2,}\.|…+|\.{3,}")


@lru_cache(maxsize=1)
def _english_segmenter():
    import pysbd  # loaded on first use: its rules take a moment to compile

    return pysbd.Segmenter(language="en", clean=False)


def english(text: str) -> list[int]:
    """Offsets where a new English sentence starts (not 0), in order."""
    if not text.strip():
        return []
    flat = re.sub(r"[\r\n\t]", " ", text)  # same length: offsets stay valid
    pieces = _english_segmenter().segment(flat)
    cuts: list[int] = []
    position = 0
    for piece in pieces:
        found = flat.find(piece, position)
        if found < 0:
            # pysbd returned text that is not ours (it never should with
            # clean=False): no cut is safer than a wrong one
            return []
        position = found + len(piece)
        cuts.append(found)
    cuts = [_after_ellipsis(flat, cut) for cut in cuts[1:]]
    return sorted({cut for cut in cuts if 0 < cut < len(text) and flat[cut:].strip()})


def _after_ellipsis(text: str, cut: int) -> int:
    """Move a cut past an ellipsis that opens the next sentence."""
    start = cut
    while start < len(text) and text[start] == " ":
        start += 1
    match = ELLIPSIS.match(text, start)
    if match and match.end() < len(text) and text[match.end()] == " " \
            and text[match.end():].strip():
        return match.end()
    return cut


def chinese(text: str) -> list[int]:
    """Offsets where a new Chinese sentence starts (not 0), in order."""
    hard = [m.end() for m in HARD_STOP.finditer(text)]
    stops = sorted(set(hard) | {len(text)})
    cuts = list(hard)
    for match in SEMICOLON.finditer(text):
        before_start = max([0] + [c for c in cuts if c <= match.start()])
        after_end = next(s for s in stops if s >= match.end())
        before = _count(text[before_start:match.start()])
        after = _count(text[match.end():after_end])
        if before >= SEMICOLON_MIN and after >= SEMICOLON_MIN:
            cuts.append(match.end())
    return sorted({c for c in cuts if 0 < c < len(text) and text[c:].strip()})


def _count(text: str) -> int:
    return sum(1 for ch in text if not ch.isspace())


def spans(text: str, cuts: list[int]) -> list[tuple[int, int]]:
    """(start, end) of each sentence, whitespace around it left out."""
    result = []
    bounds = [0, *cuts, len(text)]
    for start, end in zip(bounds, bounds[1:]):
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            result.append((start, end))
    return result
