#!/usr/bin/env bash
# growth.sh: how much longer binome's cold build of the shared corpus takes
# at a large size than at a small one (issue #6: 50,000 pages in at most
# 5.5 times the 10,000-page build). compare.sh times each size in its own
# run, minutes apart, so a change in the machine's load between them moves
# the ratio by a fifth; here the two sizes alternate, round after round,
# binome alone, and the ratio is taken pair by pair and of the medians, in
# wall time and in CPU time.
#
#   bash bench/growth.sh               # 10000 and 50000 pages, 3 rounds
#   bash bench/growth.sh 1000 10000    # any two sizes, small then large
#   bash bench/growth.sh --smoke       # CI: 100 and 300 pages, 1 round
#
# Environment: RUNS (rounds, default 3), SHARED (the shared folder holding
# bench/gen_corpus.py, default ../shared beside the repository), WORK
# (outputs, default /dev/shm/binome-growth, else bench/out/growth).
# Corpora are those of compare.sh, bench/out/corpus-N, generated when
# missing; each build is cold (the site's .binome-cache deleted) and
# writes its cache, as compare.sh's cold builds do.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
shared=${SHARED:-$root/../shared}
out=$root/bench/out
runs=${RUNS:-3}
smoke=0
sizes=()
for arg in "$@"; do
	case $arg in
	--smoke)
		smoke=1
		sizes=(100 300)
		runs=${RUNS:-1}
		;;
	-h | --help)
		sed -n '2,19p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
		exit 0
		;;
	'' | *[!0-9]*)
		echo "growth.sh: unknown argument '$arg' (two page counts, or --smoke)" >&2
		exit 2
		;;
	*) sizes+=("$arg") ;;
	esac
done
((${#sizes[@]})) || sizes=(10000 50000)
if ((${#sizes[@]} != 2)); then
	echo "growth.sh: give two sizes, small then large" >&2
	exit 2
fi
default_work=/dev/shm/binome-growth
[[ -d /dev/shm ]] || default_work=$out/growth
work=${WORK:-$default_work}

[[ -x /usr/bin/time ]] || { echo "growth.sh: needs /usr/bin/time (apt-get install time)" >&2; exit 1; }
command -v python3 >/dev/null || { echo "growth.sh: needs python3" >&2; exit 1; }
[[ -f $shared/bench/gen_corpus.py ]] || {
	echo "growth.sh: $shared/bench/gen_corpus.py not found; set SHARED to the shared folder" >&2
	exit 1
}
mkdir -p "$out" "$work"
go build -o "$out/binome" ./cmd/binome

corpus() {
	if ((smoke)); then
		echo "$work/corpus-$1" # not kept: CI starts from a clean clone
	else
		echo "$out/corpus-$1"
	fi
}
for size in "${sizes[@]}"; do
	c=$(corpus "$size")
	if [[ ! -d $c/content ]]; then
		echo "growth.sh: generating $size pages" >&2
		python3 "$shared/bench/gen_corpus.py" --pages "$size" --seed 1 --out "$c" --quiet
	fi
done

stamp=$(date +%Y-%m-%d_%H%M%S)
tsv=$work/runs.tsv
: >"$tsv"
for ((round = 0; round < runs; round++)); do
	echo "growth.sh: round $((round + 1))/$runs" >&2
	# The large site first in odd rounds, so neither always goes first.
	order=("${sizes[@]}")
	((round % 2 == 0)) || order=("${sizes[1]}" "${sizes[0]}")
	for size in "${order[@]}"; do
		c=$(corpus "$size")
		dest=$work/out-$size
		rm -rf "$dest" "$c/.binome-cache"
		if ! /usr/bin/time -f '%e %U %S %M' -o "$work/time.txt" "$out/binome" build --source "$c" --dest "$dest" >"$work/log.txt" 2>&1; then
			echo "growth.sh: binome failed at $size pages:" >&2
			tail -n 20 "$work/log.txt" >&2
			exit 1
		fi
		printf '%s\t%s\t%s\n' "$round" "$size" "$(tail -n 1 "$work/time.txt" | tr ' ' '\t')" >>"$tsv"
	done
done
rm -rf "$work"/out-*

results=$out/growth-$stamp.md
{
	echo "# binome cold builds, ${sizes[0]} and ${sizes[1]} pages alternating, $(date '+%Y-%m-%d %H:%M')"
	echo
	echo "- binome $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD -- . 2>/dev/null || echo ' (uncommitted changes)'), $(go version | cut -d' ' -f3)"
	echo "- $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); $runs round(s); outputs in $work ($(df -T "$work" | awk 'NR == 2 { print $2 }'))"
	echo
	python3 - "$tsv" "${sizes[0]}" "${sizes[1]}" <<'EOF'
import statistics, sys
from collections import defaultdict
tsv, small, large = sys.argv[1], sys.argv[2], sys.argv[3]
runs = defaultdict(dict)  # size -> round -> (wall, cpu, rss)
for line in open(tsv):
    rnd, size, wall, user, sys_, rss = line.split()
    runs[size][rnd] = (float(wall), float(user) + float(sys_), int(rss))
print("| pages | wall, median (min–max) | user+sys CPU, median | peak RSS, median |")
print("| --- | --- | --- | --- |")
med = {}
for size in (small, large):
    r = list(runs[size].values())
    w, c, m = [x[0] for x in r], [x[1] for x in r], [x[2] for x in r]
    med[size] = (statistics.median(w), statistics.median(c))
    print(f"| {int(size):,} | {med[size][0]:.2f} s ({min(w):.2f}–{max(w):.2f}) | {med[size][1]:.2f} s | {int(statistics.median(m)) >> 10} MiB |")
pairs = [runs[large][k][0] / runs[small][k][0] for k in runs[small] if k in runs[large]]
cpu_pairs = [runs[large][k][1] / runs[small][k][1] for k in runs[small] if k in runs[large]]
grow = int(large) / int(small)
print()
print(f"Pages ×{grow:g}. Wall time ×{med[large][0] / med[small][0]:.2f} by medians, "
      f"pair by pair {', '.join(f'×{p:.2f}' for p in pairs)} (median ×{statistics.median(pairs):.2f}); "
      f"CPU time ×{med[large][1] / med[small][1]:.2f} by medians (pairs: median ×{statistics.median(cpu_pairs):.2f}).")
EOF
} >"$results"
cat "$results"
echo "growth.sh: results in $results" >&2
