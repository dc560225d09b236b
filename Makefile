# Two commands do everything on a fresh machine (Debian, Python 3.11):
#   make demo   set up .venv, build the sample corpus into out/
#   make test   set up .venv (and Chromium for the browser tests), run every test
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.kg-installed

.PHONY: demo test bench eval browser clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/kg build data/sample -o out/

# Debian's Chromium for the browser tests; never a browser downloaded by a tool.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "install Debian's chromium (sudo apt-get install chromium) for the browser tests" >&2; exit 1; fi; }

test: $(STAMP) browser
	$(BIN)/python -m pytest

eval: $(STAMP)
	$(BIN)/kg eval ../shared/eval/seed_gold.jsonl

bench: $(STAMP)
	$(BIN)/python bench/extraction.py

clean:
	rm -rf out .pytest_cache
