# One task runner: README's commands and CI call these targets.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | sha256sum | cut -c1-12)
JOINEDUP := $(BIN)/joinedup
STORE  ?= .joinedup/store

.PHONY: setup run test test-fast lint lock bench index clean

## setup: create .venv from the lock file (pinned, no resolution: ~90 s on a fresh machine)
setup: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --no-deps -r requirements.lock
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	@rm -f $(VENV)/.installed-*
	@touch $@

## index: build the index from the bundled documents if there is none
index: setup
	@test -f $(STORE)/CURRENT || $(JOINEDUP) ingest --store $(STORE)

## run: set up, index the bundled documents if needed, and start the app
run: index
	$(JOINEDUP) serve --store $(STORE)

## test: the whole test suite (unit, integration on the seeds, corpus tests when ../shared exists)
test: setup
	$(BIN)/python -m pytest -q

lint: setup
	$(BIN)/ruff check assistant ingest tests benchmarks

## lock: re-resolve requirements/*.in into requirements.lock (slow; deliberate)
lock:
	rm -rf .lockvenv && $(PYTHON) -m venv .lockvenv
	.lockvenv/bin/pip install -r requirements/base.in -r requirements/dev.in
	.lockvenv/bin/pip freeze --exclude-editable | grep -v '^joinedup' > requirements.lock
	rm -rf .lockvenv

bench: setup
	$(BIN)/python benchmarks/ingest.py

clean:
	rm -rf .joinedup .pytest_cache
