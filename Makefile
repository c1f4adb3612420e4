# Minerals Briefing Desk — every target first creates/updates .venv from pyproject.toml.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
REFDB  := resources/reference.sqlite
DBSRC  := $(wildcard db/sources/*.csv) $(wildcard db/*.py) $(wildcard db/importers/*.py) \
          desktop/domain/text.py

.PHONY: run test db check bench lint package clean system-deps screenshots docs fonts

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit("Python 3.11+ is required" if sys.version_info < (3, 11) else 0)'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[build,dev]'
	touch $(STAMP)

$(REFDB): $(STAMP) $(DBSRC)
	$(BIN)/briefdesk db build

run: $(STAMP) $(REFDB)  ## launch the app
	$(BIN)/briefdesk

test: $(STAMP) $(REFDB)  ## the whole suite, headless
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

db: $(STAMP)  ## rebuild the reference database from db/sources/
	$(BIN)/briefdesk db build

check: $(STAMP) $(REFDB)  ## validate the reference database
	$(BIN)/briefdesk db check

bench: $(STAMP) $(REFDB)  ## print the benchmark figures
	$(BIN)/python -m pip install --quiet -e '.[build,dev,bench]'
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m bench

fonts: $(STAMP)  ## regenerate the emboldened CJK face in resources/fonts/ (committed)
	$(BIN)/python -m pip install --quiet -e '.[fonts]'
	$(BIN)/python build/fonts/embolden.py

docs: $(STAMP)  ## rewrite docs/blocks.md from the registry of block kinds
	$(BIN)/python -m desktop.blocks.reference_page > docs/blocks.md

lint: $(STAMP)
	$(BIN)/ruff check desktop db tests bench

package: $(STAMP)  ## the installer (not yet)
	@echo "make package: not yet — the installer arrives with its own issue"

# A real window (not the tests) needs these Debian packages; screenshots use xvfb and poppler.
system-deps:
	apt-get update && apt-get install -y libxcb-cursor0 libxkbcommon-x11-0 libxcb-icccm4 \
	    libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0 xvfb poppler-utils libpango-1.0-0 \
	    libpangoft2-1.0-0 libxcb-render-util0 libxcb-image0

clean:
	rm -rf $(VENV) $(REFDB) .pytest_cache .ruff_cache

screenshots: $(STAMP) $(REFDB)  ## the README's screenshots and sample-memo pages, into docs/
	xvfb-run -a -s "-screen 0 1440x900x24" env QT_QPA_PLATFORM=xcb $(BIN)/python docs/make_screenshots.py
	$(BIN)/briefdesk export resources/samples/rare-earths-after-g7-washington.md -o docs/sample-memo.pdf
	for p in 1 2 3; do pdftoppm -r 60 -png -f $$p -l $$p -singlefile docs/sample-memo.pdf \
	    docs/sample-memo-$$p; done  # one page per call: no zero-padding once the PDF has 10+ pages
