"""Sentence pairs: the editor's alignment file, and the automatic alignment.

The concern of :mod:`.sentences` split in two: that module cuts the sides
into sentences and writes them in every output; this one says which
sentences answer which. The alignment file, ``<name>.alignment.yaml``
beside the document (its syntax in :mod:`.sentences`), is read by
:func:`read_file` and checked against a unit's sentence counts by
:func:`check_pairs`; units it does not list are paired by
:func:`auto_align` (Gale and Church's method).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

UNALIGNED = "unaligned"


# --- the alignment file ---------------------------------------------------------

@dataclass
class Pair:
    """One line of the alignment file: English numbers = original numbers."""

    en: list[int]
    original: list[int]
    line: int = 0


@dataclass
class AlignmentFile:
    path: Path
    units: dict[str, list[Pair]] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    problems: list[tuple[int, str]] = field(default_factory=list)


PAIR_SIDE = r"\s*(unaligned|\d+(?:\s*-\s*\d+)?(?:\s*,\s*\d+(?:\s*-\s*\d+)?)*)\s*"
PAIR = re.compile(PAIR_SIDE + "=" + PAIR_SIDE)


def _numbers(text: str) -> list[int]:
    if text == UNALIGNED:
        return []
    result: list[int] = []
    for part in text.split(","):
        bounds = [int(b) for b in part.split("-")]
        result.extend(range(bounds[0], bounds[-1] + 1) if len(bounds) == 2 else bounds)
    return result


def read_file(path: Path) -> AlignmentFile:
    data = AlignmentFile(path)
    if not path.exists():
        return data
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        mark = getattr(error, "problem_mark", None)
        data.problems.append(((mark.line + 1) if mark else 1,
                              f"the file is not valid YAML ({getattr(error, 'problem', error)}): "
                              "fix this line"))
        return data
    if root is None:
        return data
    if not isinstance(root, yaml.MappingNode):
        data.problems.append((root.start_mark.line + 1, "the file must list units ('p2:') "
                              "with their pairs under them ('  - 1 = 1')"))
        return data
    for key, value in root.value:
        unit = str(key.value)
        line = key.start_mark.line + 1
        if unit in data.units:
            data.problems.append((line, f"{unit} is listed twice: merge its pairs into one list"))
            continue
        pairs: list[Pair] = []
        items = value.value if isinstance(value, yaml.SequenceNode) else None
        if items is None:
            data.problems.append((line, f"the pairs of {unit} must be a list, one "
                                  "'- English = original' per line"))
            continue
        for item in items:
            text = str(item.value) if isinstance(item, yaml.ScalarNode) else ""
            match = PAIR.fullmatch(text)
            where = item.start_mark.line + 1
            if match is None or match.group(1) == match.group(2) == UNALIGNED:
                data.problems.append((where, f"{unit}: {text!r} is not a pair: write the "
                                      "English sentence numbers, '=', the original's "
                                      "(e.g. '2, 3 = 2'), or 'unaligned' on one side"))
                continue
            pairs.append(Pair(_numbers(match.group(1)), _numbers(match.group(2)), where))
        data.units[unit] = pairs
        data.lines[unit] = line
    return data


def check_pairs(unit: str, pairs: list[Pair], counts: tuple[int, int]
                ) -> list[tuple[int, str]]:
    """Problems of a unit's listed pairs against its sentence counts (en, original)."""
    problems: list[tuple[int, str]] = []
    names = ("English", "original")
    seen: list[dict[int, int]] = [{}, {}]
    for pair in pairs:
        for index, numbers in enumerate((pair.en, pair.original)):
            for number in numbers:
                if not 1 <= number <= counts[index]:
                    problems.append((pair.line, f"{unit}: {names[index]} sentence {number} "
                                     f"does not exist (the {names[index]} of {unit} has "
                                     f"{counts[index]} sentences): correct the number"))
                elif number in seen[index]:
                    problems.append((pair.line, f"{unit}: {names[index]} sentence {number} "
                                     f"is listed twice (also on line {seen[index][number]}): "
                                     "keep it in one pair"))
                else:
                    seen[index][number] = pair.line
    for index in (0, 1):
        for number in range(1, counts[index] + 1):
            if number not in seen[index]:
                example = f"{number} = unaligned" if index == 0 else f"unaligned = {number}"
                problems.append((0, f"{unit}: {names[index]} sentence {number} is neither "
                                 f"aligned nor marked unaligned: add it to a pair, or "
                                 f"'{example}'"))
    return problems


# --- automatic alignment -----------------------------------------------------------

#: Gale and Church (1993): how often each shape of pair occurs, en:original
#: (their 1:2 and 2:1 share split evenly), with 1:3 and 3:1 added for a
#: Chinese sentence that a semicolon cut in three
PRIORS = {(1, 1): 0.89, (1, 0): 0.0099, (0, 1): 0.0099, (2, 1): 0.089 / 2,
          (1, 2): 0.089 / 2, (2, 2): 0.011, (1, 3): 0.005, (3, 1): 0.005}
#: variance of the length of a sentence's counterpart, per character
VARIANCE = 6.8


def auto_align(en: list[int], original: list[int]) -> list[Pair]:
    """Pairs for sentences of the given lengths (characters, no spaces).

    Gale and Church's dynamic programme: a pair costs the improbability of
    its shape plus that of its length difference; lengths are scaled by the
    unit's own ratio (an English sentence holds about three times as many
    characters as its Chinese counterpart, but the unit says exactly). NLTK
    has this as ``nltk.translate.gale_church``, but the whole of NLTK is too
    much to carry for forty lines.
    """
    if not en or not original:
        return [Pair([i + 1], []) for i in range(len(en))] + \
            [Pair([], [j + 1]) for j in range(len(original))]
    ratio = sum(original) / max(1, sum(en))

    def cost(l1: int, l2: int, shape: tuple[int, int]) -> float:
        prior = -math.log(PRIORS[shape])
        if l1 == 0 and l2 == 0:
            return prior
        mean = (l1 + l2 / ratio) / 2
        delta = (l2 / ratio - l1) / math.sqrt(max(mean, 1) * VARIANCE)
        probability = 2 * (1 - 0.5 * (1 + math.erf(abs(delta) / math.sqrt(2))))
        return prior - math.log(max(probability, 1e-300))

    n, m = len(en), len(original)
    best = [[math.inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            if best[i][j] == math.inf:
                continue
            for di, dj in PRIORS:
                a, b = i + di, j + dj
                if a > n or b > m:
                    continue
                value = best[i][j] + cost(sum(en[i:a]), sum(original[j:b]), (di, dj))
                if value < best[a][b]:
                    best[a][b], back[a][b] = value, (di, dj)
    pairs: list[Pair] = []
    i, j = n, m
    while i or j:
        di, dj = back[i][j]  # type: ignore[misc]
        pairs.append(Pair(list(range(i - di + 1, i + 1)), list(range(j - dj + 1, j + 1))))
        i, j = i - di, j - dj
    return pairs[::-1]
