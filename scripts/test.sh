#!/usr/bin/env bash
# Installs everything (scripts/setup.sh) and runs the whole test suite: unit tests beside the code,
# integration tests under test/ (moto, SQLite, headless Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
DRIFTWARDEN_SETUP_BROWSER=1 bash scripts/setup.sh
# Lint and formatting first: a finding there fails the run before the slower tests start.
if [ "$#" -eq 0 ]; then npm run --silent lint; fi
exec node scripts/run-tests.mjs "$@"
