#!/usr/bin/env bash
# Builds the HCL parser (src/sources/terraform/hclparse: HashiCorp's hclsyntax, pinned in its go.mod
# and go.sum) to WebAssembly, next to the compiled loader in dist/src/sources/terraform/hclparse/,
# with the wasm_exec.js of the same Go release (the two must match). Needs Go (1.25 or later); the
# modules come from the Go module proxy once per machine, then from Go's module cache, and Go's
# build cache makes a rebuild take about a second. `npm run build` and scripts/setup.sh run it.
set -euo pipefail
cd "$(dirname "$0")/.."
out=dist/src/sources/terraform/hclparse
if ! command -v go >/dev/null 2>&1; then
  echo 'build-hcl-parser: Go is not installed; Driftwarden reads .tf files with a parser built by Go (install Go 1.25 or later, then run npm run build)' >&2
  exit 1
fi
mkdir -p "$out"
(cd src/sources/terraform/hclparse &&
  GOOS=js GOARCH=wasm GOFLAGS=-mod=readonly go build -trimpath -ldflags='-s -w' -o "../../../../$out/hclparse.wasm.partial" .)
mv "$out/hclparse.wasm.partial" "$out/hclparse.wasm"
cp "$(go env GOROOT)/lib/wasm/wasm_exec.js" "$out/wasm_exec.js"
