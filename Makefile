# One entry point for editors, maintainers and CI: every target sets up .venv itself.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
ADDR   ?= 127.0.0.1:8000

export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

# The development tools (scripts/devtools: benchmarks, audit) are not installed with the package.
DEVTOOLS := PYTHONPATH=scripts $(BIN)/python -m devtools

.DEFAULT_GOAL := help
.PHONY: help setup serve build csp lint check test bench audit clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | expand -t 10

$(STAMP): requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (found " + sys.version.split()[0] + ")")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $@

setup: $(STAMP) ## Create .venv with the exact pinned versions

serve: $(STAMP) ## Preview the site with live reload on http://127.0.0.1:8000
	$(BIN)/mkdocs serve --dev-addr $(ADDR) --livereload

build: $(STAMP) ## Production build into site/ (fails on any warning or missing translation)
	$(BIN)/mkdocs build --strict --clean --site-dir site

csp: build ## Put the Content-Security-Policy of this build into deploy/nginx/langson-site.conf
	$(BIN)/xulang csp site --write deploy/nginx/langson-site.conf

lint: $(STAMP) ## Lint, format check and strict types of scripts/ (ruff, mypy; pinned versions)
	$(BIN)/ruff check scripts
	$(BIN)/ruff format --check scripts
	$(BIN)/mypy

check: lint ## Lint, then check content for editor mistakes (file:line findings)
	$(BIN)/xulang check

test: lint ## Lint, then the whole test suite (builds the real site, drives Chromium)
	$(BIN)/python -m pytest

bench: $(STAMP) ## Print the speed and size benchmarks (numbers go in README.md); exit 1 if one failed
	$(DEVTOOLS).bench

audit: $(STAMP) ## Lighthouse, HTML checker, link checker, page weight on a fresh build; fails under budget
	$(DEVTOOLS).audit

clean: ## Remove build output (never touches content/ or data/)
	rm -rf site .pytest_cache
