"""The slots of a MyST source, found and rewritten in its text.

The import writes a transcription into a document by replacing the body of
each ``{original}`` slot in the source *text*, never by re-serialising a
doctree: every other byte of the file (front matter, the English, notes,
commentary, spacing, line endings, a byte-order mark) stays as the editor
left it. This module is the one place that knows where a slot's body starts
and ends in a file.

It reads fences as MyST (markdown-it) does: a fence ends at the first later
line that closes *it* (the same character, at least as many of them), so a
``:::`` closes a side but not the ``::::`` of its unit; a fence line opens a
directive when its info string is ``{name}``. A slot's body is what follows
its opening line, its option lines (``:lang: zh-Hant``) and any leading
comment lines (``% page 303``), up to its closing fence or to the first
directive nested in it (a commentary on the original); those options,
comments and directives are kept as they are, and so are the blank lines
that end the body.

The import checks that the units found here are the units Sphinx read (the
same numbers in the same order), so a layout this scanner does not follow is
refused rather than written wrongly.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

#: an opening or closing fence line: up to three spaces, then ``:::``/`` ``` ``/``~~~``
FENCE = re.compile(r"(?P<indent> {0,3})(?P<fence>:{3,}|`{3,}|~{3,})(?P<info>[^\n]*)")
DIRECTIVE = re.compile(r"\s*\{(?P<name>[\w:.+-]+)\}\s*(?P<argument>.*?)\s*")
OPTION = re.compile(r" {0,3}:[\w-]+:")


@dataclass(frozen=True)
class Slot:
    """A unit of a source and the place of its slot in the text."""

    #: the unit's number as written, e.g. ``"p7"``
    number: str
    #: line (1-based) of the unit's opening fence
    unit_line: int
    #: line (1-based) of the slot's opening fence; 0 when the unit has no slot
    line: int = 0
    #: offset in the text where the slot's body starts (after options, comments)
    start: int = 0
    #: offset in the text where the body ends (start of the closing fence line)
    end: int = 0
    #: whether the slot has a closing fence of its own
    closed: bool = True

    @property
    def present(self) -> bool:
        return self.line > 0


@dataclass
class _Open:
    char: str
    length: int
    name: str
    argument: str
    line: int
    #: offset just after the opening line (and, for a slot, its options and comments)
    body: int
    unit: _Open | None = None
    #: offset of the first fence nested in it (a slot's body ends there)
    inner: int | None = None


def _lines(text: str) -> list[tuple[int, str]]:
    """(offset, line without its line ending) of each line of *text*."""
    result = []
    offset = 0
    for line in text.splitlines(keepends=True):
        result.append((offset, line.rstrip("\r\n")))
        offset += len(line)
    return result


def scan(text: str) -> list[Slot]:
    """Every unit of a MyST source with the place of its slot, in order."""
    lines = _lines(text)
    stack: list[_Open] = []
    units: list[Slot] = []
    slots: dict[int, Slot] = {}  # unit's line -> its (first) slot
    index = 0
    while index < len(lines):
        offset, line = lines[index]
        match = FENCE.fullmatch(line)
        if match is None:
            index += 1
            continue
        char, length = match["fence"][0], len(match["fence"])
        info = match["info"]
        closer = next((i for i, f in enumerate(stack)
                       if f.char == char and length >= f.length and not info.strip()), None)
        if closer is not None:
            for fence in stack[closer:][::-1]:
                _close(fence, offset, units, slots, closed=fence is stack[-1])
            del stack[closer:]
            index += 1
            continue
        # a fence inside a literal code block is text
        if stack and not stack[-1].name:
            index += 1
            continue
        directive = DIRECTIVE.fullmatch(info) if char != "~" or info else None
        if char == ":" and directive is None:
            index += 1  # ':::' with no directive: not a fence MyST knows
            continue
        name = directive["name"] if directive else ""
        argument = directive["argument"] if directive else ""
        next_offset = lines[index + 1][0] if index + 1 < len(lines) else len(text)
        if stack and stack[-1].name == "original" and stack[-1].inner is None:
            stack[-1].inner = offset
        fence = _Open(char, length, name, argument, index + 1, next_offset)
        fence.unit = next((f for f in reversed(stack) if f.name == "unit"), None)
        if name == "unit":
            units.append(Slot(argument, index + 1))
        elif name == "original" and fence.unit is not None:
            # options, then leading comments, stay outside the body
            skip = index + 1
            while skip < len(lines) and OPTION.match(lines[skip][1]):
                skip += 1
            while skip < len(lines) and lines[skip][1].lstrip().startswith("%"):
                skip += 1
            fence.body = lines[skip][0] if skip < len(lines) else len(text)
        stack.append(fence)
        index += 1
    for fence in stack[::-1]:
        _close(fence, len(text), units, slots, closed=False)
    return [slots.get(unit.unit_line, unit) for unit in units]


def _close(fence: _Open, offset: int, units: list[Slot], slots: dict[int, Slot],
           closed: bool) -> None:
    if fence.name != "original" or fence.unit is None:
        return
    unit_line = fence.unit.line
    if unit_line in slots:
        return  # a second slot (reported by the build): the first one counts
    unit = next((u for u in units if u.unit_line == unit_line), None)
    if unit is None:
        return
    end = offset if fence.inner is None else fence.inner
    slots[unit_line] = Slot(unit.number, unit_line, fence.line, min(fence.body, end),
                            end, closed)


def body(text: str, slot: Slot) -> str:
    """The slot's body as it stands in the source (comments included)."""
    return text[slot.start:slot.end] if slot.present else ""


def normalise(value: str) -> str:
    """A slot's text as compared and fingerprinted: line endings ``\\n``, no
    trailing spaces, no blank lines before or after. (Nothing else: the text's
    characters are never changed.)"""
    lines = [line.rstrip() for line in value.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines)


def fingerprint(value: str) -> str:
    """SHA-256 of a slot's normalised text: what the provenance file records
    of an import, so that a later hand edit can be told apart."""
    return hashlib.sha256(normalise(value).encode("utf-8")).hexdigest()


def newline_of(text: str) -> str:
    """The file's line ending (the first one found; ``\\n`` when none)."""
    match = re.search(r"\r\n|\n|\r", text)
    return match.group(0) if match else "\n"


def replace(text: str, new: dict[str, str]) -> str:
    """*text* with the body of each named unit's slot replaced.

    *new* maps unit numbers to their slot's new text (normalised here). The
    text is written with the file's own line ending, one line ending after
    it; nothing outside the bodies changes.
    """
    slots = {s.number: s for s in scan(text) if s.present}
    missing = [number for number in new if number not in slots]
    if missing:
        raise KeyError(f"no slot for unit(s) {', '.join(missing)}")
    pieces: list[str] = []
    position = 0
    for slot in sorted((slots[n] for n in new), key=lambda s: s.start):
        value = normalise(new[slot.number])
        old = text[slot.start:slot.end]
        pieces.append(text[position:slot.start])
        # the line ending of the slot's own lines (a file may mix them)
        before = text[:slot.start]
        newline = "\r\n" if before.endswith("\r\n") else "\n" if before.endswith("\n") \
            else "\r" if before.endswith("\r") else newline_of(text)
        if value:
            pieces.append(value.replace("\n", newline) + newline)
        # the blank lines that end the old body (before a nested directive) stay
        stripped = old.rstrip("\r\n \t")
        tail = old[len(stripped):]
        if stripped:
            ending = re.match(r"[ \t]*(\r\n|\r|\n)", tail)
            tail = tail[ending.end():] if ending else ""
        pieces.append(tail)
        position = slot.end
    pieces.append(text[position:])
    return "".join(pieces)
