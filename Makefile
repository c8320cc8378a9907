# iwobook: `make pdf` and `make test` do all the set-up on a machine with Python 3.11+ and make.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cksum < requirements.lock | cut -d' ' -f1)
PAPER  ?=
# the output name comes from the book's title, as iwobook names it
SLUG   := $(shell $(PYTHON) -c "import re,unicodedata;t=re.search(r'^title:\s*(.+)$$',open('manuscript/book.yaml',encoding='utf-8').read(),re.M).group(1).strip().strip('\"\'');a=unicodedata.normalize('NFKD',t).encode('ascii','ignore').decode().lower();print('-'.join(''.join(c if c.isalnum() else ' ' for c in a).split()) or 'book')" 2>/dev/null || echo book)
SOURCES := manuscript/book.yaml $(shell find manuscript $(wildcard assets) src -type f ! -name '*.pyc' 2>/dev/null)
IWOBOOK := $(BIN)/iwobook

.PHONY: all pdf epub booklet large-print teacher html serve check test lint fuzz bench clean distclean
all: pdf epub

$(STAMP): requirements.lock pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@rm -f $(VENV)/.installed-*; touch $@

# remember the paper asked for (refreshed as the Makefile is read), so that changing PAPER rebuilds
# and repeating it does not; `make -q pdf` then answers truly
PAPER_STAMP := $(shell mkdir -p dist && (echo '$(PAPER)' | cmp -s - dist/.paper || echo '$(PAPER)' > dist/.paper) && echo dist/.paper)

pdf: dist/$(SLUG).pdf
dist/$(SLUG).pdf: $(STAMP) $(SOURCES) $(PAPER_STAMP)
	$(IWOBOOK) build pdf $(if $(PAPER),--paper $(PAPER))

epub: dist/$(SLUG).epub
dist/$(SLUG).epub: $(STAMP) $(SOURCES)
	$(IWOBOOK) build epub

large-print: dist/$(SLUG)-large-print.pdf
dist/$(SLUG)-large-print.pdf: $(STAMP) $(SOURCES) $(PAPER_STAMP)
	$(IWOBOOK) build large-print $(if $(PAPER),--paper $(PAPER))

booklet: dist/$(SLUG)-booklet.pdf
dist/$(SLUG)-booklet.pdf: $(STAMP) $(SOURCES) $(PAPER_STAMP)
	$(IWOBOOK) build booklet $(if $(PAPER),--paper $(PAPER))

# the teacher's edition: the print edition of record's pages beside the notes of manuscript/teacher.yaml
teacher: dist/$(SLUG)-teacher.pdf
dist/$(SLUG)-teacher.pdf: $(STAMP) $(SOURCES)
	$(IWOBOOK) build teacher

# the HTML edition: a folder of web pages (dist/<slug>-html/index.html and a page per section)
html: dist/$(SLUG)-html/index.html
dist/$(SLUG)-html/index.html: $(STAMP) $(SOURCES)
	$(IWOBOOK) build html

# the HTML edition on http://127.0.0.1:8000/, rebuilt and reloaded on every save (PORT=... for another port)
serve: $(STAMP)
	$(IWOBOOK) serve $(if $(PORT),--port $(PORT))

check: $(STAMP)
	$(IWOBOOK) check

lint: $(STAMP)
	$(BIN)/ruff check src tests tools
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
