"""The edition as an EPUB 3 that passes epubcheck with no error and no warning.

``make epub`` (``sphinx-build -M epub``) uses the builder below, which is
Sphinx's own EPUB 3 builder with what an edition needs on top:

* every page declares its language (``lang`` and ``xml:lang`` on ``<html>``),
  which Sphinx's EPUB pages lack, so reading systems pick the right voice and
  hyphenation;
* the package metadata comes from the document's front matter where
  ``conf.py`` leaves a field at Sphinx's default ``"unknown"``: the summary is
  ``dc:description``, the translators are ``dc:contributor``; ``dc:publisher``
  and ``dc:rights`` are the edition's publisher and licence, or the plain
  statement that none is named (:mod:`edition.citation.responsibility`);
* its pages wear the theme ``edition-epub`` (Sphinx's ``epub`` theme and a
  stylesheet that keeps the hands apart: interpolations, notes, commentary);
* the ``.epub`` file is reproducible: its zip entries carry the time of
  ``SOURCE_DATE_EPOCH`` (when set) and fixed permissions, instead of each
  file's modification time, so two builds of the same sources are
  byte-identical.

The pages themselves are written by the ``html`` visitors of every node:
Sphinx falls back to them for EPUB while no node registers an ``epub=``
visitor, so none of the edition's modules may register one.
"""

from __future__ import annotations

import datetime as dt
import html
from typing import Any
from zipfile import ZIP_DEFLATED, ZIP_STORED, ZipFile, ZipInfo

from sphinx.application import Sphinx
from sphinx.builders.epub3 import Epub3Builder
from sphinx.config import Config

from ..citation import responsibility
from ..model.domain import get_domain
from ..model.metadata import DocumentMeta, join_names
from ..util import PACKAGE_DIR, build_time

THEME_DIR = PACKAGE_DIR / "theme" / "edition-epub"

#: Sphinx's default for the EPUB fields it cannot know
UNSET = "unknown"

#: the files of the EPUB container that precede the content, in this order
CONTAINER_FILES = ("META-INF/container.xml", "content.opf", "toc.ncx")


def zip_time(moment: dt.datetime) -> tuple[int, int, int, int, int, int]:
    # A zip entry cannot be dated before 1980.
    return max(tuple(moment.timetuple()[:6]), (1980, 1, 1, 0, 0, 0))  # type: ignore[return-value]


class EditionEpubBuilder(Epub3Builder):
    """Sphinx's EPUB 3 builder, with language, metadata and reproducibility."""

    def prepare_writing(self, docnames: Any) -> None:
        super().prepare_writing(docnames)
        lang = html.escape(self.config.epub_language, quote=True)
        self.globalcontext["html_tag"] = self.html_tag.replace(
            "<html ", f'<html lang="{lang}" xml:lang="{lang}" ', 1)

    def document_metadata(self) -> DocumentMeta:
        """Metadata of the edition's document: the root's, else the first one's."""
        documents = get_domain(self.env).documents
        if not documents:
            return DocumentMeta()
        root = self.config.root_doc
        return documents.get(root) or documents[min(documents)]

    def content_metadata(self) -> dict[str, Any]:
        metadata = super().content_metadata()
        meta = self.document_metadata()
        if self.config.epub_description == UNSET and meta.summary:
            metadata["description"] = html.escape(meta.summary)
        if self.config.epub_contributor == UNSET and meta.translators:
            metadata["contributor"] = html.escape(join_names(meta.translators))
        return metadata

    def build_content(self) -> None:
        # Sphinx lists every file of the output folder in the package; a
        # .epub left by a build under an earlier epub_basename would be
        # reported as an unknown file (a warning, so -W fails): remove it.
        current = f"{self.config.epub_basename}.epub"
        for stale in self.outdir.glob("*.epub"):
            if stale.name != current:
                stale.unlink()
        super().build_content()

    def toc_metadata(self, level: int, navpoints: list[Any]) -> dict[str, Any]:
        # Sphinx writes epub_uid (the id of the identifier element) as the
        # NCX's dtb:uid, which must be the identifier itself (epubcheck NCX-001).
        metadata = super().toc_metadata(level, navpoints)
        metadata["uid"] = html.escape(self.config.epub_identifier)
        return metadata

    def build_epub(self) -> None:
        # Sphinx's build_epub dates each entry by its file's mtime, which
        # differs from build to build; write the same entries, in the same
        # order (mimetype first and stored), with one date and fixed modes.
        date_time = zip_time(build_time())
        path = self.outdir / f"{self.config.epub_basename}.epub"
        with ZipFile(path, "w", ZIP_DEFLATED) as epub:
            for name in ("mimetype", *CONTAINER_FILES, *self.files):
                info = ZipInfo(name, date_time=date_time)
                info.compress_type = ZIP_STORED if name == "mimetype" else ZIP_DEFLATED
                info.external_attr = 0o100644 << 16
                info.create_system = 3  # Unix, whatever the builder's platform
                epub.writestr(info, (self.outdir / name).read_bytes())


def set_responsibility_fields(app: Sphinx, config: Config) -> None:
    """The EPUB's ``dc:publisher`` and ``dc:rights`` from the edition's values
    (Sphinx would fill them with the author and ``copyright``)."""
    config.epub_publisher = responsibility.statement(config, "edition_publisher")
    config.epub_copyright = responsibility.statement(config, "edition_licence")


def setup(app: Sphinx) -> None:
    app.add_builder(EditionEpubBuilder, override=True)
    app.add_html_theme("edition-epub", str(THEME_DIR))
    # after conf.py is read, before the EPUB builder copies the values
    app.connect("config-inited", set_responsibility_fields, priority=800)
