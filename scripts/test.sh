#!/usr/bin/env bash
# The whole test suite: lint, then pytest. Called by `make test`, which .ci/run runs.
# pytest runs with a throwaway PostgreSQL server up (scripts/pg.sh), so that the tests marked
# `postgres` run against it. Outside CI a server that cannot start only skips those tests;
# with CI=true it fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=.venv
$VENV/bin/ruff check src tests scripts
PG_OPTIONAL=1 exec bash scripts/pg.sh $VENV/bin/python -m pytest -q -p no:cacheprovider "$@"
