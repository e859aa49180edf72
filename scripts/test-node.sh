#!/usr/bin/env bash
# Runs the unit suite (beside the code) and the seed scenarios on another Node.js LTS:
#   bash scripts/test-node.sh 22      (or 24; after scripts/setup.sh has built dist/)
# That Node comes from scripts/node-version.sh (npm registry, project-local cache); SQLite's native
# module built for it is chosen through DRIFTWARDEN_SQLITE_NATIVE. Every process the tests start
# (the CLI, moto's harness aside) runs on the same Node: run-tests.mjs and the tests use
# process.execPath.
set -euo pipefail
cd "$(dirname "$0")/.."
NODE="$(bash scripts/node-version.sh "${1:-}")"
VERSION="$("$NODE" -p 'process.versions.node')"
export DRIFTWARDEN_SQLITE_NATIVE="$PWD/.cache/node/$VERSION/better-sqlite3/build/Release/better_sqlite3.node"
printf 'test-node: Node.js %s: unit suite and seed scenarios\n' "$VERSION" >&2
PATH="$(dirname "$NODE"):$PATH" exec "$NODE" scripts/run-tests.mjs dist/src/ dist/test/scenarios
