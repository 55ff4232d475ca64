PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DB ?= demo.sqlite

.PHONY: install test lint demo clean

install: $(STAMP)

$(STAMP): pyproject.toml requirements.lock
	test -d $(VENV) || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q --require-hashes --no-deps -r requirements.lock
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

lint: install
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests

test: lint
	$(BIN)/pytest

demo: install
	rm -f $(DEMO_DB)
	$(BIN)/newscoder ingest examples --db $(DEMO_DB)
	$(BIN)/newscoder events --db $(DEMO_DB) --limit 25
	$(BIN)/newscoder quotes --db $(DEMO_DB) --limit 10

clean:
	rm -rf $(VENV) $(DEMO_DB) build *.egg-info src/*.egg-info .pytest_cache .ruff_cache
