#!/usr/bin/env bash
# heavy.sh: time binome builds of a handbook that carries heavy files, as a
# programme's does (profile photos, PDFs, a training video), beside the same
# builds by another binome (OLD, a path to its binary), side by side.
#
#   bash bench/heavy.sh [PAGES]        # default 1000: the generated corpus of
#                                      # PAGES pages, plus PHOTOS photos of
#                                      # 100 kB in static/ and as many in
#                                      # content/photos/, and a VIDEO_MB video
#   OLD=/tmp/binome-old bash bench/heavy.sh
#
# Environment: PHOTOS (default 2000), VIDEO_MB (default 300), RUNS (rounds,
# default 3), WORK (default /dev/shm/binome-heavy: the site copy and its
# output; the photos are random bytes, 400 MB with the defaults).
# Each round times, for each binome: a cold build; one with nothing changed;
# one after an edit to a guide's summary; one after a photo of static/ is
# replaced. It prints the median wall time and peak RSS of each.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
shared=${SHARED:-$root/../shared}
pages=${1:-1000}
photos=${PHOTOS:-2000}
video=${VIDEO_MB:-300}
runs=${RUNS:-3}
work=${WORK:-/dev/shm/binome-heavy}
out=$root/bench/out
corpus=$out/corpus-$pages

[[ -x /usr/bin/time ]] || { echo "heavy.sh: needs /usr/bin/time (apt-get install time)" >&2; exit 1; }
if [[ ! -d $corpus/content ]]; then
	echo "heavy.sh: generating $pages pages" >&2
	python3 "$shared/bench/gen_corpus.py" --pages "$pages" --seed 1 --out "$corpus" --quiet
fi
mkdir -p "$out"
go build -o "$out/binome" ./cmd/binome
tools=("new=$out/binome")
[[ -z ${OLD:-} ]] || tools+=("old=$OLD")

site=$work/site
rm -rf "$work"
mkdir -p "$site"
cp -r "$corpus/content" "$corpus/site.yaml" "$site/"
[[ ! -d $corpus/static ]] || cp -r "$corpus/static" "$site/"
python3 - "$site" "$photos" "$video" <<'EOF'
import os, sys
site, photos, video = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
for folder in ("static/images/profiles", "content/photos"):
    os.makedirs(os.path.join(site, folder), exist_ok=True)
    for i in range(photos):
        with open(os.path.join(site, folder, "p%05d.jpg" % i), "wb") as f:
            f.write(os.urandom(100 * 1024))
os.makedirs(os.path.join(site, "static/videos"), exist_ok=True)
with open(os.path.join(site, "static/videos/training.mp4"), "wb") as f:
    for _ in range(video):
        f.write(os.urandom(1 << 20))
EOF
# Old files, as a checked-out site's: their sizes and times vouch for them.
find "$site" -type f -exec touch -d '2 days ago' {} +
guide=$(find "$site/content/guides" -name '*.md' ! -name '_index.md' | sort | head -n 1)
cp "$guide" "$work/guide.md"
photo=$site/static/images/profiles/p00007.jpg
tsv=$work/runs.tsv
: >"$tsv"

measure() { # measure TOOL WHAT BINARY
	if ! /usr/bin/time -f '%e %M' -o "$work/time" "$3" build --source "$site" --dest "$work/out-$1" >/dev/null 2>"$work/err"; then
		cat "$work/err" >&2
		exit 1
	fi
	echo -e "$1\t$2\t$(cat "$work/time")" >>"$tsv"
}

for ((round = 1; round <= runs; round++)); do
	echo "heavy.sh: round $round/$runs" >&2
	for spec in "${tools[@]}"; do
		name=${spec%%=*} bin=${spec#*=}
		rm -rf "$site/.binome-cache" "$work/out-$name"
		measure "$name" cold "$bin"
		"$bin" build --source "$site" --dest "$work/out-$name" >/dev/null 2>&1
		measure "$name" nothing "$bin"
		awk -v r="$round$name" 'n == 2 && !done && NF { $0 = "Mis à jour " r ". " $0; done = 1 } /^---$/ { n++ } { print }' "$work/guide.md" >"$guide"
		measure "$name" summary "$bin"
		cp "$work/guide.md" "$guide"
		head -c $((100 * 1024 + round)) /dev/urandom >"$photo"
		measure "$name" photo "$bin"
	done
done
cp "$work/guide.md" "$guide"

echo "# binome with heavy files, $(date '+%Y-%m-%d %H:%M')"
echo
echo "$pages pages, $photos photos of 100 kB in static/ and $photos in content/, a video of $video MB; $runs round(s), medians; $(nproc) cores"
echo
python3 - "$tsv" "${tools[@]}" <<'EOF'
import statistics, sys
rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1])]
print("| binome | cold | nothing changed | a summary edited | a photo replaced |")
print("| --- | --- | --- | --- | --- |")
for spec in sys.argv[2:]:
    name, binary = spec.split("=", 1)
    cells = []
    for what in ("cold", "nothing", "summary", "photo"):
        runs = [r[2].split() for r in rows if r[0] == name and r[1] == what]
        wall = statistics.median(float(w) for w, _ in runs)
        rss = statistics.median(int(m) for _, m in runs) / 1024
        cells.append(f"{wall:.2f} s, {rss:.0f} MiB")
    print(f"| {name} ({binary}) | " + " | ".join(cells) + " |")
EOF
