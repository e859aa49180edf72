#!/usr/bin/env bash
# Regenerates docs/dashboard-overview.png and docs/dashboard-findings.png (README, "Server"): runs
# the dashboard journey (test/server-dashboard.test.ts: a real `driftwarden server` over a scan of
# the demo estate in the moto emulator, Debian's chromium through playwright-core), which writes
# its screenshots to test-output/dashboard, and copies the 1280 px ones. Needs scripts/setup.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
npm run build >/dev/null
node scripts/run-tests.mjs server-dashboard.test
cp test-output/dashboard/overview-before-1280.png docs/dashboard-overview.png
cp test-output/dashboard/findings-1280.png docs/dashboard-findings.png
echo "docs/dashboard-overview.png and docs/dashboard-findings.png updated"
