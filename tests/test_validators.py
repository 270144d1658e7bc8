"""The HTML edition, checked by the validators its field trusts.

* Nu HTML Checker: no error on any page;
* axe-core: no violation on any page, in light and in dark colours, nor on
  the document page in any reading mode;
* Lighthouse: the document page scores 100 for accessibility, best practices
  and SEO (performance is reported, in ``tests/artifacts/lighthouse.json``);
* no page loads anything from another host (see :func:`resource_urls`);
* printing the document page gives the text, its notes and paragraph
  numbers, without the site's navigation.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from lxml import html as lxml_html

import edition_source
from a11y import axe_violations
from conftest import ROOT, require_tool
from validators import lighthouse_report, nu_messages, serve

DOCUMENT = "117033.html"


@pytest.fixture(scope="module")
def html_build(edition_build):
    build = edition_build("html")
    assert build.warnings == ""
    return build.outdir


def html_pages(outdir: Path) -> list[Path]:
    return sorted(outdir.rglob("*.html"))


# --- Nu HTML Checker ---------------------------------------------------------

def test_nu_checker_finds_no_error(html_build, tmp_path):
    pages = html_pages(html_build)
    assert html_build / DOCUMENT in pages
    # A page with an error goes along, in the same run of the checker, to
    # show that the checker runs and is read.
    faulty = tmp_path / "faulty.html"
    faulty.write_text('<!DOCTYPE html><html lang="en"><title>x</title><form action=""></form>')
    errors: dict[str, list[str]] = {}
    for m in nu_messages(*pages, faulty):
        if m["type"] in ("error", "non-document-error"):
            name = Path(urlsplit(m.get("url", "")).path).name
            errors.setdefault(name, []).append(f"{m.get('lastLine')}: {m['message']}")
    assert errors.pop(faulty.name, None), "the Nu checker did not report the faulty page"
    assert errors == {}


# --- axe-core -----------------------------------------------------------------

#: what a dark-scheme block of the web's stylesheets may set: colours (custom
#: properties hold colours), and a drawing's rounded paper
COLOUR_PROPERTIES = re.compile(r"--[\w-]+|color|background(?:-color)?|border(?:-\w+)?-color"
                               r"|fill|stroke|outline-color|border-radius")


def test_the_dark_scheme_changes_colours_only():
    """What lets the dark scheme's axe runs keep to the colour rules
    (a11y.COLOUR_RULES): no dark-scheme block moves, hides or sizes anything."""
    sheets = [ROOT / "extensions/edition/theme/edition/static/edition.css.jinja",
              *sorted((ROOT / "extensions/edition/static").rglob("*.css"))]
    blocks = 0
    for sheet in sheets:
        text = sheet.read_text(encoding="utf-8")
        for match in re.finditer(r"@media \(prefers-color-scheme: dark\) \{", text):
            depth, end = 1, match.end()
            while depth:
                depth += {"{": 1, "}": -1}.get(text[end], 0)
                end += 1
            body = re.sub(r"/\*.*?\*/", "", text[match.end():end - 1], flags=re.S)
            for prop in re.findall(r"([\w-]+)\s*:(?![^{]*\{)", body):
                assert COLOUR_PROPERTIES.fullmatch(prop), f"{sheet.name}: {prop} in dark scheme"
            blocks += 1
    assert blocks >= 3


@pytest.mark.parametrize("colour_scheme", ["light", "dark"])
def test_axe_finds_no_violation_on_any_page(html_build, browser, colour_scheme):
    context = browser.new_context(color_scheme=colour_scheme)
    page = context.new_page()
    found = {}
    try:
        for path in html_pages(html_build):
            page.goto(path.as_uri())
            if (violations := axe_violations(page, scheme=colour_scheme)):
                found[path.relative_to(html_build).as_posix()] = violations
    finally:
        context.close()
    assert found == {}


def test_axe_is_heard(browser):
    """A page with a violation makes the check fail (axe runs and is read)."""
    page = browser.new_page()
    try:
        page.set_content('<!DOCTYPE html><html lang="en"><title>x</title>'
                         '<main><button></button></main></html>')
        assert [v for v in axe_violations(page) if v.startswith("button-name")]
    finally:
        page.close()


def test_axe_finds_no_violation_in_any_reading_mode(html_build, browser):
    """Each reader control (a button with aria-pressed in .reader-controls)
    pressed on a fresh page, then every one pressed in turn on one page: axe
    finds nothing. (Mode buttons act as a group: pressing one releases the
    others; toggles flip; a mode that cannot apply is aria-disabled and
    pressing it does nothing, so it is pressed with force.)"""
    context = browser.new_context()
    page = context.new_page()
    found = {}
    try:
        page.goto((html_build / DOCUMENT).as_uri())
        buttons = page.locator(".reader-controls button[aria-pressed]")
        labels = [buttons.nth(i).inner_text() for i in range(buttons.count())]
        assert len(labels) >= 6, labels  # reading text, commentary, four modes
        for index, label in enumerate(labels):
            page.evaluate("window.localStorage.clear()")
            page.reload()
            buttons.nth(index).click(force=True)
            if (violations := axe_violations(page)):
                found[label] = violations
        page.evaluate("window.localStorage.clear()")
        page.reload()
        for index in range(len(labels)):
            buttons.nth(index).click(force=True)
        if (violations := axe_violations(page)):
            found["every control pressed in turn"] = violations
    finally:
        context.close()
    assert found == {}


# --- Lighthouse ---------------------------------------------------------------

@pytest.mark.browser
def test_lighthouse_scores_the_document_page(html_build, artifacts):
    with serve(html_build) as base:
        report = lighthouse_report(base + DOCUMENT, artifacts / "lighthouse.json")
    categories = report["categories"]
    scores = {name: round(c["score"] * 100) for name, c in categories.items()
              if c["score"] is not None}
    (artifacts / "lighthouse-scores.json").write_text(json.dumps(scores, indent=2))
    print(f"Lighthouse scores of {DOCUMENT}: {scores}")
    expected = {"accessibility": 100, "best-practices": 100, "seo": 100}
    failing_audits = {
        name: [ref["id"] for ref in categories[name]["auditRefs"]
               if ref["weight"] and report["audits"][ref["id"]]["score"] not in (None, 1)]
        for name in expected if scores.get(name) != 100}
    assert {name: scores.get(name) for name in expected} == expected, failing_audits
    assert "performance" in scores


# --- No third-party host ------------------------------------------------------

#: <link rel> values that name a page to go to, not a resource to load
NAVIGATION_RELS = {"canonical", "next", "prev", "alternate", "author", "license",
                   "help", "search", "index", "up", "bookmark", "me"}
#: elements and the attributes through which a page loads a resource
RESOURCE_ATTRIBUTES = {
    "script": ("src",), "img": ("src", "srcset"), "source": ("src", "srcset"),
    "video": ("src", "poster"), "audio": ("src",), "track": ("src",),
    "iframe": ("src",), "embed": ("src",), "object": ("data",), "input": ("src",),
    "image": ("href", "{http://www.w3.org/1999/xlink}href"), "use": ("href",),
}
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)""")


def is_remote(url: str) -> bool:
    """http(s):// and protocol-relative //host URLs leave the edition's folder."""
    url = url.strip()
    return bool(re.match(r"(?i)(https?:)?//", url))


def css_urls(text: str) -> list[str]:
    return [a or b for a, b in CSS_URL.findall(text)]


def resource_urls(path: Path) -> list[str]:
    """Every URL a built file makes a browser load (not the links it offers)."""
    if path.suffix == ".css":
        return css_urls(path.read_text(encoding="utf-8"))
    return page_resource_urls(lxml_html.parse(str(path)))


def page_resource_urls(tree) -> list[str]:
    urls = []
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        tag = element.tag.lower()
        for attribute in RESOURCE_ATTRIBUTES.get(tag, ()):
            if value := element.get(attribute):
                urls += [part.split()[0] for part in value.split(",") if part.strip()] \
                    if attribute == "srcset" else [value]
        if tag == "link":
            rels = set((element.get("rel") or "").lower().split())
            # rel="schema.DC" names the Dublin Core vocabulary: nothing loads it
            rels = {rel for rel in rels if not rel.startswith("schema.")}
            if not rels <= NAVIGATION_RELS and element.get("href"):
                urls.append(element.get("href"))
        if tag == "meta" and (element.get("http-equiv") or "").lower() == "refresh":
            urls += re.findall(r"(?i)url=(\S+)", element.get("content") or "")
        if element.get("style"):
            urls += css_urls(element.get("style"))
        if tag == "style":
            urls += css_urls(element.text_content())
        if tag == "form" and element.get("action"):
            urls.append(element.get("action"))
    return urls


def cited_hosts() -> set[str]:
    """Hosts of the works the edition cites (bib/ and the front matter): the
    only hosts an ordinary link of the edition points to."""
    text = " ".join(p.read_text(encoding="utf-8") for p in
                    [*(ROOT / "bib").glob("*.bib"), *(ROOT / "source").glob("*.md")])
    return {urlsplit(url).hostname for url in re.findall(r"https?://[^\s}>)\"']+", text)}


def test_no_page_loads_from_another_host(html_build):
    loaded = {}
    for path in sorted(html_build.rglob("*")):
        if path.suffix in (".html", ".css"):
            if remote := [u for u in resource_urls(path) if is_remote(u)]:
                loaded[path.relative_to(html_build).as_posix()] = remote
    assert loaded == {}


#: documentation the technical pages point to (a link, never a resource)
REFERENCE_HOSTS = {"tei-c.org", "www.tei-c.org"}


def test_links_to_other_hosts_point_to_cited_works(html_build):
    allowed = cited_hosts() | REFERENCE_HOSTS
    assert "wilson-center-digital-archive.dvincitest.com" in allowed
    stray = {}
    for path in html_pages(html_build):
        hosts = {urlsplit(href).hostname for href in lxml_html.parse(str(path)).xpath("//a/@href")
                 if is_remote(href)}
        if hosts - allowed:
            stray[path.name] = sorted(hosts - allowed)
    assert stray == {}


LOCAL_SCHEMES = ("file", "data", "blob")


def test_a_browser_requests_nothing_from_another_host(html_build, browser):
    """The same, with the scripts run: every request of every page stays local."""
    remote = []

    def only_local(route):
        if urlsplit(route.request.url).scheme in LOCAL_SCHEMES:
            route.continue_()
        else:
            remote.append(route.request.url)
            route.abort()

    context = browser.new_context()
    context.route("**/*", only_local)
    page = context.new_page()
    try:
        for path in html_pages(html_build):
            page.goto(path.as_uri(), wait_until="networkidle")
    finally:
        context.close()
    assert remote == []


def test_the_resource_scan_sees_what_it_must():
    sample = lxml_html.fromstring(
        '<html><head><link rel="stylesheet" href="https://cdn.example/x.css">'
        '<link rel="preload" href="//fonts.example/f.woff2">'
        '<link rel="canonical" href="https://example.org/page.html">'
        '<style>@import "https://a.example/b.css"; p { background: url(https://b.example/i.png) }</style>'
        '<script src="https://analytics.example/a.js"></script></head>'
        '<body><img srcset="https://c.example/1.png 1x, local.png 2x">'
        '<p style="background: url(\'//d.example/bg.png\')">x</p>'
        '<a href="https://archive.example/doc">record</a></body></html>')
    found = [u for u in page_resource_urls(sample) if is_remote(u)]
    assert sorted(found) == sorted([
        "https://cdn.example/x.css", "//fonts.example/f.woff2", "https://a.example/b.css",
        "https://b.example/i.png", "https://analytics.example/a.js", "https://c.example/1.png",
        "//d.example/bg.png"])


# --- Print stylesheet ---------------------------------------------------------

def test_printed_document_page_has_text_notes_numbers_and_no_chrome(html_build, browser, artifacts):
    require_tool("pdftotext")
    page = browser.new_page()
    try:
        page.goto((html_build / DOCUMENT).as_uri())
        page.emulate_media(media="print")
        pdf = artifacts / "print-117033.pdf"
        page.pdf(path=str(pdf), format="A4", print_background=False)
    finally:
        page.close()
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    flat = " ".join(text.split())
    # the text, first and last words
    assert "Having already spoken considerably" in flat
    assert flat.count("persuasion.") >= 1
    # the notes
    assert "Zhou Enlai led a Chinese governmental delegation" in flat
    assert "Liu Xiao was Chinese ambassador to the Soviet Union" in flat
    # the paragraph numbers, each printed in the margin with its ¶
    numbers = re.findall(r"¶\s*(\d+)", text)
    count = len(edition_source.units())
    assert [int(n) for n in numbers[:count]] == list(range(1, count + 1)), numbers
    # no navigation chrome
    for chrome in ("Skip to the text", "Previous", "Next", "Search", "Built "):
        assert chrome not in flat, f"the printout shows the site's {chrome!r}"
