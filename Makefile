# Two commands, no set-up: `make demo` and `make test` create .venv on first use.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: demo test lint typecheck unit bench conformance clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/depthconf run experiment=resnet_san_ncdb hydra.run.dir=outputs/demo

test: lint typecheck unit

lint: $(STAMP)
	$(BIN)/ruff check src tests bench examples
	$(BIN)/ruff format --check src tests bench examples

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

bench: $(STAMP)
	$(BIN)/python bench/sweep_preflight.py

clean:
	rm -rf $(VENV) outputs multirun .pytest_cache .mypy_cache .ruff_cache dist build
