# iwobook: `make pdf` and `make test` do all the set-up on a machine with Python 3.11+ and make.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cksum < requirements.lock | cut -d' ' -f1)
PAPER  ?=
IWOBOOK := $(BIN)/iwobook
# iwobook itself decides whether an output is stale (the set of inputs, links resolved, and their
# contents; see src/iwobook/freshness.py), so every target asks it, and it returns at once when
# nothing changed; make's timestamps are not trusted.
PAPER_ARG = $(if $(PAPER),--paper $(PAPER))

.PHONY: all pdf epub booklet large-print teacher html serve check test lint fuzz bench clean distclean
all: pdf epub

$(STAMP): requirements.lock pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@rm -f $(VENV)/.installed-*; touch $@

pdf: $(STAMP)
	$(IWOBOOK) build pdf $(PAPER_ARG)

epub: $(STAMP)
	$(IWOBOOK) build epub

large-print: $(STAMP)
	$(IWOBOOK) build large-print $(PAPER_ARG)

booklet: $(STAMP)
	$(IWOBOOK) build booklet $(PAPER_ARG)

# the teacher's edition: the print edition of record's pages beside the notes of manuscript/teacher.yaml
teacher: $(STAMP)
	$(IWOBOOK) build teacher

# the HTML edition: a folder of web pages (dist/<slug>-html/index.html and a page per section)
html: $(STAMP)
	$(IWOBOOK) build html

# the HTML edition on http://127.0.0.1:8000/, rebuilt and reloaded on every save (PORT=... for another port)
serve: $(STAMP)
	$(IWOBOOK) serve $(if $(PORT),--port $(PORT))

check: $(STAMP)
	$(IWOBOOK) check

lint: $(STAMP)
	$(BIN)/ruff check src tests tools
	$(BIN)/ruff format --check src tests tools
	$(BIN)/mypy

test: lint
	$(BIN)/pytest

fuzz: $(STAMP)
	IWOBOOK_FUZZ_EXAMPLES=$(or $(EXAMPLES),300) $(BIN)/pytest tests/test_robustness.py -k random

# the benchmark (docs/performance.md): make bench SCALES="1 10 100" adds the 1.5-million-word run
SCALES ?= 1 10
bench: $(STAMP)
	$(BIN)/python -m tools.bench --scales "$(SCALES)"

clean:
	rm -rf dist build .pytest_cache .mypy_cache .ruff_cache .hypothesis

distclean: clean
	rm -rf $(VENV) .tools
