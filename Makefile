# The edition's commands. `make html` and `make test` are all a newcomer needs:
# both create .venv and install the pinned dependencies first, with a Python
# new enough (found on PATH or in pyenv, or provisioned with uv).
#
# Every target runs tools/edition_make.py, which make.bat runs too on Windows:
# the logic lives there, once (`make help` lists the targets and settings).
# Settings are make variables, passed on in the environment:
#   make html SPHINXOPTS="-W -n"   make html PYTHON=/path/to/python3.13
#   make doctor TARGET=latexpdf    make bench BENCH_QUICK=1
#   make status ROOT=tests/roots/test-fullsize
#   make import-original FILE=_build/packet/117033.txt DRY_RUN=1 REPLACE=p3
# tests/test_first_run.py keeps TARGETS in step with make.bat and the script.

TARGETS := help html test test-quick latexpdf epub text tei dirhtml latex rtd status livehtml \
           linkcheck doctor venv clean bench screenshots packet import-original align \
           guide-screenshots

# Any Python 3.8 or newer runs the script; it finds or provisions the one
# the edition needs.
BOOTSTRAP := $(firstword $(shell command -v python3 python 2>/dev/null))

.DEFAULT_GOAL := help
.PHONY: $(TARGETS)

$(TARGETS):
ifeq ($(BOOTSTRAP),)
	@echo "error: no python3 on PATH: install Python 3 (see README, 'Two commands')"; exit 1
else
	@$(BOOTSTRAP) tools/edition_make.py $@
endif
