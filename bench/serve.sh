#!/usr/bin/env bash
# serve.sh: edit → reload latency and memory of `binome serve` and
# `hugo server` on a generated corpus of N pages (default 10000).
#
#   bash bench/serve.sh [N]
#
# Environment: EDITS (counted edits, default 25), EDIT (what each edit
# changes: "body", the default, appends a line; "title" rewrites the
# frontmatter title, which other pages show), SHARED (the shared folder
# holding bench/gen_corpus.py, default ../shared beside the repository).
# Hugo is skipped, with a note, when it is not installed.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
shared=${SHARED:-$root/../shared}
out=$root/bench/out
size=${1:-10000}
[[ $size =~ ^[0-9]+$ && $# -le 1 ]] || { echo "usage: bash bench/serve.sh [PAGES]" >&2; exit 2; }

mkdir -p "$out"
corpus=$out/corpus-$size
if [[ ! -d $corpus/content ]]; then
	[[ -f $shared/bench/gen_corpus.py ]] || {
		echo "serve.sh: $shared/bench/gen_corpus.py not found; set SHARED to the shared folder" >&2
		exit 1
	}
	echo "serve.sh: generating $size pages" >&2
	python3 "$shared/bench/gen_corpus.py" --pages "$size" --seed 1 --out "$corpus" --quiet
fi
echo "serve.sh: building binome and servebench" >&2
go build -o "$out/binome" ./cmd/binome
go build -o "$out/servebench" ./bench/servebench

hugo=$(command -v hugo || true)
[[ -n $hugo ]] || echo "serve.sh: hugo not found, measuring binome only (apt-get install hugo)" >&2

results=$out/serve-$(date +%Y-%m-%d_%H%M%S).md
{
	echo "# Edit → reload, $size pages, $(date '+%Y-%m-%d %H:%M')"
	echo
	echo "- binome $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD -- . 2>/dev/null || echo ' (uncommitted changes)')${hugo:+, $("$hugo" version | cut -d' ' -f1-2)}"
	echo "- $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at start"
	echo
	"$out/servebench" -source "$corpus" -binome "$out/binome" -hugo "$hugo" -edit "${EDIT:-body}" -edits "${EDITS:-25}" -logs "$out"
} >"$results"
cat "$results"
echo "serve.sh: results in ${results#"$root"/}; server output in bench/out/servebench-*.log" >&2
