PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DB ?= demo.sqlite

.PHONY: install test lint demo clean baseline gate chromium

install: $(STAMP)

$(STAMP): pyproject.toml requirements.lock
	test -d $(VENV) || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q --require-hashes --no-deps -r requirements.lock
	$(BIN)/pip install -q -e '.[dev,scale]'
	$(BIN)/python -m compileall -q src  # as pip does for installed packages
	touch $(STAMP)

lint: install
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests

# The browser tests drive Debian's chromium (never a downloaded browser build).
chromium:
	command -v chromium >/dev/null || (apt-get update && apt-get install -y chromium)

test: lint chromium
	$(BIN)/pytest

# The accuracy gate (tests/test_gate.py) on the dev subsets in ../shared/eval: `gate` prints
# every field's change and the rules that fired more or less; `baseline` rewrites
# benchmarks/baseline/ (only when a change is meant to move a figure).
gate: install
	$(BIN)/python scripts/baseline.py check

baseline: install
	$(BIN)/python scripts/baseline.py update

demo: install
	rm -f $(DEMO_DB)
	$(BIN)/newscoder run examples/kabul-embassy.txt --published 2022-12-02 --db $(DEMO_DB) --no-link
	$(BIN)/newscoder run examples/public-sector-statements.jsonl examples/wire-reports.jsonl --db $(DEMO_DB)
	$(BIN)/newscoder events --db $(DEMO_DB) --article kabul-embassy
	$(BIN)/newscoder quotes --db $(DEMO_DB) --article kabul-embassy
	$(BIN)/newscoder events --db $(DEMO_DB) --linked --min-sources 2
	$(BIN)/newscoder stats --db $(DEMO_DB)
	@echo
	@echo "Open the review app on the demo store:"
	@echo "  $(BIN)/newscoder serve --db $(DEMO_DB)"

clean:
	rm -rf $(VENV) $(DEMO_DB) $(DEMO_DB).token build *.egg-info src/*.egg-info .pytest_cache .ruff_cache
