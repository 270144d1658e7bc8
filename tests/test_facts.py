"""The list of the edition's factual statements and their bases
(tests/data/facts.yaml, issue 13) stays true.

Each sentence must stand in its file (in Markdown, roles and emphasis read
as their words), each quotation of the witness must stand in the witness, and
each source that is a key must be a key of bib/. The list is the edition's
answer to "where does this come from?" for every fact its editorial matter
states.
"""

from __future__ import annotations

import re

import pytest
import yaml
from pybtex.database import parse_file

from conftest import ROOT
from witness import WITNESS

FACTS = yaml.safe_load((ROOT / "tests" / "data" / "facts.yaml").read_text(encoding="utf-8"))


def flat(text: str) -> str:
    return " ".join(text.split())


def words_of_markdown(text: str) -> str:
    """A Markdown page as a reader reads it: a role's words (not its target),
    no emphasis marks, no link targets, an autolink as its address."""
    text = re.sub(r"\{[\w-]+\}(`+)(.*?)\1", lambda m: re.sub(r"\s*<[^<>]*>$", "", m.group(2)),
                  text, flags=re.S)
    code: list[str] = []

    def keep(match: re.Match[str]) -> str:
        code.append(match.group(2))
        return f"\x00{len(code) - 1}\x00"

    text = re.sub(r"(`+)(.*?)\1", keep, text, flags=re.S)   # code as written
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text).replace("*", "")
    text = re.sub(r"<(https?://[^<>\s]+)>", r"\1", text)   # an autolink's words: its address
    text = re.sub(r"\x00(\d+)\x00", lambda m: code[int(m.group(1))], text)
    return flat(text)


def test_the_list_is_not_empty():
    assert len(FACTS) > 60


@pytest.mark.parametrize("fact", FACTS, ids=lambda f: f"{f['file']}: {f['sentence'][:50]}")
def test_each_fact_stands_where_it_says_on_the_basis_it_names(fact):
    path = ROOT / fact["file"]
    text = path.read_text(encoding="utf-8")
    haystack = words_of_markdown(text) if path.suffix == ".md" else flat(text)
    assert flat(fact["sentence"]) in haystack, f"{fact['file']} no longer says it"
    basis = fact["basis"]
    assert set(basis) <= {"witness", "source", "edition"} and basis
    witness = flat(WITNESS.read_text(encoding="utf-8"))
    for quote in basis.get("witness", []):
        assert flat(quote) in witness, f"not in the witness: {quote!r}"
    keys = set(parse_file(str(ROOT / "bib" / "edition.bib")).entries)
    source = basis.get("source", "")
    if source and re.fullmatch(r"[a-z0-9]+", source):
        assert source in keys, f"no bib/ entry {source!r}"


def test_cldr_is_the_version_the_bibliography_names():
    babel_core = pytest.importorskip("babel.core")
    entry = parse_file(str(ROOT / "bib" / "edition.bib")).entries["cldr"]
    assert entry.fields["version"] == str(babel_core.get_cldr_version())
