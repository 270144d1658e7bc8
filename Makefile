# The edition's commands. `make html` and `make test` are all a newcomer needs:
# both create .venv and install the pinned dependencies first.

SPHINXOPTS  ?= -W -n --keep-going
SOURCEDIR   := source
BUILDDIR    := _build
VENV        := .venv
BIN         := $(VENV)/bin
SPHINXBUILD := $(BIN)/sphinx-build
SPHINX      := $(SPHINXBUILD) -c . $(SPHINXOPTS)

# A Python of 3.13 or newer (Sphinx 9.2 needs it): PYTHON=... overrides;
# otherwise the first suitable one on PATH, then one that pyenv holds.
PYTHON ?= $(shell \
  for p in python3.14 python3.13 python3 python; do \
    if command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 13))' 2>/dev/null; then \
      command -v $$p; exit 0; fi; done; \
  if command -v pyenv >/dev/null 2>&1; then \
    for v in $$(pyenv versions --bare 2>/dev/null | sort -rV); do \
      p="$$(pyenv root)/versions/$$v/bin/python3"; \
      if [ -x "$$p" ] && "$$p" -c 'import sys; sys.exit(sys.version_info < (3, 13))' 2>/dev/null; then \
        echo "$$p"; exit 0; fi; done; fi)

.DEFAULT_GOAL := help
.PHONY: help venv html dirhtml latex latexpdf epub text linkcheck livehtml status test clean tei rtd screenshots

help:
	@echo "make html      build the edition into $(BUILDDIR)/html"
	@echo "make test      run the test suite"
	@echo "make latexpdf  build the PDF into $(BUILDDIR)/latex (needs TeX Live, see README)"
	@echo "make epub      build the EPUB into $(BUILDDIR)/epub"
	@echo "make text      build plain text into $(BUILDDIR)/text"
	@echo "make tei       build TEI P5 and JSON/text data exports into $(BUILDDIR)/tei"
	@echo "make rtd       run Read the Docs' build commands locally into _readthedocs/"
	@echo "make status    print which paragraphs of the original are transcribed"
	@echo "make screenshots  PNGs of the parallel text at full size into $(BUILDDIR)/screenshots"
	@echo "make livehtml  live preview for editors (sphinx-autobuild)"
	@echo "make linkcheck check external links"
	@echo "make clean     remove $(BUILDDIR) and _readthedocs"
	@echo "make bench     benchmarks against plain Sphinx (BENCH_QUICK=1: reduced run); writes BENCHMARKS.md"

$(VENV)/.installed: requirements.txt
	@if [ -z "$(PYTHON)" ]; then \
	  echo "error: Python 3.13 or newer is needed (Sphinx 9.2 requires it) and none was found."; \
	  echo "       Install python3.13 (or newer), or run: make PYTHON=/path/to/python3.13 ..."; \
	  exit 1; fi
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

venv: $(VENV)/.installed

html dirhtml latex epub text linkcheck: $(VENV)/.installed
	$(SPHINXBUILD) -M $@ $(SOURCEDIR) $(BUILDDIR) -c . $(SPHINXOPTS)

# TEI P5 files and aligned-unit exports (JSON, text), one set per edited document
tei: $(VENV)/.installed
	$(SPHINXBUILD) -M tei $(SOURCEDIR) $(BUILDDIR) -c . $(SPHINXOPTS)

latexpdf: $(VENV)/.installed
	@command -v xelatex >/dev/null || { echo "error: xelatex is missing: install TeX Live (see README: apt-get install ...)"; exit 1; }
	@command -v latexmk >/dev/null || { echo "error: latexmk is missing: install it (see README)"; exit 1; }
	$(SPHINXBUILD) -M latexpdf $(SOURCEDIR) $(BUILDDIR) -c . $(SPHINXOPTS)

livehtml: $(VENV)/.installed
	$(BIN)/sphinx-autobuild -c . $(SOURCEDIR) $(BUILDDIR)/html $(SPHINXOPTS) --watch extensions --watch bib --watch conf.py

# The commands of .readthedocs.yaml, run as Read the Docs runs them.
rtd: $(VENV)/.installed
	$(BIN)/python tools/readthedocs.py

# `make status ROOT=tests/roots/test-fullsize`: another project whose conf.py
# stands with its sources (a fixture), with doctrees of its own.
status: $(VENV)/.installed
	PYTHONPATH=extensions $(BIN)/python -m edition.status $(if $(ROOT),$(ROOT) --conf $(ROOT) --build $(BUILDDIR)/status-$(notdir $(ROOT)),$(SOURCEDIR) --conf . --build $(BUILDDIR))

# The validators of record that come from npm (package-lock.json pins them).
# --ignore-scripts: vnu-jar's install script would download a Java runtime;
# the machine's Java runs it. Without npm the tests that need them skip
# (and fail under CI).
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
	  npm ci --ignore-scripts --no-audit --no-fund && touch $@; \
	else echo "warning: npm is missing: the HTML validators' tests will skip (see README)"; fi

test: $(VENV)/.installed node_modules/.installed
	$(BIN)/python -m pytest

# The layout test (tests/test_layout.py) on the full-size fixture, writing a
# PNG of each width x reading mode x colour scheme for a person to look at.
screenshots: $(VENV)/.installed
	EDITION_SCREENSHOTS=$(CURDIR)/$(BUILDDIR)/screenshots $(BIN)/python -m pytest tests/test_layout.py -q -p no:cacheprovider
	@echo "screenshots in $(BUILDDIR)/screenshots/"

clean:
	rm -rf $(BUILDDIR) _readthedocs

# -- Benchmarks (bench/run.py; results in BENCHMARKS.md and bench/results/) ----
# Lighthouse is optional: installed here from bench/lighthouse's lock when npm
# is available; without it the Lighthouse figure is reported as not measured.
.PHONY: bench
BENCH_QUICK ?=
bench: $(VENV)/.installed
	@if command -v npm >/dev/null 2>&1 && [ ! -x bench/lighthouse/node_modules/.bin/lighthouse ]; then \
	  npm ci --prefix bench/lighthouse --no-audit --no-fund --loglevel=error \
	    || echo "note: Lighthouse could not be installed; its figure will be skipped"; fi
	BENCH_QUICK=$(BENCH_QUICK) $(BIN)/python bench/run.py
