#!/usr/bin/env bash
# Installs everything (scripts/setup.sh) and runs the whole test suite: unit tests beside the code,
# integration tests under test/ (moto, SQLite, headless Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
DRIFTWARDEN_SETUP_BROWSER=1 bash scripts/setup.sh
exec node scripts/run-tests.mjs "$@"
