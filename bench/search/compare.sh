#!/usr/bin/env bash
# Benchmark binome's search beside Pagefind on the example site: builds the
# site with binome into a temporary directory, installs Pagefind with npm
# into bench/search/node_modules if it is missing, then runs main.go, which
# indexes with Pagefind, measures both in headless Chromium and writes
# bench/search/results.md. Run from anywhere: bash bench/search/compare.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"

if [ ! -x "$here/node_modules/.bin/pagefind" ]; then
	command -v npm >/dev/null || { echo "compare.sh: npm is needed to install pagefind" >&2; exit 1; }
	(cd "$here" && npm install --no-audit --no-fund pagefind)
fi

site=$(mktemp -d "${TMPDIR:-/tmp}/search-bench-site.XXXXXX")
trap 'rm -rf "$site"' EXIT
go build -o "$site.binome" ./cmd/binome
trap 'rm -rf "$site" "$site.binome"' EXIT
start=${EPOCHREALTIME/./}
"$site.binome" build --no-cache --dest "$site/public" >/dev/null # cold, as the figure is for scale
end=${EPOCHREALTIME/./}

go run ./bench/search -site "$site/public" -build-time "$((end - start))us" \
	-queries "$here/queries.json" -pagefind "$here/node_modules/.bin/pagefind" \
	-out "$here/results.md" "$@"
