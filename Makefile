# Two commands for everyone: `make serve` and `make test`. Both set everything up first.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PORT ?= 8866
SCENARIO ?= scenarios/riverside.yaml

AXE := node_modules/axe-core/axe.min.js

.PHONY: setup serve test lint bench bench-load browser postgres nginx cluster clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[app,test]'
	touch $(STAMP)

# Install a Debian package when its program is missing (as root; otherwise say how).
# $(1): a shell test that is true when it is there; $(2): the package; $(3): what needs it.
define debian_package
	@if $(1); then :; \
	elif [ "$$(id -u)" = "0" ]; then \
		echo "Installing Debian's $(2) for $(3)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(2) >/dev/null; \
	else \
		echo "$(2) is missing: run 'sudo apt-get install $(2)' ($(3) need it)"; \
	fi
endef

# Debian's Chromium for the browser tests (Playwright cannot download its own here).
browser:
	$(call debian_package,command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ],chromium,the browser tests)

# Debian's PostgreSQL for the meeting store's tests (they start a throwaway cluster of their
# own on a loopback port; under CI=true a missing PostgreSQL fails them).
postgres:
	$(call debian_package,ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1,postgresql,the meeting store tests)

# Debian's nginx, the reverse proxy in front of several meeting servers (make cluster, and the
# deployment's tests: under CI=true a missing nginx fails them).
nginx:
	$(call debian_package,command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ],nginx,the several-server meeting and its tests)

# axe-core (npm) for the accessibility audit that the browser tests inject into the page.
$(AXE): package.json
	npm install --no-audit --no-fund --silent
	touch $(AXE)

serve: setup
	$(VENV)/bin/workbench serve $(SCENARIO) --port $(PORT)

# mypy on the core: every package but the pages (workbench/ui), the command line and the
# server. store/meetings.py and scenario/files.py are being reworked by their owners; they
# join the list when they are clean (their imports are followed silently meanwhile).
MYPY_CORE := workbench/givens workbench/optimiser workbench/analysis workbench/export \
	workbench/monitoring workbench/tender \
	workbench/importers $(filter-out workbench/scenario/files.py,$(wildcard workbench/scenario/*.py)) \
	$(filter-out workbench/store/meetings.py,$(wildcard workbench/store/*.py)) \
	$(filter-out workbench/cli.py workbench/serve.py,$(wildcard workbench/*.py))

lint: setup
	$(PY) -m ruff check workbench tests benchmarks deploy
	$(PY) -m mypy --ignore-missing-imports --follow-imports=silent $(MYPY_CORE)

test: setup browser postgres nginx $(AXE) lint
	$(PY) -m pytest -q

bench: setup
	$(PY) benchmarks/run.py

# Optional, and long (about 15 minutes): K panel pages at once against one server and against
# two behind nginx; per-page kernel memory, slider and submit latencies (benchmarks/load.py).
bench-load: setup browser postgres nginx
	$(PY) benchmarks/load.py $(LOAD)

# A meeting on N servers behind nginx with one PostgreSQL store, on loopback; Ctrl-C stops it.
N ?= 2
cluster: setup postgres nginx
	$(PY) -m deploy.cluster --servers $(N) --port $(PORT)

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis build dist *.egg-info node_modules
