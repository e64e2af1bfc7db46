# One task runner: README's commands and CI call these targets.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | sha256sum | cut -c1-12)
JOINEDUP := $(BIN)/joinedup
STORE  ?= .joinedup/store

.PHONY: setup browser run test test-fast lint format lock bench eval screenshot index clean

## setup: create .venv from the lock file (pinned, no resolution: ~90 s on a fresh machine)
setup: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --no-deps -r requirements.lock
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	@rm -f $(VENV)/.installed-*
	@touch $@

## index: index the bundled documents (guidance_docs/: national guidance and reviews) on first start,
## with a progress bar; later starts reuse the index, and re-read only files added or changed since
## (and again after a change to the code that shapes what the index stores: its chunks or the
## sentence vectors answers read, whose VERSION bumps make the next ingest re-embed them; an
## ingest with nothing to do takes about a second)
BUNDLED := $(shell find guidance_docs -type f 2>/dev/null)
INDEX_CODE := $(wildcard ingest/*.py) assistant/sentence_vectors.py assistant/quotable.py assistant/text.py
index: setup $(STORE)/.bundled-indexed

$(STORE)/.bundled-indexed: $(BUNDLED) $(INDEX_CODE)
	$(JOINEDUP) ingest --store $(STORE)
	@touch $@

## run: set up, index the bundled documents if needed, and start the app
run: index
	$(JOINEDUP) serve --store $(STORE)

## browser: Debian's chromium + chromedriver for the real-browser test (no browser downloads)
browser:
	@if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ]; then \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null) \
	  || echo "warning: could not install chromium; the browser test will be skipped"; \
	else echo "note: run 'sudo apt-get install chromium chromium-driver' for the browser test"; fi

## test: the whole test suite (unit, integration on the seeds, web + real browser, corpus tests when ../shared exists)
test: setup browser
	$(BIN)/ruff format --check --quiet $(SOURCES)
	$(BIN)/python -m pytest -q

## test-fast: the tests not marked integration, corpus or slow (no browser, no corpus): about 1,040 tests in 15-25 s on a 2-core machine
test-fast: setup
	$(BIN)/python -m pytest -q -m "not integration and not corpus and not slow"

## screenshot: docs/screenshot.png of the web chat answering, from a real browser
screenshot: index browser
	$(BIN)/python tests/make_screenshot.py $(STORE)

SOURCES := assistant ingest evals tests benchmarks docs

lint: setup
	$(BIN)/ruff check $(SOURCES)
	$(BIN)/ruff format --check $(SOURCES)

## format: apply ruff's formatting
format: setup
	$(BIN)/ruff format $(SOURCES)

## lock: re-resolve requirements/*.in into requirements.lock (slow; deliberate)
lock:
	rm -rf .lockvenv && $(PYTHON) -m venv .lockvenv
	.lockvenv/bin/pip install -r requirements/base.in -r requirements/dev.in
	.lockvenv/bin/pip freeze --all --exclude-editable | grep -v -e '^joinedup' -e '^pip==' > requirements.lock
	rm -rf .lockvenv

## eval: the full evaluation set (seeds + ../shared/corpus) with the LangChain recipe beside ours,
## gated against evals/baselines/full.json; seeds only (and their baseline) when the corpus is absent.
## guidance_docs/national/ holds byte-identical copies of the corpus's national PDFs: each is indexed
## once, under its catalogue id (same checksum), whichever folder it is found in first.
EVAL_STORE ?= .joinedup/eval-store
CORPUS ?= ../shared/corpus
eval: setup
	@if [ -d $(CORPUS) ]; then \
	  $(JOINEDUP) ingest guidance_docs $(CORPUS) --store $(EVAL_STORE) && \
	  $(JOINEDUP) eval --store $(EVAL_STORE) --with-peer --baseline evals/baselines/full.json --out evals/runs/latest && \
	  $(BIN)/python -m evals.quiz --store $(EVAL_STORE) --out evals/runs/latest; \
	else echo "note: $(CORPUS) not found: evaluating the seeds only"; \
	  $(JOINEDUP) ingest guidance_docs/reviews --store $(EVAL_STORE)-seeds && \
	  $(JOINEDUP) eval --store $(EVAL_STORE)-seeds --with-peer --baseline evals/baselines/seeds.json --out evals/runs/latest; \
	fi

bench: setup
	$(BIN)/python benchmarks/ingest.py --local
	$(BIN)/python benchmarks/query.py --local
	$(BIN)/python benchmarks/web_load.py --clients gradio_client,http --think 3

clean:
	rm -rf .joinedup .pytest_cache
