"""LaTeX and PDF: the edition as a printed book.

Style files
    Every module that writes LaTeX macros defines them in a style file named
    after it (``latex/edition.sty`` for the shared ones and the print design,
    ``latex/<module>.sty`` for a module's own); this module copies them into
    the LaTeX output folder and loads them, so ``conf.py`` needs no list.

Front and back matter from data
    The title page, the colophon, the running heads and the PDF's metadata
    (title, author, subject, keywords, language) are built from what the
    edition already knows: the documents' metadata in the ``edition`` domain,
    the source's entry in ``bib/`` and ``conf.py`` (``edition_version``,
    ``edition_licence``, ``html_baseurl``). They reach LaTeX as
    ``\\edset{key}{value}`` lines in the preamble, escaped here; the layout
    that uses them is ``edition.sty``'s. Nothing is typed twice.

The assembled book
    A post-transform on the book's doctree gives each document with a short
    title that title as its running head, and keeps the bibliography in the
    Bibliography chapter, where the ``bibliography`` directive stands (Sphinx
    otherwise moves every citation to a chapter of its own at the end, and
    leaves the Bibliography chapter empty).

The build date honours ``SOURCE_DATE_EPOCH`` (Sphinx's ``format_date``).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import unicodedata
import uuid
from pathlib import Path
from typing import Any

import sphinx
from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.builders.latex.nodes import thebibliography
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.i18n import format_date
from sphinx.util.texescape import escape as tex_escape

from . import responsibility
from .diagnostics import Kind, warn
from .domain import get_domain
from .metadata import format_date as format_document_date
from .metadata import join_names

STYLE_DIR = Path(__file__).parent / "latex"

#: bib ``language`` values whose names are written family name first
FAMILY_NAME_FIRST = {"chinese", "japanese", "korean", "zh", "ja", "ko"}

ENGINE_NAMES = {"xelatex": "XeLaTeX", "lualatex": "LuaLaTeX", "pdflatex": "pdfLaTeX",
                "platex": "pLaTeX", "uplatex": "upLaTeX"}


# --- style files ---------------------------------------------------------------

def style_files() -> list[Path]:
    # edition.sty first: the others may use what it defines
    return sorted(STYLE_DIR.glob("*.sty"), key=lambda p: (p.stem != "edition", p.stem))


def add_packages(app: Sphinx) -> None:
    if app.builder.format != "latex":
        return
    for path in style_files():
        app.add_latex_package(path.stem)


#: TeX reads a source line into a buffer of 200,000 bytes; a paragraph typed
#: on one line longer than that stops xelatex ("Unable to read an entire line").
MAX_LINE = 4000
COMMENT = re.compile(r"(?<!\\)%")


def wrap_long_lines(tex: str, limit: int = MAX_LINE) -> str:
    """Break lines longer than *limit* at spaces (a newline is a space to TeX),
    never after a comment sign, so no paragraph can overflow TeX's buffer."""
    out = []
    for line in tex.split("\n"):
        if len(line) <= limit:
            out.append(line)
            continue
        comment = COMMENT.search(line)
        code, rest = (line[:comment.start()], line[comment.start():]) if comment else (line, "")
        while len(code) > limit:
            cut = code.rfind(" ", 0, limit)
            if cut <= 0:
                break
            out.append(code[:cut])
            code = code[cut + 1:]
        out.append(code + rest)
    return "\n".join(out)


def copy_styles(app: Sphinx, exception: Exception | None) -> None:
    if exception is None and app.builder.format == "latex":
        for path in style_files():
            shutil.copy(path, Path(app.outdir) / path.name)
        for tex in Path(app.outdir).glob("*.tex"):
            text = tex.read_text(encoding="utf-8")
            wrapped = wrap_long_lines(text)
            if wrapped != text:
                tex.write_text(wrapped, encoding="utf-8")
        if app.config.latex_use_xindy:
            write_xindy_module(Path(app.outdir))


# --- the index -----------------------------------------------------------------------

#: Latin letters that Unicode does not decompose into a base letter and a mark
LATIN_FOLDS = {"ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ø": "o", "Ø": "O", "ß": "ss",
               "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "þ": "th", "Þ": "Th",
               "ð": "d", "Ð": "D", "ı": "i", "ħ": "h", "Ħ": "H", "ŧ": "t", "Ŧ": "T"}

XINDY_MODULE = "edition.xdy"


def latin_folds() -> dict[str, str]:
    """Each Latin letter with a diacritic -> its base letter(s): Ł -> L, ó -> o."""
    folds = dict(LATIN_FOLDS)
    for code in range(0x00C0, 0x0250):
        char = chr(code)
        base = unicodedata.normalize("NFKD", char)[0]
        if char not in folds and base != char and base.isascii() and base.isalpha():
            folds[char] = base
    return folds


def write_xindy_module(outdir: Path) -> None:
    """Teach xindy to file Gomułka under G and Łódź under L.

    With ``-L english`` (what Sphinx passes for ``language = "en"``) xindy
    knows a to z only and files any name that begins with another letter
    under "Non-alphabetical". The merge rules make a letter with a diacritic
    sort as its base letter; the printed entry keeps its spelling. Names in
    other scripts (Cyrillic, Chinese) need a Latin sort key in the entry
    (``\\index{Khrushchev@...}``), as the registers give them.
    """
    rules = [f'(merge-rule "{char}" "{base}" :string)' for char, base in latin_folds().items()]
    (outdir / XINDY_MODULE).write_text(
        ";; written by extensions/edition/latex.py\n" + "\n".join(rules) + "\n",
        encoding="utf-8")
    # Sphinx's sphinx.xdy is the module its Makefile names (-M sphinx.xdy)
    main = outdir / "sphinx.xdy"
    if main.exists():
        text = main.read_text(encoding="utf-8")
        line = f'(require "{XINDY_MODULE}")'
        if line not in text:
            main.write_text(text.rstrip("\n") + f"\n\n;; the edition's rules\n{line}\n",
                            encoding="utf-8")


# --- escaping ----------------------------------------------------------------------

def tex(text: str) -> str:
    """Plain text -> LaTeX (Sphinx's escaping for Unicode engines)."""
    return tex_escape(" ".join(str(text).split()), "xelatex")


def pdf_string(text: str) -> str:
    """Plain text -> a hyperref PDF string (Info dictionary, XMP)."""
    # In PDF strings Sphinx's \sphinxhyphen{} would need hyperref's help; a
    # hyphen needs none there (no ligatures in metadata).
    return tex(text).replace(r"\sphinxhyphen{}", "-")


def tex_url(url: str) -> str:
    r"""A URL for ``\url``: only the characters \url cannot take are escaped."""
    return re.sub(r"([%#{}\\])", r"\\\1", url)


def tex_with_urls(text: str) -> str:
    """Plain text -> LaTeX, each web address in it a link."""
    parts = re.split(r"(https?://[^\s,;]+[^\s,;.)])", " ".join(text.split()))
    return "".join(r"\url{%s}" % tex_url(part) if odd % 2 else tex_escape(part, "xelatex")
                   for odd, part in enumerate(parts))


def en_dash_ranges(text: str) -> str:
    """``302-305`` -> ``302–305``: a range of numbers takes an en dash."""
    return re.sub(r"(?<=\d)-(?=\d)", "\u2013", text)


def bib_text(value: str) -> str:
    """A bib field without BibTeX's protective braces."""
    return value.replace("{", "").replace("}", "")


# --- the book's data ---------------------------------------------------------------

def person_name(person: Any, family_first: bool) -> str:
    given = " ".join(person.first_names + person.middle_names)
    family = " ".join(person.prelast_names + person.last_names)
    parts = [family, given] if family_first else [given, family]
    return bib_text(" ".join(p for p in parts if p))


def source_citation(entry: Any, pages: str) -> str:
    """LaTeX citation of a book, as in the notes of the witness:

    Shi Zhongquan 石仲泉, *Zhou Enlai de zhuoyue fengxian* 周恩来的卓越奉献
    [Remarkable ...] (Beijing: Zhonggong ... chubanshe 中共中央党校出版社, 1993),
    302–305.

    Names and titles in their original script follow the romanised ones
    (the bib's ``-original`` fields). Once the citation module formats
    sources for every output, this should use it.
    """
    fields = {k.lower(): bib_text(v) for k, v in entry.fields.items()}
    family_first = fields.get("language", "").lower() in FAMILY_NAME_FIRST
    authors = entry.persons.get("author") or entry.persons.get("editor") or []
    names = join_names([person_name(p, family_first) for p in authors])
    parts = []
    if names:
        parts.append(tex(names) + (" " + tex(fields["author-original"])
                                   if "author-original" in fields else ""))
    if "title" in fields:
        title = r"\emph{%s}" % tex(fields["title"])
        if "title-original" in fields:
            title += " " + tex(fields["title-original"])
        if "title-translation" in fields:
            title += " {[}%s{]}" % tex(fields["title-translation"])
        parts.append(title)
    imprint = []
    if "address" in fields:
        imprint.append(tex(fields["address"]))
    publisher = fields.get("publisher", "")
    if publisher and "publisher-original" in fields:
        publisher += " " + fields["publisher-original"]
    rest = ", ".join(tex(p) for p in (publisher, fields.get("year", "")) if p)
    imprint_text = ": ".join(p for p in (" ".join(imprint), rest) if p)
    citation = ", ".join(parts)
    if imprint_text:
        citation += f" ({imprint_text})"
    if pages:
        citation += ", " + tex(en_dash_ranges(pages))
    return citation + "."


def archive_citation(meta: dict[str, Any]) -> str:
    """Wilson Center Digital Archive, record 117033, “Report, ...,” <url>."""
    parts = [tex(meta[k]) if k == "archive" else "record " + tex(meta[k])
             for k in ("archive", "record") if k in meta]
    title = tex(meta["title"]) if "title" in meta else ""
    url = r"\url{%s}" % tex_url(meta["url"]) if "url" in meta else ""
    if title:
        # the comma goes inside the closing quotation mark, the period too
        parts.append(f"\u201c{title},\u201d {url}" if url else f"\u201c{title}.\u201d")
        return ", ".join(parts) + ("." if url else "")
    if url:
        parts.append(url)
    return ", ".join(parts) + "." if parts else ""


def book_data(app: Sphinx, docnames: list[str], title: str, author: str) -> dict[str, str]:
    """The values ``edition.sty`` typesets, as LaTeX; empty values are left out."""
    config = app.config
    documents = get_domain(app.env).documents
    described = [d for d in docnames if d in documents]
    data: dict[str, str] = {
        "booktitle": tex(title),
        "version": tex(config.edition_version),
        "builddate": tex(format_date("%-d %B %Y", language=config.language)),
        # responsibility: the value, or the sentence that says it is unset
        "editors": tex(responsibility.value(config, "edition_editors")),
        "noeditors": tex(responsibility.VALUES["edition_editors"][1]),
        "publisher": tex(responsibility.statement(config, "edition_publisher")),
        "licence": tex_with_urls(responsibility.statement(config, "edition_licence")),
        "url": r"\url{%s}" % tex_url(config.html_baseurl) if config.html_baseurl else "",
        "typeset": tex(f"Typeset with {ENGINE_NAMES.get(config.latex_engine, config.latex_engine)}"
                       f" from the edition's sources by Sphinx {sphinx.__display_version__}."),
        "title": tex(title),
        "author": tex(author),
        "runninghead": tex(author),
    }
    if len(described) == 1:
        # One document: the book is that document, and its title page says so.
        docname = described[0]
        meta = documents[docname]
        short = meta.get("short-title", meta.get("title", title))
        data.update({
            "title": tex(short),
            "booksubtitle": tex(short) if short != title else "",
            "author": tex(meta.get("author", author)),
            "runninghead": tex(meta.get("author", author)),
            "date": tex(format_document_date(meta["date"])) if "date" in meta else "",
            "recipients": tex(join_names(meta.get("recipients", []))),
            "translators": tex(join_names(meta.get("translators", []))),
            "originallanguage": tex(meta.get("original-language", "")),
            "archive": archive_citation(meta),
            "source": document_source(app, docname, meta),
        })
    return {key: value for key, value in data.items() if value}


def document_source(app: Sphinx, docname: str, meta: dict[str, Any]) -> str:
    key = meta.get("source", "")
    if not key:
        return ""
    try:
        entry = app.env.get_domain("cite").bibdata.data.entries[key]  # type: ignore[attr-defined]
    except (KeyError, AttributeError):
        warn(Kind.metadata, "document field 'source' names %r, which is no key of the "
             "bibliography (bibtex_bibfiles): add the entry, or correct the key; the PDF's "
             "title page prints the key", key, location=docname)
        return tex(key) + (", " + tex(en_dash_ranges(meta["pages"])) if "pages" in meta else "")
    return source_citation(entry, meta.get("pages", ""))


def build_time() -> dt.datetime:
    """When the book is built: ``SOURCE_DATE_EPOCH`` if set (reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is not None:
        return dt.datetime.fromtimestamp(float(epoch), tz=dt.UTC)
    return dt.datetime.now(tz=dt.UTC).replace(microsecond=0)


def pdf_metadata(app: Sphinx, docnames: list[str], title: str, author: str) -> str:
    """``\\hypersetup`` with the PDF's Info dictionary and language."""
    documents = get_domain(app.env).documents
    described = [documents[d] for d in docnames if d in documents]
    subject = ""
    keywords: list[str] = []
    if len(described) == 1:
        meta = described[0]
        title = meta.get("short-title", meta.get("title", title))
        author = meta.get("author", author)
        subject = meta.get("summary", meta.get("title", ""))
    for meta in described:
        keywords += [meta.get("author", ""), *meta.get("recipients", [])]
        if "date" in meta:
            keywords.append(meta["date"][:4])
        if "archive" in meta:
            keywords.append(meta["archive"] + (f" {meta['record']}" if "record" in meta else ""))
        if "original-language" in meta:
            keywords.append(f"translation from {meta['original-language']}")
    # one keyword per comma (hyperxmp splits there for XMP's dc:subject)
    keywords = list(dict.fromkeys(k.replace(",", "") for k in keywords if k))
    options = {
        "pdftitle": title,
        "pdfauthor": author,
        "pdfsubject": subject,
        "pdfkeywords": ", ".join(keywords),
        "pdflang": app.config.language or "",
    }
    lines = [f"  {key}={{{pdf_string(value)}}}," for key, value in options.items() if value]
    # XMP's dates and instance id from the build date, which honours
    # SOURCE_DATE_EPOCH (hyperxmp would take the clock's time and a random id)
    when = build_time()
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    instance = uuid.uuid5(uuid.NAMESPACE_URL, "|".join(
        (options["pdftitle"], app.config.edition_version, stamp)))
    pdf_stamp = when.strftime("D:%Y%m%d%H%M%SZ")
    lines += [f"  pdfcreationdate={{{pdf_stamp}}},", f"  pdfmoddate={{{pdf_stamp}}},",
              f"  pdfdate={{{stamp}}},", f"  pdfmetadate={{{stamp}}},",
              f"  pdfinstanceid={{uuid:{instance}}},"]
    # keeppdfinfo: hyperxmp would otherwise drop Author and Keywords from the
    # Info dictionary (a PDF/A nicety) and leave them in XMP only
    return ("\\hypersetup{\n" + "\n".join(lines)
            + "\n  pdfdisplaydoctitle=true,\n  keeppdfinfo=true,\n}")


def preamble(app: Sphinx, docnames: list[str], title: str, author: str) -> str:
    lines = ["", "% -- The edition's data (extensions/edition/latex.py) --"]
    for key, value in book_data(app, docnames, title, author).items():
        lines.append(f"\\edset{{{key}}}{{{value}}}")
    lines.append(pdf_metadata(app, docnames, title, author))
    return "\n".join(lines) + "\n"


# --- the assembled book ----------------------------------------------------------

class bibliography_place(nodes.Element):
    """Where the first citation stood before Sphinx gathered them (LaTeX only)."""


class MarkBibliographyPlace(SphinxPostTransform):
    """Mark where the bibliography stands, before Sphinx moves it (750)."""

    default_priority = 740
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        first = next(iter(self.document.findall(nodes.citation)), None)
        if first is not None:
            first.parent.insert(first.parent.index(first), bibliography_place())


class EditionBook(SphinxPostTransform):
    """Running heads, and the bibliography in its chapter."""

    default_priority = 760  # after Sphinx's BibliographyTransform (750)
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        self.place_bibliography()
        self.drop_note_transitions()
        documents = get_domain(self.env).documents
        for start in self.document.findall(addnodes.start_of_file):
            short = documents.get(start["docname"], {}).get("short-title")
            section = next(iter(start.findall(nodes.section)), None)
            if short and section is not None and isinstance(section[0], nodes.title):
                section.insert(1, nodes.raw(
                    "", "\\edrunninghead{%s}" % tex(short), format="latex"))

    def drop_note_transitions(self) -> None:
        """Drop a transition that ends its section.

        MyST puts one before a document's notes (``myst_footnote_transition``);
        in LaTeX the notes go to the foot of their pages, and the rule would
        stand alone after the text. (Docutils itself forbids a section to end
        with a transition.)
        """
        for transition in list(self.document.findall(nodes.transition)):
            parent = transition.parent
            following = [n for n in parent.children[parent.index(transition) + 1:]
                         if not isinstance(n, (nodes.target, nodes.footnote))]
            if not following:
                parent.remove(transition)

    def place_bibliography(self) -> None:
        places = list(self.document.findall(bibliography_place))
        gathered = [n for n in self.document.children if isinstance(n, thebibliography)]
        if places and gathered:
            place = places[0]
            self.document.remove(gathered[0])
            place.replace_self([
                nodes.raw("", r"\edbibliographyinplace", format="latex"), gathered[0]])
        for place in list(self.document.findall(bibliography_place)):
            place.parent.remove(place)


def set_preamble(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Put the book's data into the preamble of the LaTeX file being written.

    The LaTeX builder resolves the assembled book (firing this event) just
    before its writer copies the builder's context, the template's values;
    this is the one moment that knows which documents the book holds.
    """
    if app.builder.format != "latex" or not hasattr(app.builder, "context"):
        return
    docnames = [start["docname"] for start in doctree.findall(addnodes.start_of_file)]
    entry = next((e for e in app.config.latex_documents if e[0] == docname), None)
    title = entry[2] if entry else app.config.project
    author = entry[3] if entry else app.config.author
    base = app.config.latex_elements.get("preamble", "")
    app.builder.context["preamble"] = base + preamble(app, docnames, title, author)


def skip_node(self: Any, node: nodes.Node) -> None:
    raise nodes.SkipNode


def setup(app: Sphinx) -> None:
    app.connect("builder-inited", add_packages)
    app.connect("build-finished", copy_styles)
    # XMP metadata (title, author, subject, keywords, language) for archives,
    # from the same \hypersetup as the PDF's Info dictionary
    app.add_latex_package("hyperxmp", after_hyperref=True)
    app.add_post_transform(MarkBibliographyPlace)
    app.add_post_transform(EditionBook)
    app.connect("doctree-resolved", set_preamble)
    # never left in a tree that is written: EditionBook removes every one
    app.add_node(bibliography_place, latex=(skip_node, None), html=(skip_node, None),
                 text=(skip_node, None))
