#!/usr/bin/env bash
# compare.sh: time `hugo`, `binome build` and the goldmark-only floor on
# generated corpora, in alternating rounds, and print one Markdown table per
# corpus size. binome is timed twice: with its default theme, as a site is
# built, and with bench/minimal-theme (the markup of Hugo's benchmark
# layouts) and search off, so the same work is compared. See
# bench/README.md for what is measured and how to read it.
#
#   bash bench/compare.sh [SIZES...]   # default: 1000 10000 (add 50000 by hand)
#   bash bench/compare.sh --smoke      # CI: one round at 200 pages, Hugo optional
#
# Environment: RUNS (counted rounds, default 5), WARMUP (default 1),
# PROFILE=1 (after the rounds of each size, one more cold binome build with
# CPU and heap profiles, bench/out/profile-N-{cpu,heap}.pprof, whose top
# entries go into the results),
# SHARED (the shared folder holding bench/gen_corpus.py, default ../shared
# beside the repository), WORK (the folder outputs are written to, default
# bench/out/work; WORK=/dev/shm/binome-bench writes them to memory, which
# leaves out the disk's cost of creating files, the same for every tool).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
shared=${SHARED:-$root/../shared}
out=$root/bench/out

smoke=0
sizes=()
for arg in "$@"; do
	case $arg in
	--smoke) smoke=1 ;;
	-h | --help)
		sed -n '2,18p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
		exit 0
		;;
	'' | *[!0-9]*)
		echo "compare.sh: unknown argument '$arg' (sizes are page counts, or --smoke)" >&2
		exit 2
		;;
	*) sizes+=("$arg") ;;
	esac
done
if ((smoke)); then
	# CI keeps the harness from rotting; it does not measure anything.
	((${#sizes[@]})) || sizes=(200)
	runs=${RUNS:-1}
	warmup=${WARMUP:-0}
else
	((${#sizes[@]})) || sizes=(1000 10000)
	runs=${RUNS:-5}
	warmup=${WARMUP:-1}
fi

# Tools: apt installs what is missing, once, or we say what to install.
missing=()
[[ -x /usr/bin/time ]] || missing+=(time)
command -v python3 >/dev/null || missing+=(python3)
command -v go >/dev/null || { echo "compare.sh: go is needed to build binome and the floor" >&2; exit 1; }
if ((!smoke)); then
	command -v hugo >/dev/null || missing+=(hugo)
	# hyperfine is not used by this script; README shows it for quick
	# one-off comparisons, so a fresh machine gets it too.
	command -v hyperfine >/dev/null || missing+=(hyperfine)
fi
if ((${#missing[@]})); then
	if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
		echo "compare.sh: installing ${missing[*]}" >&2
		apt-get update -qq
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
	else
		echo "compare.sh: missing ${missing[*]}; install with: sudo apt-get install ${missing[*]}" >&2
		exit 1
	fi
fi
have_hugo=0
command -v hugo >/dev/null && have_hugo=1
((have_hugo)) || echo "compare.sh: hugo not found, skipping it (smoke mode)" >&2
[[ -f $shared/bench/gen_corpus.py ]] || {
	echo "compare.sh: $shared/bench/gen_corpus.py not found; set SHARED to the shared folder" >&2
	exit 1
}

mkdir -p "$out"
echo "compare.sh: building binome and the floor" >&2
go build -o "$out/binome" ./cmd/binome
go build -o "$out/floor" ./bench/floor

stamp=$(date +%Y-%m-%d_%H%M%S)
tsv=$out/runs-$stamp.tsv
results=$out/results-$stamp.md
: >"$tsv"
work=${WORK:-$out/work}
timefile=$work/time.txt

# measure SIZE ROUND TOOL DEST COMMAND...: run COMMAND under /usr/bin/time
# and append a line to the TSV unless the round is a warm-up. A failure
# stops the whole run, with the end of the tool's output.
measure() {
	local size=$1 round=$2 tool=$3 dest=$4
	shift 4
	local log=$work/$tool.log start end
	# The wall time in microseconds from bash's clock (the locale's
	# decimal point taken out): time's own is
	# to the hundredth of a second, a sixth of a warm build of 1,000
	# pages. It includes starting time itself, under a millisecond.
	start=${EPOCHREALTIME/[^0-9]/}
	if ! /usr/bin/time -v -o "$timefile" "$@" >"$log" 2>&1; then
		echo "compare.sh: $tool failed at $size pages (round $round): $*" >&2
		tail -n 20 "$log" >&2
		exit 1
	fi
	end=${EPOCHREALTIME/[^0-9]/}
	((round >= warmup)) || return 0
	local html
	html=$(find "$dest" -name '*.html' | wc -l)
	awk -F': ' -v size="$size" -v round="$((round - warmup))" -v tool="$tool" -v html="$html" -v start="$start" -v end="$end" '
		BEGIN { wall = (end - start) / 1e6 }
		/User time \(seconds\)/ { cpu += $2 }
		/System time \(seconds\)/ { cpu += $2 }
		/Maximum resident set size/ { rss = $2 }
		END { printf "%d\t%d\t%s\t%.3f\t%.3f\t%d\t%d\n", size, round, tool, wall, cpu, rss, html }
	' "$timefile" >>"$tsv"
}

page= saved= added=
# edited TOOL FILTER...: the guide as FILTER makes it from its saved copy,
# one warm build into $dest timed as TOOL, then the guide put back.
edited() {
	local tool=$1
	shift
	"$@" <"$saved" >"$page"
	measure "$size" "$round" "$tool" "$dest" "$out/binome" build --source "$corpus" --dest "$dest"
	cp "$saved" "$page"
}
restore() {
	[[ -z $page ]] || cp "$saved" "$page"
	[[ -z $added ]] || rm -f "$added"
}
trap restore EXIT

{
	echo "# binome vs Hugo vs floor, $(date '+%Y-%m-%d %H:%M')"
	echo
	echo "- binome $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD -- . 2>/dev/null || echo ' (uncommitted changes)'), $(go version | cut -d' ' -f3)"
	((have_hugo)) && echo "- $(hugo version | cut -d' ' -f1-2)"
	echo "- $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at start; $runs counted round(s) after $warmup warm-up"
	mkdir -p "$work"
	echo "- outputs written to $work ($(df -T "$work" | awk 'NR == 2 { print $2 }'))"
	echo
} >"$results.tmp"

for size in "${sizes[@]}"; do
	corpus=$out/corpus-$size
	if [[ ! -d $corpus/content ]]; then
		echo "compare.sh: generating $size pages" >&2
		python3 "$shared/bench/gen_corpus.py" --pages "$size" --seed 1 --out "$corpus" --quiet
	fi
	echo "- corpus-$size: $(du -sh "$corpus/content" | cut -f1) of Markdown" >>"$results.tmp"
	rm -rf "$work"
	mkdir -p "$work"
	# The page edited for "one page changed", put back after each round.
	saved=$work/page.md
	for f in "$corpus"/content/guides/*.md; do
		[[ $f == */_index.md ]] || break
	done
	cp "$f" "$saved"
	page=$f
	# For "its tags changed": the corpus's most used tag the page lacks,
	# so the edit adds the page to a term that exists, and removes none.
	tag=$(grep -h '^  - "' "$corpus"/content/guides/*.md | grep -vxF -f <(grep '^  - "' "$saved") | sort | uniq -c | sort -rn |
		awk 'NR == 1 { sub(/^ *[0-9]+ /, ""); print }' || true)

	# The same content (hard links) under the minimal theme, search off.
	minsite=$work/minimal-site
	mkdir -p "$minsite/themes"
	if ! cp -al "$corpus/content" "$minsite/content" 2>/dev/null; then
		# WORK on another file system: no hard links there.
		rm -rf "$minsite/content"
		cp -a "$corpus/content" "$minsite/content"
	fi
	cp -r "$root/bench/minimal-theme" "$minsite/themes/minimal"
	{
		cat "$corpus/site.yaml"
		printf 'theme: [minimal]\nsearch:\n  enabled: false\n'
	} >"$minsite/site.yaml"

	tools=(hugo binome floor binome-min)
	((have_hugo)) || tools=(binome floor binome-min)
	for ((round = 0; round < warmup + runs; round++)); do
		echo "compare.sh: $size pages, round $((round + 1))/$((warmup + runs))" >&2
		# Rotate who goes first, so no tool always meets a cold page cache.
		for ((i = 0; i < ${#tools[@]}; i++)); do
			tool=${tools[(round + i) % ${#tools[@]}]}
			dest=$work/out-$tool
			rm -rf "$dest"
			case $tool in
			hugo)
				rm -rf "$corpus/resources" "$corpus/.hugo_build.lock"
				measure "$size" "$round" hugo "$dest" hugo --quiet --minify -s "$corpus" -d "$dest"
				;;
			binome)
				rm -rf "$corpus/.binome-cache"
				measure "$size" "$round" binome "$dest" "$out/binome" build --source "$corpus" --dest "$dest"
				;;
			floor)
				measure "$size" "$round" floor "$dest" "$out/floor" -src "$corpus/content" -out "$dest"
				;;
			binome-min)
				rm -rf "$minsite/.binome-cache"
				measure "$size" "$round" binome-min "$dest" "$out/binome" build --source "$minsite" --dest "$dest"
				;;
			esac
		done
		# Warm: the cold build above filled the cache; build twice more into
		# one destination, as an author re-running build does, and time the
		# second. Then change one page and time once more.
		dest=$work/out-warm
		rm -rf "$dest"
		"$out/binome" build --source "$corpus" --dest "$dest" >"$work/binome-warm.log" 2>&1
		measure "$size" "$round" binome-warm "$dest" "$out/binome" build --source "$corpus" --dest "$dest"
		# Then the guide edited five ways, each timed and put back. Its
		# text past the first paragraph: the guide alone renders again.
		edited binome-1page awk -v r="$round" '{ print } END { printf "\nOne more line for the one-page benchmark, round %d.\n", r }'
		# Its first paragraph, its summary: what any page may show of the
		# others changes (README, build cache).
		edited binome-1summary awk 'n == 2 && !done && NF { $0 = "Mis à jour. " $0; done = 1 } /^---$/ { n++ } { print }'
		# Its title: the pages that show it render again (the section's
		# list, its neighbours, its terms' lists).
		edited binome-1title sed "0,/^title: .*/s//title: \"Retitled in round $round\"/"
		# Its tags: its frontmatter, which other pages show too (its
		# section's list and its terms' pages show its tags on its card).
		if [[ -n $tag ]]; then
			edited binome-1tags sed "0,/^tags:\$/s//tags:\n$tag/"
		fi
		# Its date, to 2031: the pages that show the date (its card) and,
		# if it moves in its lists, its new neighbours.
		edited binome-1date awk '/^date: / && !done { $0 = "date: 2031-01-01"; done = 1 } { print }'
		# A new guide, a copy of that one under another file name and
		# title: its lists, neighbours and terms' pages render again.
		added=${page%.md}-added-$round.md
		sed "0,/^title: .*/s//title: \"Added in round $round\"/" "$saved" >"$added"
		measure "$size" "$round" binome-1add "$dest" "$out/binome" build --source "$corpus" --dest "$dest"
		rm -f "$added"
		added=
	done
	page=
	if [[ ${PROFILE:-} == 1 ]]; then
		# Outside the timed rounds: profiling slows the build a little.
		echo "compare.sh: profiling one cold build of $size pages" >&2
		rm -rf "$corpus/.binome-cache" "$work/out-profile"
		"$out/binome" build --source "$corpus" --dest "$work/out-profile" \
			--cpuprofile "$out/profile-$size-cpu.pprof" --memprofile "$out/profile-$size-heap.pprof" >"$work/profile.log" 2>&1
		{
			echo
			echo "#### Profile of one cold binome build, $size pages"
			echo
			echo "CPU (\`go tool pprof -top -cum bench/out/binome bench/out/profile-$size-cpu.pprof\`), top 25 by cumulative time:"
			echo
			echo '```'
			go tool pprof -top -cum -nodecount=25 "$out/binome" "$out/profile-$size-cpu.pprof" 2>/dev/null | sed -n '/flat%/,$p'
			echo '```'
			echo
			echo "Live heap once pages are rendered (\`-sample_index=inuse_space\`), top 15:"
			echo
			echo '```'
			go tool pprof -sample_index=inuse_space -top -nodecount=15 "$out/binome" "$out/profile-$size-heap.pprof" 2>/dev/null | sed -n '/flat%/,$p'
			echo '```'
		} >>"$results.profile"
	fi
	rm -rf "$work"
done

echo >>"$results.tmp"
python3 "$root/bench/table.py" "$tsv" >>"$results.tmp"
if [[ -f $results.profile ]]; then
	cat "$results.profile" >>"$results.tmp"
	rm "$results.profile"
fi
mv "$results.tmp" "$results"
cat "$results"
echo "compare.sh: results in ${results#"$root"/}, raw rounds in ${tsv#"$root"/}" >&2
