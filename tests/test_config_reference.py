"""The edition's settings: one typed table, and the editors' guide lists it whole.

Every ``edition_*`` value Sphinx knows comes from ``edition.config``'s table
(no module declares one of its own), and the guide's reference table, written
by the ``edition-config`` directive, gives each with its type, default and
help text.
"""

from __future__ import annotations

from lxml import html

from conftest import ROOT

from edition.config import CONFIG_VALUES, type_names
from edition.text.typography import typographic


def test_every_setting_is_declared_in_the_one_table(edition_build):
    app = edition_build("html").app
    known = {value.name for value in app.config if value.name.startswith("edition_")}
    assert known == {value.name for value in CONFIG_VALUES}
    declared_elsewhere = [
        str(path.relative_to(ROOT)) for path in (ROOT / "extensions" / "edition").rglob("*.py")
        if "add_config_value" in path.read_text(encoding="utf-8") and path.name != "config.py"]
    assert declared_elsewhere == []
    for value in CONFIG_VALUES:
        assert value.types and value.help.strip(), value.name


def test_the_guide_lists_every_setting_with_type_default_and_help(edition_build):
    page = html.parse(str(edition_build("html").outdir / "editors-guide.html"))
    (table,) = page.xpath("//table[contains(@class, 'edition-config')]")
    head = [" ".join(th.text_content().split()) for th in table.xpath(".//thead//th")]
    assert head == ["Setting: type, default", "What it does"]
    rows = [[[" ".join(p.text_content().split()) for p in td.xpath("./p")]
             for td in tr.xpath("./td")] for tr in table.xpath(".//tbody/tr")]
    # the help texts are prose of the page, their quotes set as all reading
    # text's are; the names and defaults are code, left as typed
    assert rows == [[[value.name, f"{type_names(value.types)}, default {value.default!r}"],
                     [typographic(" ".join(value.help.split()))]] for value in CONFIG_VALUES]
