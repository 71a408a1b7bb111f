# The two set-up commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint typecheck imports pytest bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(STAMP)

## run: start the gateway at http://127.0.0.1:8080 on the embedded default (SQLite in ./var, demo directory)
run: $(STAMP)
	mkdir -p var
	GATEWAY_DIRECTORY_FILE=$${GATEWAY_DIRECTORY_FILE:-demo/directory.json} \
	GATEWAY_DEMO_SECRET=$${GATEWAY_DEMO_SECRET:-demo-only-not-a-secret} $(BIN)/gateway serve

## test: ruff, mypy, the import-direction check and the whole pytest suite
test: $(STAMP) lint typecheck imports pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

imports: $(STAMP)
	$(BIN)/lint-imports

pytest: $(STAMP)
	$(BIN)/pytest --cov --cov-report=term:skip-covered

## bench: validation benchmark against fhir.resources and @medplum/core (Node >= 20.19, npm) in one run
bench: $(STAMP)
	cd bench/node && npm ci --no-audit --no-fund --silent
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
