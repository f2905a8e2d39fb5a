#!/usr/bin/env python3
"""Summarise the rounds compare.sh measured as one Markdown table per size.

Input: a TSV file with the columns

    size  round  tool  wall_s  cpu_s  rss_kb  html_files

one line per counted run (warm-up rounds are not written). Tools are
"hugo", "binome", "floor", "binome-min" (the minimal theme), "binome-warm",
"binome-1page", "binome-1summary", "binome-1title", "binome-1tags",
"binome-1date" and "binome-1add".

Ratios are medians of per-round ratios: round r of binome is divided by
round r of Hugo (or the floor), so a slow moment of the shared machine
weighs on both sides of the pair rather than on one tool. Standard library
only, so CI needs nothing but python3.
"""

import collections
import statistics
import sys

ROWS = [
    ("hugo", "Hugo (`--minify`)"),
    ("binome", "binome build (cold)"),
    ("floor", "floor (goldmark only)"),
    ("binome-min", "binome build (cold), minimal theme, no search"),
    ("binome-warm", "binome build, warm (nothing changed)"),
    ("binome-1page", "binome build, one page changed"),
    ("binome-1summary", "binome build, one page's summary changed"),
    ("binome-1title", "binome build, one page's title changed"),
    ("binome-1tags", "binome build, one page's tags changed"),
    ("binome-1date", "binome build, one page's date changed"),
    ("binome-1add", "binome build, one page added"),
]

# The warm builds, also shown as a share of the same round's cold build.
WARM = {"binome-warm", "binome-1page", "binome-1summary", "binome-1title", "binome-1tags", "binome-1date", "binome-1add"}


def load(path):
    """Return {size: {tool: {round: (wall, cpu, rss_kb, html)}}}."""
    runs = collections.defaultdict(lambda: collections.defaultdict(dict))
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            size, rnd, tool, wall, cpu, rss, html = line.split("\t")
            runs[int(size)][tool][int(rnd)] = (float(wall), float(cpu), int(rss), int(html))
    return runs


def seconds(s):
    """Seconds as shown: to the millisecond below a second (warm builds of
    small sites take tens of them), the hundredth below 100 s."""
    if s < 1:
        return f"{s:.3f} s"
    return f"{s:.2f} s" if s < 100 else f"{s:.0f} s"


def pairs(tools, num, den, field=0):
    """num/den for each round both tools ran."""
    a, b = tools.get(num, {}), tools.get(den, {})
    return [a[r][field] / b[r][field] for r in sorted(a) if r in b and b[r][field] > 0]


def ratio(tools, num, den, field=0):
    """Median over the rounds both tools ran of num/den, as "×1.23"."""
    ps = pairs(tools, num, den, field)
    return f"×{statistics.median(ps):.2f}" if ps else "–"


def share(tools, tool):
    """A warm build's wall time as a share of its round's cold build:
    "4.1 % (2.7–4.7)", median (min–max) by round."""
    ps = [100 * p for p in pairs(tools, tool, "binome")]
    if tool not in WARM or not ps:
        return "–"
    return f"{statistics.median(ps):.1f} % ({min(ps):.1f}–{max(ps):.1f})"


def table(size, tools):
    out = [
        f"### {size} pages",
        "",
        "| tool | wall, median (min–max) | user+sys CPU | peak RSS | HTML files | wall ÷ Hugo | wall ÷ floor | wall ÷ cold build |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for tool, label in ROWS:
        rounds = tools.get(tool)
        if not rounds:
            continue
        walls = [v[0] for v in rounds.values()]
        cpus = [v[1] for v in rounds.values()]
        rss = [v[2] for v in rounds.values()]
        html = rounds[max(rounds)][3]
        out.append(
            f"| {label} | {seconds(statistics.median(walls))} ({seconds(min(walls))}–{seconds(max(walls))})"
            f" | {seconds(statistics.median(cpus))} | {statistics.median(rss) / 1024:.0f} MiB"
            f" | {html if html >= 0 else '–'}"
            f" | {ratio(tools, tool, 'hugo') if tool != 'hugo' else '×1'}"
            f" | {ratio(tools, tool, 'floor') if tool != 'floor' else '×1'}"
            f" | {share(tools, tool)} |"
        )
    n = len(tools.get("binome", {}))
    out.append("")
    notes = [f"{n} counted round(s)."]
    if "hugo" in tools:
        notes.append(
            f"binome ÷ Hugo: CPU {ratio(tools, 'binome', 'hugo', 1)}, peak RSS {ratio(tools, 'binome', 'hugo', 2)}."
        )
    notes.append(
        f"binome ÷ floor: CPU {ratio(tools, 'binome', 'floor', 1)}, peak RSS {ratio(tools, 'binome', 'floor', 2)}."
    )
    if "hugo" in tools and "binome-min" in tools:
        notes.append(
            f"binome with the minimal theme ÷ Hugo: CPU {ratio(tools, 'binome-min', 'hugo', 1)},"
            f" peak RSS {ratio(tools, 'binome-min', 'hugo', 2)}."
        )
    out.append(" ".join(notes))
    out.append("")
    return "\n".join(out)


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: table.py RUNS.tsv")
    runs = load(sys.argv[1])
    print("\n".join(table(size, runs[size]) for size in sorted(runs)))


if __name__ == "__main__":
    main()
