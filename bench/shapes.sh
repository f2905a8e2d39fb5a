#!/usr/bin/env bash
# shapes.sh: how binome's cold build grows with each dimension the shared
# corpus keeps small (bench/shapes.py): one section of many pages, thousands
# of tags, twenty links a page, deep trees, two languages, long pages. For
# each shape it builds a small and a large site, in alternating rounds, and
# prints the growth of the median wall time against the growth of the pages:
# a step that is quadratic in one dimension shows as a per-page cost that
# grows with the site.
#
#   bash bench/shapes.sh               # 2000 and 10000 pages, 3 rounds
#   bash bench/shapes.sh 1000 20000    # any two sizes
#   bash bench/shapes.sh --smoke       # CI: 100 and 300 pages, 1 round
#
# Environment: RUNS (rounds, default 3), SHAPES (default all:
# "flat tags links deep bilingual big"), WORK (sites and outputs, default
# /dev/shm/binome-shapes, else bench/out/shapes when /dev/shm is missing).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
out=$root/bench/out
runs=${RUNS:-3}
sizes=()
for arg in "$@"; do
	case $arg in
	--smoke)
		sizes=(100 300)
		runs=${RUNS:-1}
		;;
	-h | --help)
		sed -n '2,17p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
		exit 0
		;;
	'' | *[!0-9]*)
		echo "shapes.sh: unknown argument '$arg' (two page counts, or --smoke)" >&2
		exit 2
		;;
	*) sizes+=("$arg") ;;
	esac
done
((${#sizes[@]})) || sizes=(2000 10000)
if ((${#sizes[@]} != 2)); then
	echo "shapes.sh: give two sizes, small then large" >&2
	exit 2
fi
shapes=(${SHAPES:-flat tags links deep bilingual big})
default_work=/dev/shm/binome-shapes
[[ -d /dev/shm ]] || default_work=$out/shapes
work=${WORK:-$default_work}

[[ -x /usr/bin/time ]] || { echo "shapes.sh: needs /usr/bin/time (apt-get install time)" >&2; exit 1; }
command -v python3 >/dev/null || { echo "shapes.sh: needs python3" >&2; exit 1; }
mkdir -p "$out" "$work"
go build -o "$out/binome" ./cmd/binome

tsv=$work/runs.tsv
: >"$tsv"
for shape in "${shapes[@]}"; do
	for size in "${sizes[@]}"; do
		python3 bench/shapes.py "$shape" "$size" "$work/$shape-$size"
	done
	for ((round = 0; round < runs; round++)); do
		echo "shapes.sh: $shape, round $((round + 1))/$runs" >&2
		# The large site first in odd rounds, so neither always goes first.
		order=("${sizes[@]}")
		((round % 2 == 0)) || order=("${sizes[1]}" "${sizes[0]}")
		for size in "${order[@]}"; do
			site=$work/$shape-$size
			rm -rf "$site/public"
			if ! /usr/bin/time -f '%e %M' -o "$work/time.txt" "$out/binome" build --source "$site" --no-cache >"$work/log.txt" 2>&1; then
				echo "shapes.sh: binome failed on $shape at $size pages:" >&2
				tail -n 20 "$work/log.txt" >&2
				exit 1
			fi
			pages=$(sed -n 's/^binome: \([0-9]*\) pages.*/\1/p' "$work/log.txt" | tail -n 1)
			printf '%s\t%s\t%s\t%s\n' "$shape" "$size" "${pages:-0}" "$(tail -n 1 "$work/time.txt" | tr ' ' '\t')" >>"$tsv"
		done
	done
done

python3 - "$tsv" "${sizes[0]}" "${sizes[1]}" <<'EOF'
import statistics, sys
from collections import defaultdict
tsv, small, large = sys.argv[1], sys.argv[2], sys.argv[3]
runs = defaultdict(list)
pages = {}
for line in open(tsv):
    shape, size, n, wall, rss = line.split()
    runs[shape, size].append((float(wall), int(rss)))
    pages[shape, size] = int(n)
print(f"| shape | pages built, {small} → {large} | wall, median | peak RSS | pages × | wall × | per page, large ÷ small |")
print("| --- | --- | --- | --- | --- | --- | --- |")
for shape in dict.fromkeys(s for s, _ in runs):
    a, b = runs[shape, small], runs[shape, large]
    wa, wb = statistics.median(w for w, _ in a), statistics.median(w for w, _ in b)
    ra, rb = int(statistics.median(r for _, r in a)) >> 10, int(statistics.median(r for _, r in b)) >> 10
    pa, pb = pages[shape, small], pages[shape, large]
    grow = pb / pa if pa else float("nan")
    print(f"| {shape} | {pa} → {pb} | {wa:.2f} s → {wb:.2f} s | {ra} → {rb} MiB | ×{grow:.1f} | ×{wb / wa:.1f} | ×{wb / wa / grow:.2f} |")
EOF
