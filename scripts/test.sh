#!/usr/bin/env bash
# The whole test suite: lint, then pytest. Called by `make test`, which .ci/run runs.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=.venv
$VENV/bin/ruff check src tests scripts
$VENV/bin/python -m pytest -q -p no:cacheprovider "$@"
