#!/usr/bin/env bash
# Installs everything Driftwarden and its tests need, into the project where possible:
#   - npm packages (npm ci, from package-lock.json), then the TypeScript build and the HCL parser
#     (Go to WebAssembly: scripts/build-hcl-parser.sh; Go is required);
#   - moto, the Python AWS emulator, pinned, in a project-local virtual environment (.venv);
#   - Debian's chromium, for the HTML report's browser test (only when DRIFTWARDEN_SETUP_BROWSER=1);
#   - Debian's postgresql server, for the PostgreSQL store tests, when its binaries are missing.
#   - Debian's hyperfine, the start-up benchmark's timer (only when DRIFTWARDEN_SETUP_BENCH=1).
# Safe to run again: each step is skipped when what it installs is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

MOTO_SPEC='moto[server]==5.2.5'

log() { printf 'setup: %s\n' "$*" >&2; }

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  log "installing npm packages"
  npm ci --no-audit --no-fund --loglevel=error
fi
# better-sqlite3 ships a native module; a missing build means the install script was skipped.
if [ ! -f node_modules/better-sqlite3/build/Release/better_sqlite3.node ]; then
  log "building better-sqlite3"
  npm rebuild better-sqlite3 --loglevel=error
fi

log "building TypeScript"
rm -rf dist
npx tsc -p tsconfig.json
log "building the HCL parser (Go to WebAssembly)"
bash scripts/build-hcl-parser.sh

# (pip's output is captured first: `grep -q` would close the pipe early, and pipefail would count it.)
installed_moto="$(.venv/bin/pip show moto 2>/dev/null || true)"
if [ ! -x .venv/bin/moto_server ] || ! grep -q '^Version: 5.2.5$' <<<"$installed_moto"; then
  log "installing ${MOTO_SPEC} into .venv"
  python3 -m venv .venv
  .venv/bin/pip install --quiet --disable-pip-version-check "${MOTO_SPEC}"
fi

if [ "${DRIFTWARDEN_SETUP_BROWSER:-0}" = "1" ] && ! command -v chromium >/dev/null 2>&1; then
  log "installing Debian's chromium (browser tests)"
  if [ "$(id -u)" = "0" ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi

# vcsim, VMware's vCenter simulator from govmomi, for the vSphere tests, the vSphere benchmark and
# the demo's vSphere part. Built once per machine from the Go module proxy into a cache keyed by
# version (about 3 minutes); v0.52 dropped the command from the module, so the version is pinned.
# Without Go it is skipped: the vSphere tests then skip, naming why.
VCSIM_VERSION='v0.46.0'
VCSIM_DIR="${XDG_CACHE_HOME:-$HOME/.cache}/driftwarden/vcsim-${VCSIM_VERSION}"
if [ -x "${VCSIM_DIR}/vcsim" ]; then
  :
elif ! command -v go >/dev/null 2>&1; then
  log "Go is not installed: vcsim (the vSphere simulator) is not built, and the vSphere tests will skip"
else
  log "building vcsim ${VCSIM_VERSION} into ${VCSIM_DIR} (once per machine, about 3 minutes)"
  mkdir -p "${VCSIM_DIR}.partial"
  # Build into a side folder and rename: an interrupted build never leaves a half-written binary.
  GOBIN="${VCSIM_DIR}.partial" GOFLAGS=-mod=mod go install "github.com/vmware/govmomi/vcsim@${VCSIM_VERSION}"
  rm -rf "${VCSIM_DIR}"
  mv "${VCSIM_DIR}.partial" "${VCSIM_DIR}"
fi

# The PostgreSQL store tests start a throwaway cluster with initdb/pg_ctl (test/support/postgres.ts).
if ! compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; then
  log "installing Debian's postgresql (store tests)"
  if [ "$(id -u)" = "0" ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >/dev/null
fi

if [ "${DRIFTWARDEN_SETUP_BENCH:-0}" = "1" ] && ! command -v hyperfine >/dev/null 2>&1; then
  log "installing Debian's hyperfine (start-up benchmark)"
  if [ "$(id -u)" = "0" ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq hyperfine >/dev/null
fi
