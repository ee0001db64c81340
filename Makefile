# Two commands do everything on a fresh machine:
#   make run    set up .venv and start the app on http://127.0.0.1:8501
#   make test   set up .venv with the test tools and run every check
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: run test lint bench

$(VENV)/.app-installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	bash scripts/install_fonts.sh  # the Noto fonts for names in every script on the printouts, where it can
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	bash scripts/install_fonts.sh
	touch $(VENV)/.app-installed $@

run: $(VENV)/.app-installed
	$(PY) -m streamlit run streamlit_app.py --server.address 127.0.0.1

lint: $(VENV)/.dev-installed
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy

test: lint
	$(PY) -m pytest

bench: $(VENV)/.dev-installed
	$(PY) scripts/bench_estimate.py
	$(PY) scripts/bench_compare.py --quick
	$(PY) scripts/bench_app.py
	$(PY) scripts/bench_browser.py
