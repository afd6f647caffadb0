# The project's whole command surface. `make help` lists the targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
# The generator's post-hooks call `ruff`: the venv's pinned one must come first on PATH.
export PATH := $(CURDIR)/$(VENV)/bin:$(CURDIR)/node_modules/.bin:$(PATH)
# Tests, examples and mypy import the generated package straight from generated/, the fake from fake/.
export PYTHONPATH := $(CURDIR)/generated:$(CURDIR)/fake
# templates/runtime/ first: mypy checks the package's hand-written modules where they are written.
export MYPYPATH := $(CURDIR)/templates/runtime:$(CURDIR)/generated:$(CURDIR)/fake
PRISM := node_modules/.bin/prism
MOCK_PORT ?= 4010
GENERATE = openapi-python-client generate --path openapi.yaml --config generator-config.yml \
	--custom-template-path templates --meta pdm --fail-on-warning --overwrite

.PHONY: help setup generate check-generated lint mock demo test bench bench-smoke

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-16s %s\n", $$1, $$2}'

setup: $(VENV)/.installed node_modules/.installed ## Create .venv and node_modules from the pinned files (idempotent)

$(VENV)/.installed: requirements-dev.txt
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

# Benchmark-only packages, constrained by requirements-dev.txt: installing them never moves a dev pin.
$(VENV)/.bench-installed: $(VENV)/.installed bench/requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r bench/requirements.txt -c requirements-dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

generate: setup ## Regenerate generated/ from openapi.yaml, generator-config.yml and templates/
	$(GENERATE) --output-path generated

# CHECK_DIR (default: a fresh temporary folder) is where the fresh copy is generated.
check-generated: setup ## Fail, showing the diff, if generated/ is not what the spec produces
	@dir="$${CHECK_DIR:-$$(mktemp -d)}" && \
	$(GENERATE) --output-path "$$dir/generated" >/dev/null && \
	diff -ru --exclude=__pycache__ generated "$$dir/generated" && echo "generated/ is up to date"

lint: setup $(VENV)/.bench-installed ## Validate and lint the spec; ruff; mypy --strict on generated/, tests/, bench/
	openapi-spec-validator openapi.yaml
	spectral lint openapi.yaml --fail-severity error --quiet
	ruff check tests examples bench fake templates/runtime
	ruff format --check tests examples bench fake templates/runtime
	mypy --strict --explicit-package-bases --exclude '^generated/clerk_invitations_client/(client|errors|types)\.py$$' \
		generated/clerk_invitations_client templates/runtime/clerk_invitations_client fake/clerk_invitations_fake tests examples bench

mock: setup ## Run Prism on openapi.yaml at 127.0.0.1:$(MOCK_PORT), in the foreground
	$(PRISM) mock --host 127.0.0.1 --port $(MOCK_PORT) openapi.yaml

# TARGET=fake runs it against the stateful fake (fake/) instead.
TARGET ?= prism
DEMO_SERVER_prism := -m tests.prism
DEMO_SERVER_fake := -m clerk_invitations_fake --port 0 --
demo: setup ## Start Prism (or the fake: TARGET=fake), run examples/quickstart.py against it, stop it
	$(if $(DEMO_SERVER_$(TARGET)),,$(error TARGET must be prism or fake, not '$(TARGET)'))
	CLERK_SECRET_KEY=sk_test_demo $(PY) $(DEMO_SERVER_$(TARGET)) $(PY) examples/quickstart.py

test: setup ## Run the whole test suite (it starts its own Prism)
	$(PY) -m pytest

# Import times are taken in a venv holding only the two clients' runtime packages, as a service has.
BENCH_RUNTIME := bench/.venv-runtime
$(BENCH_RUNTIME)/.installed: bench/requirements-runtime.txt
	test -x $(BENCH_RUNTIME)/bin/python || python3 -m venv $(BENCH_RUNTIME)
	$(BENCH_RUNTIME)/bin/python -m pip install --quiet --disable-pip-version-check -r bench/requirements-runtime.txt
	touch $@

BENCH_RUN = $(PY) -m bench.run --import-python $(BENCH_RUNTIME)/bin/python

bench: setup $(VENV)/.bench-installed $(BENCH_RUNTIME)/.installed ## Benchmark against Clerk's official SDK and bare httpx (two minutes or so)
	$(BENCH_RUN)

bench-smoke: setup $(VENV)/.bench-installed $(BENCH_RUNTIME)/.installed ## The benchmark with too few rounds to mean anything: proves it still runs
	$(BENCH_RUN) --smoke
