"""Every builder Sphinx ships works on the edition: no traceback, no warning.

* The registry: every node class of the edition (``edition.nodes.ALL``) has a
  visitor, or the documented fallback, for the translator of every builder
  Sphinx has registered (html, latex and text visitors on the nodes; man and
  texinfo through ``edition.outputs.generic``'s lowering; xml and pseudoxml
  through docutils' generic visitor; builders that write no doctree need
  none).
* The fixture ``test-builders`` (every node of the edition, FIXTURE text) and
  the real edition build with each builder, warning-free, and the output
  holds the edition's marks as that output writes them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from docutils.nodes import GenericNodeVisitor

from conftest import TESTS, build_project

from edition import nodes as edition_nodes
from edition.outputs import generic

FIXTURE = TESTS / "roots" / "test-builders"

#: every builder Sphinx ships, and the edition's own
BUILDERS = ("html", "dirhtml", "singlehtml", "epub", "latex", "text", "man", "texinfo",
            "xml", "pseudoxml", "gettext", "json", "pickle", "tei")

#: what each output writes for the fixture's marks: file pattern -> texts it holds
EXPECTED = {
    "html": ("document.html", ('interpolation-bracket">[</span>supplied words',
                               '<span class="sic-label editorial"><i>sic</i></span>',
                               "commentary-ref")),
    "dirhtml": ("document/index.html", ('interpolation-bracket">[</span>supplied words',)),
    "singlehtml": ("index.html", ('interpolation-bracket">[</span>supplied words',
                                  "Persons", "Fixture event")),
    "epub": ("document.xhtml", ('interpolation-bracket">[</span>supplied words',)),
    "json": ("document.fjson", ("supplied words",)),
    "pickle": ("document.fpickle", ()),
    "latex": ("*.tex", (r"\edinterpolation{supplied words}", r"\begin{edparallel}")),
    # the edition's marks in plain text: never the record's square brackets
    # (edition.outputs.plain)
    "text": ("document.txt", ("[supplied words]", "readng ⟨sic⟩ᵃ", "¶ 2",
                              "⟨Chinese original not yet transcribed⟩",
                              "│ ᵃ Commentary of this edition")),
    "man": ("*.1", ("[supplied words]", "readng ⟨sic⟩ᵃ", "¶ 2",
                    "⟨Chinese original not yet transcribed⟩", "ᵃ Commentary of this edition")),
    "texinfo": ("*.texi", ("[supplied words]", "readng ⟨sic⟩ᵃ", "¶ 2",
                           "⟨Chinese original not yet transcribed⟩",
                           "ᵃ Commentary of this edition")),
    "xml": ("document.xml", ("<interpolation", "<unit", "<side")),
    "pseudoxml": ("document.pseudoxml", ("<interpolation", "<unit")),
    "gettext": ("document.pot", ("FIXTURE paragraph one names",)),
    # no resp: the record does not say who supplied the words in its brackets
    "tei": ("document.xml", ("<supplied>supplied words</supplied>",)),
}


@pytest.mark.sphinx("html", testroot="builders")
def test_every_node_has_a_visitor_for_every_translator(app):
    registry = app.registry
    handlers = registry.translation_handlers
    missing, checked = [], []
    for name, builder in sorted(registry.builders.items()):
        try:
            translator = registry.get_translator_class(builder)
        except AttributeError:
            translator = None
        if translator is None:
            continue  # writes no doctree (gettext, linkcheck, dummy, tei, ...)
        # Sphinx takes a builder's own handlers if any are registered under
        # its name, else those of its format (epub, dirhtml: html's)
        table = handlers[name] if name in handlers else handlers.get(builder.format, {})
        for cls in edition_nodes.ALL:
            ok = (cls.__name__ in table
                  or issubclass(translator, GenericNodeVisitor)
                  or (builder.format in generic.FORMATS and cls in generic.LOWERED))
            if not ok:
                missing.append(f"{name}: {cls.__name__}")
        checked.append(name)
    assert not missing, missing
    assert {"html", "dirhtml", "singlehtml", "epub", "latex", "text", "man", "texinfo",
            "xml", "pseudoxml", "json", "pickle"} <= set(checked)
    # a node registering an epub= (or dirhtml=, ...) visitor would stop the
    # fallback to the html visitors for every node of that builder
    assert not {"epub", "dirhtml", "singlehtml", "json", "pickle"} & set(handlers)


def output_of(outdir: Path, builder: str) -> str:
    pattern, _ = EXPECTED[builder]
    files = sorted(outdir.glob(pattern))
    assert files, f"{builder}: no {pattern} in {outdir}"
    return "\n".join(f.read_bytes().decode("utf-8", "replace") for f in files)


@pytest.mark.parametrize("builder", BUILDERS)
def test_every_builder_builds_the_fixture(builder, tmp_path):
    build = build_project(FIXTURE, FIXTURE, tmp_path, builder)
    assert build.warnings == ""
    text = output_of(build.outdir, builder)
    for expected in EXPECTED[builder][1]:
        assert expected in text, f"{builder}: {expected!r} not in the output"
    if builder == "man":
        # links within the book are words in a man page (no "Fixture Party <#...>")
        assert "<#" not in text


@pytest.mark.parametrize("builder", BUILDERS)
def test_every_builder_builds_the_edition(builder, edition_build):
    build = edition_build(builder)
    assert build.warnings == ""
    if builder in ("text", "man", "texinfo"):
        text = " ".join(" ".join(p.read_text(encoding="utf-8").split()) for p in sorted(
            build.outdir.glob({"text": "117033.txt", "man": "*.1", "texinfo": "*.texi"}[builder])))
        assert "[of Soviet]" in text and "⟨sic⟩" in text and "[sic]" not in text
        assert "ᵃ Commentary of this edition" in text
        assert "[Commentary" not in text
