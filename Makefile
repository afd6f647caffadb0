# The project's whole command surface. `make help` lists the targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
# The generator's post-hooks call `ruff`: the venv's pinned one must come first on PATH.
export PATH := $(CURDIR)/$(VENV)/bin:$(CURDIR)/node_modules/.bin:$(PATH)
PIP := $(PY) -m pip --disable-pip-version-check
PRISM := node_modules/.bin/prism
MOCK_PORT ?= 4010
GENERATE = $(PY) -m tools.generate generate --path openapi.yaml --config generator-config.yml \
	--custom-template-path templates --meta pdm --fail-on-warning --overwrite
API_REPORT := api/clerk_invitations_client.api.md

.PHONY: help setup generate check-generated format lint mock demo test check-clerk-spec dist-check bench bench-smoke check
.PHONY: api-check api-release template-diff template-pins upstream-spec upstream-diff

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-16s %s\n", $$1, $$2}'

setup: $(VENV)/.installed node_modules/.installed ## Create .venv and node_modules from the pinned files (idempotent)

# The client (generated/) and the fake (fake/) are installed editable, built by the pinned pdm-backend
# without build isolation and without dependencies (all pinned above): nothing unpinned is fetched, and
# `pip check` fails if either needs a package requirements-dev.txt lacks.
$(VENV)/.installed: requirements-dev.txt generated/pyproject.toml fake/pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PIP) install --quiet -r requirements-dev.txt
	$(PIP) install --quiet --no-build-isolation --no-deps -e ./generated -e ./fake
	$(PIP) check
	touch $@

# Benchmark-only packages, constrained by requirements-dev.txt: installing them never moves a dev pin.
$(VENV)/.bench-installed: $(VENV)/.installed bench/requirements.txt
	$(PIP) install --quiet -r bench/requirements.txt -c requirements-dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

generate: setup ## Regenerate generated/ from openapi.yaml, generator-config.yml and templates/, and the API report
	$(GENERATE) --output-path generated
	$(PY) -m tools.api_report generated $(API_REPORT)

# CHECK_DIR (default: a fresh temporary folder) is where the fresh copy is generated.
check-generated: setup ## Fail, showing the diff, if generated/ or the API report is not what the spec produces
	@dir="$${CHECK_DIR:-$$(mktemp -d)}" && \
	$(GENERATE) --output-path "$$dir/generated" >/dev/null && \
	diff -ru --exclude=__pycache__ --exclude=.pdm-build generated "$$dir/generated" && \
	$(PY) -m tools.api_report "$$dir/generated" "$$dir/$(API_REPORT)" && \
	{ diff -u $(API_REPORT) "$$dir/$(API_REPORT)" || { echo "$(API_REPORT) is stale: run make generate"; false; }; } && \
	echo "generated/ and $(API_REPORT) are up to date"

api-check: setup ## The semver gate: public API against the released one's, version bump, CHANGELOG.md entry
	$(PY) -m tools.semver_gate

api-release: setup ## Record the current public API as the released one (api/released.json): run on release
	$(PY) -m tools.semver_gate --record

template-diff: setup ## Show each override in templates/ against the upstream template it replaces
	$(PY) -m tools.upstream_templates diff

template-pins: setup ## Re-pin the upstream templates that templates/ overrides or imports (after re-merging)
	$(PY) -m tools.upstream_templates pin

upstream-spec: setup ## Vendor what covers our operations from Clerk's spec: SRC=<clerk/openapi-specs>/bapi/YYYY-MM-DD.yml
	$(if $(SRC),,$(error SRC must name one of Clerk's spec files, a bapi/YYYY-MM-DD.yml of clerk/openapi-specs))
	$(PY) -m tools.upstream_spec $(SRC)

upstream-diff: setup ## Compare openapi.yaml with Clerk's spec (upstream/), operation by operation
	$(PY) -m tools.upstream_diff

# Ruff covers the repository but what pyproject.toml excludes; mypy the folders it lists (its `files`).
format: setup ## Fix what `make lint` checks in the Python sources: ruff's fixes, then ruff format
	ruff check --fix
	ruff format

# pyright --verifytypes finds the package through PYTHONPATH: it doesn't see the editable install's .pth file.
# --ignoreexternal: the score is of our package's own annotations, not of httpx's or attrs'. Its long listing is
# shown only when it fails.
lint: setup $(VENV)/.bench-installed ## Validate and lint the spec; ruff check and format check; mypy --strict; pyright strict
	openapi-spec-validator openapi.yaml
	spectral lint openapi.yaml --fail-severity error --quiet
	ruff check
	ruff format --check
	mypy
	pyright
	@out="$$(PYTHONPATH=generated pyright --verifytypes clerk_invitations_client --ignoreexternal)" && \
		grep "completeness score" <<<"$$out" || { echo "$$out"; false; }

mock: setup ## Run Prism on openapi.yaml at 127.0.0.1, port MOCK_PORT (4010), in the foreground
	$(PRISM) mock --host 127.0.0.1 --port $(MOCK_PORT) openapi.yaml

# The quickstart runs against the stateful fake (fake/) by default, whose answers follow from what it was sent;
# TARGET=prism runs it against Prism, whose answers are the spec's static examples.
TARGET ?= fake
DEMO_SERVER_prism := -m tests.support.prism
DEMO_SERVER_fake := -m clerk_invitations_fake --port 0 --
demo: setup ## Start the fake (or Prism: TARGET=prism), run examples/quickstart.py against it, stop it
	$(if $(DEMO_SERVER_$(TARGET)),,$(error TARGET must be prism or fake, not '$(TARGET)'))
	CLERK_SECRET_KEY=sk_test_demo $(PY) $(DEMO_SERVER_$(TARGET)) $(PY) examples/quickstart.py

test: setup ## Run the whole test suite (it starts its own Prism)
	$(PY) -m pytest

# Not in `make test` (the `clerk_spec` marker): a generation of 249 operations and mypy on it take a minute or so.
check-clerk-spec: setup ## Generate Clerk's whole spec (upstream/) with our templates: every operation, mypy --strict, imports
	$(PY) -m pytest -m clerk_spec tests/clerk_spec

# What a service installs is what is tested: both distributions are built (sdist, then the wheel from
# it) and their metadata checked; a fresh venv outside the repository, with no dev tools, gets the
# client's wheel with its msgspec and orjson extras, the fake's wheel and pytest, pinned by requirements-dev.txt as
# a service pins them; there the quickstart runs against the served fake, and pytest runs
# examples/test_with_fake.py, whose `clerk_fake` fixture only the fake's entry point provides.
dist-check: setup ## Build and check both distributions; run examples/ from their wheels in a clean venv
	@set -euo pipefail; tmp="$$(mktemp -d)"; trap 'rm -rf "$$tmp"' EXIT; \
	echo "== Build the sdists and wheels of generated/ and fake/, and check their metadata"; \
	for project in generated fake; do $(PY) -m build --quiet --no-isolation --outdir "$$tmp/dist" $$project; done; \
	twine check --strict "$$tmp"/dist/*; \
	echo "== A clean venv: the client's wheel with [msgspec,orjson], the fake's wheel, pytest"; \
	python3 -m venv "$$tmp/venv"; \
	"$$tmp/venv/bin/python" -m pip install --quiet --disable-pip-version-check -c requirements-dev.txt \
		"$$(echo "$$tmp"/dist/clerk_invitations_client-*.whl)[msgspec,orjson]" "$$tmp"/dist/clerk_invitations_fake-*.whl pytest; \
	cp examples/quickstart.py examples/test_with_fake.py "$$tmp"; \
	cd "$$tmp"; \
	echo "== examples/quickstart.py against the fake served by python -m clerk_invitations_fake"; \
	CLERK_SECRET_KEY=sk_test_demo venv/bin/python -m clerk_invitations_fake --port 0 -- venv/bin/python quickstart.py; \
	echo "== examples/test_with_fake.py: its clerk_fake fixture comes from the fake's entry point"; \
	venv/bin/python -m pytest -p no:cacheprovider test_with_fake.py

# Import times are taken in a venv holding only the two clients' runtime packages, as a service has.
# Our client goes in editable, built by .venv's pinned pdm-backend: hence .venv's pip, with --prefix, and
# --ignore-installed, without which that pip would uninstall .venv's own copy first.
BENCH_RUNTIME := bench/.venv-runtime
$(BENCH_RUNTIME)/.installed: $(VENV)/.installed bench/requirements-runtime.txt
	test -x $(BENCH_RUNTIME)/bin/python || python3 -m venv $(BENCH_RUNTIME)
	$(BENCH_RUNTIME)/bin/python -m pip install --quiet --disable-pip-version-check -r bench/requirements-runtime.txt
	$(PIP) install --quiet --no-build-isolation --no-deps --ignore-installed --prefix $(BENCH_RUNTIME) -e ./generated
	touch $@

BENCH_RUN = $(PY) -m bench.run --import-python $(BENCH_RUNTIME)/bin/python

bench: setup $(VENV)/.bench-installed $(BENCH_RUNTIME)/.installed ## Benchmark against Clerk's official SDK and bare httpx (two minutes or so)
	$(BENCH_RUN)

bench-smoke: setup $(VENV)/.bench-installed $(BENCH_RUNTIME)/.installed ## The benchmark with too few rounds to mean anything: proves it still runs
	$(BENCH_RUN) --smoke

# CI (.ci/run) is `make setup check`. The tests come last, so that pytest's summary closes the log.
check: setup ## Run what CI runs: lint, the benchmark smoke run, dist-check, Clerk's whole spec, then the tests
	$(MAKE) --no-print-directory lint
	$(MAKE) --no-print-directory bench-smoke
	$(MAKE) --no-print-directory dist-check
	$(MAKE) --no-print-directory check-clerk-spec
	$(MAKE) --no-print-directory test
