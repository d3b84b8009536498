# Two commands, no set-up: `make demo` and `make test` create .venv on first use.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: demo test lint typecheck unit bench conformance mutation mutation-report mutation-try clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/depthconf run experiment=resnet_san_ncdb hydra.run.dir=outputs/demo

test: lint typecheck unit

lint: $(STAMP)
	$(BIN)/ruff check src tests bench examples scripts
	$(BIN)/ruff format --check src tests bench examples scripts

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/pytest -q

# Before a release: the exported configs against the real trainer (a checkout of the
# team's PackNet-SfM fork at 208e293): make conformance DEPTHCONF_TRAINER_DIR=/path/to/it
conformance: $(STAMP)
	@if [ -z "$(DEPTHCONF_TRAINER_DIR)" ]; then \
		echo "make conformance needs DEPTHCONF_TRAINER_DIR, the root of a checkout of the trainer:" >&2; \
		echo "  make conformance DEPTHCONF_TRAINER_DIR=/path/to/packnet-sfm-resnet-san" >&2; \
		exit 2; \
	fi
	DEPTHCONF_TRAINER_DIR="$(DEPTHCONF_TRAINER_DIR)" $(BIN)/pytest -q -rs tests/trainer

# Mutation testing (not part of `make test`): mutmut on the rule, policy, metric-key,
# keeper, pre-flight and migrate self-check modules, then the per-module report, which
# fails when a rule or policy module kills under 90%. Results are kept in mutants/ and
# reused: a re-run tests only the mutants of functions that changed. README: "Mutation
# testing". MUTMUT_ARGS narrows the run, e.g. MUTMUT_ARGS='depthconf.schema._rules.*'.
MUTATION_STAMP := $(VENV)/.mutation-stamp
MAX_CHILDREN ?= 2

$(MUTATION_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,mutation]'
	touch $(MUTATION_STAMP)

mutation: $(MUTATION_STAMP)
	$(BIN)/python scripts/mutation.py run --max-children $(MAX_CHILDREN) $(MUTMUT_ARGS)
	$(BIN)/python scripts/mutation_report.py

mutation-report: $(MUTATION_STAMP)
	$(BIN)/python scripts/mutation_report.py --survivors

# make mutation-try MUTANT=depthconf.x.y__mutmut_3 TESTS=tests/validation/test_z.py
mutation-try: $(MUTATION_STAMP)
	$(BIN)/python scripts/mutation.py try $(MUTANT) $(TESTS)

bench: $(STAMP)
	$(BIN)/python bench/sweep_preflight.py

clean:
	rm -rf $(VENV) outputs multirun mutants .pytest_cache .mypy_cache .ruff_cache dist build
