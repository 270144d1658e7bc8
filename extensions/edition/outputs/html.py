"""HTML: the web pages' theme, assets and ``<head>``, and what the validators ask.

The nodes' HTML visitors live with their nodes (e.g. units and sides in
:mod:`edition.text.parallel`); EPUB pages are written by the same visitors
(:mod:`edition.outputs.epub`). This module owns what belongs to the page as a
whole, for every HTML-format builder (``html``, ``dirhtml``, ``singlehtml``,
``epub``, ``json``, ``pickle``):

The theme
    A small reading theme of our own on Sphinx's ``basic`` theme
    (``theme/edition``): one stylesheet, no web fonts and no third-party
    requests; a header with the edition's few sections instead of a sidebar
    that prints the whole contents on every page (which would make a large
    collection's build grow with the square of its size). Its stylesheet
    (``edition.css.jinja``) is a template whose comments do not reach the
    reader; it sets faces by language (Latin faces for English, Chinese
    faces for ``lang="zh*"`` and, limited by ``unicode-range``, for Chinese
    script inside English).

    Each page loads only the stylesheets and scripts it uses
    (:func:`drop_unused_assets`) [page, issue 14]:

    * sphinx-design's stylesheet is 55 KB for some forty components. The
      edition uses one of them, the tab set (the citation formats of
      :mod:`edition.citation.cite_this`), and ``edition.css`` carries just
      the rules of that component (its "sphinx-design components" section).
      The full sheet is loaded only on a page that uses a component those
      rules do not cover, such as a grid an editor writes into a page:
      :data:`STYLED_COMPONENT_CLASSES` lists what the theme styles, and a
      test fails when a built page uses a class that neither list nor sheet
      styles.
    * Pygments' stylesheet only where a page shows highlighted code
      (:data:`USED_WHERE`); of the edition's own assets, those whose row of
      :data:`ASSETS` says where they are used (``used``): the chronology's
      stylesheet where the chronology is, the passages' search script on the
      search page.

    What a page then loads of the edition's own files reaches it as one
    minified stylesheet and one deferred script (:func:`bundle_assets`,
    named by their content: ``_static/edition-bundle-<hash>.css``), so that
    the document page costs four requests, not ten [perf, issue 16]; the
    files stay separate in ``static/``, and :func:`expand_bundles` says which
    a page loads.

The translator
    :class:`EditionTranslator` hands each HTML page to the functions
    registered with :func:`edition.util.before_translation` (the data
    exports, the typographic quotes) as it translates it: in a ``-j`` build,
    in the worker that writes the page rather than in the main process.

The assets
    Every stylesheet and script of the edition is in :data:`ASSETS`, one
    table, and reaches the pages by one recipe (:func:`add_assets`): each
    folder of ``static/`` joins ``html_static_path`` for the builders that
    load one of its files. The apparatus (``static/apparatus``) sets each
    note of the parallel text near its paragraph: under the side that
    references it (in two columns, under its own column), or, where the text
    is one column and the margin is wide enough, in the margin level with
    its reference (a sidenote); nothing is laid over the text. Where the
    notes are in the flow, a tap on a reference opens the note in place,
    with a button back to the text (Escape too). Its two reader controls
    (buttons with ``aria-pressed``, remembered in ``localStorage``) hide the
    record's square brackets on screen ("Reading text") or this edition's
    commentary. Clean copying (``edition-copy.js`` and ``.css``, files of
    their own in the same folder) leaves the edition's marks out of a copied
    selection, keeps the record's brackets in every reading mode, and adds
    "Copy with citation" to each paragraph. The parallel text's script
    (``static/parallel``) adds the reading modes and shows a mode that cannot
    apply disabled with its reason. Without
    JavaScript every page is complete: the published translation with its
    brackets, the commentary shown, the notes as a list under the heading
    "Notes" (:mod:`edition.text.notes`), with links both ways. Scripts are
    files of their own (no inline script), so pages run under a Content
    Security Policy of ``default-src 'self'``; their names begin with
    ``edition`` because the theme's layout loads only the edition's own
    scripts. The search page's script (``static/search``) lists passages as
    results (:mod:`edition.search`). An EPUB gets none of these files:
    reading systems show notes themselves, many run no scripts, and the web's
    stylesheets lean on custom properties and colours that night modes make
    illegible; the EPUB theme's stylesheet (:mod:`edition.outputs.epub`)
    stands in.

The ``<head>``
    Each page's description (the document's ``summary``, else the page's
    first paragraph cut at a word near 200 characters), self-closed since
    EPUB pages are XML, unless the page sets its own (MyST's ``html_meta``);
    and on an edited document's web page, the citation metadata that
    :mod:`edition.citation.head` gives (Highwire, Dublin Core, JSON-LD).

The validators
    Where markup the edition does not write itself fails a validator of
    record (Nu HTML Checker, axe-core, Lighthouse, epubcheck), the smallest
    correction: a bibliography entry of docutils carries
    ``role="doc-biblioentry"``, which DPUB-ARIA 1.1 deprecates (epubcheck
    RSC-017); inside docutils' own ``role="list"`` wrapper the right role is
    ``listitem``. sphinx-design's tab labels lose ``aria-controls``
    (:class:`TabLabelsAsLabels`).
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.writers.html5 import HTML5Translator
from sphinx_design.tabs import sd_tab_label

from ..citation import head
from ..model.domain import get_domain
from ..util import TRANSLATED_BY_EDITION, PACKAGE_DIR, ancestors, translation_steps

THEME_DIR = PACKAGE_DIR / "theme" / "edition"
STATIC_DIR = PACKAGE_DIR / "static"

#: sphinx-design's stylesheet
COMPONENT_CSS = "sphinx-design.min.css"
#: the sphinx-design classes that edition.css styles itself (the tab set)
STYLED_COMPONENT_CLASSES = frozenset({"sd-tab-set", "sd-tab-label", "sd-tab-content"})
#: a stylesheet of Sphinx that only some pages use -> what in a page's body uses it
USED_WHERE = {
    "pygments.css": re.compile(r'class="highlight'),
}
CLASS_ATTRIBUTE = re.compile(r'class="([^"]*)"')

#: length of a page's description, in characters
DESCRIPTION_LENGTH = 200


# --- assets ------------------------------------------------------------------------

#: whether a page uses an asset: (page name, the page's body) -> bool
Use = Callable[[str, str], bool]


def in_body(pattern: str) -> Use:
    """Used on a page whose body matches *pattern*."""
    found = re.compile(pattern)
    return lambda pagename, body: bool(found.search(body))


def on_page(name: str) -> Use:
    """Used on the page *name* only."""
    return lambda pagename, body: pagename == name


@dataclass(frozen=True)
class Assets:
    """The stylesheets and scripts of one folder of ``static/``."""

    #: the folder, under ``static/``; its files land in the output's ``_static/``
    folder: str
    #: stylesheets, as paths inside the folder
    css: tuple[str, ...] = ()
    #: scripts, as (path inside the folder, loading method or "")
    js: tuple[tuple[str, str], ...] = ()
    #: whether the EPUB gets the stylesheets (it never gets the scripts)
    epub: bool = True
    #: the pages that load them, where not every page does
    used: Use | None = None


#: every asset of the edition, in the order the pages load them. The EPUB gets
#: none: its theme (``theme/edition-epub``) has a stylesheet of its own for
#: reading systems and their night modes, and the builder links no other
#: (:data:`edition.outputs.epub.EPUB_STYLESHEETS`).
ASSETS: tuple[Assets, ...] = (
    Assets("parallel", css=("edition/parallel.css",), js=(("edition/parallel.js", ""),),
           epub=False),
    Assets("apparatus", css=("edition-apparatus.css",),
           js=(("edition-apparatus.js", "defer"),), epub=False),
    # clean copying and "Copy with citation" (a browser's concern, not an
    # e-reader's): web pages only
    Assets("apparatus", css=("edition-copy.css",), js=(("edition-copy.js", "defer"),),
           epub=False),
    # the names in the text, wherever they are; the entries of a register on
    # the register pages only
    Assets("registers", css=("mentions.css",), epub=False),
    Assets("registers", css=("registers.css",), used=in_body(r'class="[^"]*\bentity\b'),
           epub=False),
    Assets("chronology", css=("chronology.css",), used=in_body(r'class="[^"]*\bchronology'),
           epub=False),
    # the filled slot: sentence pairs highlighted (text/sentences.py), page
    # breaks of the printed source and provenance lines (text/pagebreak.py,
    # transcription/provenance.py); the EPUB numbers the pairs and styles the
    # rest in its own stylesheet
    Assets("sentences", css=("edition-sentences.css",),
           js=(("edition-sentences.js", "defer"),), epub=False,
           used=in_body(r'class="[^"]*\bsentence\b')),
    Assets("transcription", css=("edition-transcription.css",), epub=False,
           used=in_body(r'class="[^"]*\b(?:slot-provenance|page-break)\b')),
    # before the indexes, which the theme's search.html loads deferred too
    Assets("search", css=("edition-search.css",), js=(("edition-search.js", "defer"),),
           epub=False, used=on_page("search")),
)


def add_assets(app: Sphinx) -> None:
    """The one recipe: each builder's stylesheets and scripts, and their folders.

    A folder joins ``html_static_path`` when the builder loads one of its
    files, so Sphinx copies the files before it writes the pages and stamps
    their links with the files' checksums.
    """
    if app.builder.format != "html":
        return
    epub = app.builder.name.startswith("epub")
    for assets in ASSETS:
        css = assets.css if assets.epub or not epub else ()
        js = assets.js if not epub else ()
        if not (css or js):
            continue
        folder = str(STATIC_DIR / assets.folder)
        if folder not in app.config.html_static_path:
            app.config.html_static_path.append(folder)
        for name in css:
            app.add_css_file(name)
        for name, loading in js:
            if loading:
                app.add_js_file(name, loading_method=loading)
            else:
                app.add_js_file(name)


def component_classes(body: str) -> set[str]:
    """The sphinx-design classes (``sd-...``) a page's body uses."""
    return {name for value in CLASS_ATTRIBUTE.findall(body) for name in value.split()
            if name.startswith("sd-")}


def unused_assets(pagename: str, body: str) -> set[str]:
    """The file names of the stylesheets and scripts this page does not use."""
    unused = set()
    if component_classes(body) <= STYLED_COMPONENT_CLASSES:
        unused.add(COMPONENT_CSS)
    unused.update(name for name, use in USED_WHERE.items() if not use.search(body))
    for assets in ASSETS:
        if assets.used is not None and not assets.used(pagename, body):
            unused.update(assets.css)
            unused.update(name for name, _ in assets.js)
    return unused


def drop_unused_assets(app: Sphinx, pagename: str, templatename: str,
                       context: dict[str, Any], doctree: Any) -> None:
    """Keep only the stylesheets and scripts this page uses (see the module docstring).

    sphinx-design adds its stylesheet to every page, and a page without a
    component it does not style would load 55 KB it never uses, which alone
    breaks the page-weight budget of the benchmarks (BENCHMARKS.md).
    """
    unused = tuple(unused_assets(pagename, context.get("body", "")))
    if not unused:
        return
    for key in ("css_files", "script_files"):
        if key in context:
            context[key] = [asset for asset in context[key]
                            if not str(getattr(asset, "filename", asset)).endswith(unused)]


# --- one stylesheet and one script per page ----------------------------------------------

#: the name of a page's bundles: ``_static/edition-bundle-<hash>.css`` and ``.js``
BUNDLE = "edition-bundle-"
#: Sphinx's files that stay files of their own (only some pages load them)
NOT_BUNDLED = ("pygments.css", COMPONENT_CSS)
#: the file names of every asset in :data:`ASSETS`
OWN_ASSETS = frozenset(n for a in ASSETS for n in (*a.css, *(j for j, _ in a.js)))
#: bundles written in this process: (folder, suffix, each file with its
#: modification time and size) -> the bundle's path; most pages load the
#: same files, which are then read and minified once, not once a page
_BUNDLES: dict[tuple[Any, ...], str] = {}


def bundled(filename: str) -> bool:
    """Whether a stylesheet or script of a page goes into its bundle: the
    edition's own (the theme's ``edition.css``, every file of :data:`ASSETS`
    and the ``edition-*`` files of other modules), not a project's own
    (``html_css_files``) nor Sphinx's."""
    name = filename.removeprefix("_static/")
    return not name.endswith(NOT_BUNDLED) and (name in OWN_ASSETS or name.startswith("edition"))


def write_bundle(outdir: Path, files: list[str], suffix: str) -> str | None:
    """Concatenate *files* (paths under *outdir*), minified; the bundle's
    path under *outdir*, named by its content (so a browser's cached copy is
    never stale), or None when a file is missing.

    Minified by rcssmin and rjsmin (well-kept, pure Python, no Node in the
    HTML build): whitespace and comments go, the rules and code stay. Each
    file keeps its own order and scope (every script of the edition is one
    function expression that runs itself).
    """
    try:
        stats = [(name, (outdir / name).stat()) for name in files]
    except OSError:
        return None
    stamps = tuple((name, st.st_mtime_ns, st.st_size) for name, st in stats)
    key = (str(outdir), suffix, stamps)
    if key in _BUNDLES and (outdir / _BUNDLES[key]).is_file():
        return _BUNDLES[key]
    from rcssmin import cssmin
    from rjsmin import jsmin

    minify = cssmin if suffix == ".css" else jsmin
    parts = []
    for name in files:
        path = outdir / name
        if not path.is_file():
            return None
        parts.append(f"/* {name.removeprefix('_static/')} */\n"
                     + minify(path.read_text(encoding="utf-8")).strip())
    data = ((";" if suffix == ".js" else "") + "\n").join(parts) + "\n"
    digest = hashlib.sha256(data.encode("utf-8")).hexdigest()[:12]
    target = f"_static/{BUNDLE}{digest}{suffix}"
    path = outdir / target
    if not path.is_file():
        # -j writes pages in several processes: each writes whole files only
        temporary = path.with_name(f".{path.name}.{os.getpid()}")
        temporary.write_text(data, encoding="utf-8")
        os.replace(temporary, path)
    _BUNDLES[key] = target
    return target


#: the comment that begins each part of a bundle: the file it comes from
BUNDLE_PART = re.compile(r"^/\* (\S+) \*/$", re.M)


def expand_bundles(page: Path, links: list[str]) -> list[str]:
    """The files a page's stylesheet or script links stand for, in order: a
    bundle's parts (as links from the page, ``_static/edition/parallel.js``),
    any other link as it is (without its ``?v=`` checksum). For tests and
    readers of a built page who ask which file of ``static/`` it loads."""
    found = []
    for link in links:
        link = link.split("?")[0]
        name = link.rsplit("/", 1)[-1]
        bundle = page.parent / link
        if name.startswith(BUNDLE) and bundle.is_file():
            prefix = link[:len(link) - len(name)]
            found += [prefix + part for part in
                      BUNDLE_PART.findall(bundle.read_text(encoding="utf-8"))]
        else:
            found.append(link)
    return found


def bundle_assets(app: Sphinx, pagename: str, templatename: str,
                  context: dict[str, Any], doctree: Any) -> None:
    """One stylesheet and one script per web page instead of up to ten files.

    Each request costs a mobile reader a round trip, and the edition's CSS
    and JavaScript are six small files of their concerns (theme, parallel
    text, apparatus, copying, registers, sentences), which stay separate in
    ``static/``: a page gets, after :func:`drop_unused_assets`, the files it
    uses joined in the order Sphinx links them. A script that Sphinx would
    run at once (``parallel.js``, in the ``<head>``) only waits for the
    document; in the deferred bundle it comes after the deferred scripts,
    where it finds the document read and acts at once: the same order of
    events as before. The search page keeps its scripts (Sphinx's search
    scripts depend on their order and loading), not its stylesheets. The
    EPUB never bundles.
    """
    if app.builder.name not in ("html", "dirhtml"):
        return
    outdir = Path(app.outdir)
    css = [c for c in context.get("css_files", []) if bundled(str(c.filename))]
    if len(css) > 1:
        target = write_bundle(outdir, [str(c.filename) for c in css], ".css")
        if target:
            first = context["css_files"].index(css[0])
            kept = [c for c in context["css_files"] if c not in css]
            # Sphinx's own class of a page's stylesheet (private to Sphinx)
            kept.insert(first, type(css[0])(target, priority=css[0].priority))
            context["css_files"] = kept
    scripts = [j for j in context.get("script_files", []) if bundled(str(j.filename))]
    if len(scripts) > 1 and pagename != "search":
        ordered = [j for j in scripts if "defer" in j.attributes] + \
            [j for j in scripts if "defer" not in j.attributes]
        target = write_bundle(outdir, [str(j.filename) for j in ordered], ".js")
        if target:
            kept = [j for j in context["script_files"] if j not in scripts]
            # blocking="render" (HTML's render-blocking attribute): the first
            # paint waits for the script, which sets the layout (the notes under
            # their paragraphs or in the margin, the reader controls), so
            # nothing painted moves afterwards (Lighthouse's layout shift).
            # Still deferred: the parser never waits for it.
            kept.append(type(scripts[0])(target, defer="defer", blocking="render"))
            context["script_files"] = kept


# --- the translator ------------------------------------------------------------------------

class EditionTranslator(HTML5Translator):
    """Sphinx's HTML translator, which first hands the page to the functions
    of :func:`edition.util.before_translation` (the data exports, the
    typographic quotes): in a ``-j`` build they run in the worker that writes
    the page, not in the main process that resolves every page in turn."""

    def __init__(self, document: nodes.document, builder: Any) -> None:
        super().__init__(document, builder)
        # docutils puts a viewport tag into the page's meta tags; the theme's
        # layout writes one on every page (not only those docutils writes), and
        # a page had it twice
        self.meta = [tag for tag in self.meta if 'name="viewport"' not in tag]

    def visit_document(self, node: nodes.document) -> None:
        # a page, not a fragment the builder renders on its own (a title, the
        # toctree), which is a document too
        if node.get(PAGE) == self.builder.current_docname:
            for step in translation_steps():
                step(self.builder, self.builder.current_docname, node)
        super().visit_document(node)


#: the attribute that names a resolved page's document (set in the main process)
PAGE = "edition-page"


def mark_page(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if app.builder.name in TRANSLATED_BY_EDITION:
        doctree[PAGE] = docname


# --- the <head> -------------------------------------------------------------------------

def shorten(text: str, length: int = DESCRIPTION_LENGTH) -> str:
    text = " ".join(text.split())
    if len(text) <= length:
        return text
    return text[:length].rsplit(" ", 1)[0].rstrip(",;:") + " …"


def first_paragraph(doctree: nodes.document) -> str:
    for paragraph in doctree.findall(nodes.paragraph):
        if any(isinstance(a, (nodes.field_list, nodes.footnote, nodes.citation))
               or "editorial" in a.get("classes", ())
               for a in ancestors(paragraph)):
            continue
        if text := paragraph.astext().strip():
            return text
    return ""


def json_for_script(data: Any) -> str:
    """JSON that cannot end the ``<script>`` element it sits in."""
    # compact: read by machines, and every page carries it
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                          ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escaped)
    return text


def meta_tag(name: str, content: str) -> str:
    return f'<meta name="{html.escape(name)}" content="{html.escape(content)}">'


def add_head_metadata(app: Sphinx, pagename: str, templatename: str,
                      context: dict[str, Any], doctree: nodes.document | None) -> None:
    """The page's description, then an edited document's citation metadata."""
    if doctree is None:
        return
    if 'name="description"' not in context.get("metatags", ""):
        meta = get_domain(app.env).documents.get(pagename)
        description = shorten((meta.summary if meta else "") or first_paragraph(doctree))
        if description:
            context["metatags"] = (
                context.get("metatags", "") +
                f'\n    <meta name="description" content="{html.escape(description)}" />')
    # web pages only: EPUB's XHTML is read by e-readers, not reference managers
    found = head.document_metadata(app, pagename) \
        if app.builder.name in ("html", "dirhtml") else None
    if found is None:
        return
    tags, data = found
    lines = ['<link rel="schema.DC" href="http://purl.org/dc/elements/1.1/">']
    lines += [meta_tag(name, value) for name, value in tags]
    lines.append(f'<script type="application/ld+json">{json_for_script(data)}</script>')
    context["metatags"] = context.get("metatags", "") + "\n    " + "\n    ".join(lines)


# --- what the validators ask ------------------------------------------------------------

def visit_citation_html(self: Any, node: nodes.citation) -> None:
    # docutils' visit_citation, with the role DPUB-ARIA 1.1 asks for
    if not isinstance(node.previous_sibling(), type(node)):
        self.body.append('<div role="list" class="citation-list">\n')
    self.body.append(self.starttag(node, "div", classes=[node.tagname], role="listitem"))


def depart_citation_html(self: Any, node: nodes.citation) -> None:
    type(self).depart_citation(self, node)


class TabLabelsAsLabels(SphinxPostTransform):
    """A tab's ``<label>`` without ``aria-controls``.

    sphinx-design (0.8) gives each tab's label ``aria-controls`` naming its
    panel. The label belongs to a radio input, and HTML does not allow the
    attribute on a label associated with a labelable element (the Nu HTML
    Checker reports each one as an error). Nothing is lost: the panel is the
    element after the input and its label, and the input is what a screen
    reader announces. (The citation formats' tab set is built without it:
    :func:`edition.citation.cite_this.tab_set`.)
    """

    default_priority = 201  # after sphinx-design's TabSetHtmlTransform (200)
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        for label in self.document.findall(sd_tab_label):
            label.attributes.pop("aria_controls", None)


def setup(app: Sphinx) -> None:
    app.add_html_theme("edition", str(THEME_DIR))
    for builder in TRANSLATED_BY_EDITION:
        app.set_translator(builder, EditionTranslator, override=True)
    app.connect("doctree-resolved", mark_page)
    app.connect("builder-inited", add_assets)
    app.connect("html-page-context", drop_unused_assets)
    # after every handler that adds or drops a file (sphinx-design's, ours)
    app.connect("html-page-context", bundle_assets, priority=900)
    app.connect("html-page-context", add_head_metadata)
    app.add_post_transform(TabLabelsAsLabels)
    app.add_node(nodes.citation, override=True,
                 html=(visit_citation_html, depart_citation_html))
