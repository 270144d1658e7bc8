"""Every kind of warning the edition emits is explained in the README."""

from pathlib import Path

from edition.diagnostics import Kind

README = Path(__file__).resolve().parent.parent / "README.md"


def test_every_warning_kind_is_in_the_readme():
    text = README.read_text(encoding="utf-8")
    missing = [kind.value for kind in Kind if f"`edition.{kind.value}`" not in text]
    assert missing == []
