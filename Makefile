# Everything a new machine needs, from Python 3.11+ and make alone.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: setup run check test bench clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

## run: set up, then open dossier on the default dossier (built from seeds/ on first use)
run: $(STAMP)
	$(VENV)/bin/dossier $(ARGS)

## check: ruff, mypy and the import contracts; each fails the build on a violation
check: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

## test: set up, then the checks (ruff, mypy, import contracts), then the whole test suite
test: check
	$(PY) -m pytest $(PYTEST_ARGS)

## bench: set up, then build dossiers of 1k, 5k and all corpus articles and print the table
bench: $(STAMP)
	$(PY) -m bench $(BENCH_ARGS)

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .hypothesis
