#!/usr/bin/env bash
# The built-in demo: installs everything (npm packages, the TypeScript build, moto in .venv), then
# runs demo/main.ts: an AWS estate in a local emulator, hand-made changes, a scan with its
# table, HTML, JSON and SARIF reports in .driftwarden/demo/. Exits 0 when the scan ran (drift found
# is the expected outcome), 1 when the demo could not run.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec node dist/demo/main.js "$@"
