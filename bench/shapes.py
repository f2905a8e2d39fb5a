#!/usr/bin/env python3
"""Write a site of one shape that the shared corpus does not have, for
bench/shapes.sh: the corpus spreads its pages over a few sections, a few
dozen tags and a few links each, so a step that grows faster than the
pages in one of those dimensions would not show in its growth from 10,000
to 50,000 pages. Each shape pushes one dimension as a real handbook might.

    python3 bench/shapes.py SHAPE PAGES OUT

Shapes:
  flat       one section of PAGES pages (a GitBook or MkDocs handbook)
  tags       PAGES pages, PAGES/3 tags, 10 tags on each page (taxonomies)
  links      PAGES pages, each linking to 20 others (link checks, backlinks)
  deep       PAGES pages in sections nested 1 to 5 levels (trees, breadcrumbs)
  bilingual  PAGES/2 pages in French, each translated into English
  big        PAGES/40 pages of about 150 kB, with headings (long guides)

The same arguments always write the same files (a fixed seed).
"""
import os
import random
import shutil
import sys

WORDS = (
    "mentor mentorée binôme écoute confiance objectif carrière réunion atelier "
    "parcours module compétence équipe retour projet numérique données outil "
    "formation session feedback goal trust agenda skill learning growth team"
).split()


def sentence(rng, n):
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def paragraphs(rng, n, words=60):
    return "\n\n".join(sentence(rng, words) for _ in range(n))


def write(path, title, body, extra="", date=None):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    lines = ["---", f'title: "{title}"']
    if date:
        lines.append(f"date: {date}")
    if extra:
        lines.append(extra.rstrip("\n"))
    lines.append("---")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n\n" + body + "\n")


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    shape, pages, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    rng = random.Random(f"{shape}-{pages}")
    if os.path.exists(out):
        shutil.rmtree(out)
    content = os.path.join(out, "content")
    os.makedirs(content)
    languages = "languages:\n  fr: {}\n  en: {}\n" if shape == "bilingual" else ""
    with open(os.path.join(out, "site.yaml"), "w", encoding="utf-8") as f:
        f.write(f'title: "Shape {shape}"\nbaseURL: "https://shapes.example.org/"\n'
                f"defaultLanguage: fr\n{languages}taxonomies: [tags]\n")

    def date():
        return f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"

    if shape == "flat":
        write(os.path.join(content, "notes/_index.md"), "Notes", "Toutes les notes.")
        for i in range(pages):
            write(os.path.join(content, f"notes/note-{i}.md"), f"Note {i}", paragraphs(rng, 5), date=date())
    elif shape == "tags":
        write(os.path.join(content, "notes/_index.md"), "Notes", "Toutes les notes.")
        tags = max(10, pages // 3)
        for i in range(pages):
            chosen = sorted({rng.randrange(tags) for _ in range(10)})
            extra = "tags:\n" + "".join(f'  - "tag {t}"\n' for t in chosen)
            write(os.path.join(content, f"notes/note-{i}.md"), f"Note {i}", paragraphs(rng, 5), extra, date())
    elif shape == "links":
        write(os.path.join(content, "notes/_index.md"), "Notes", "Toutes les notes.")
        for i in range(pages):
            links = " ".join(f"[note {j}](note-{j}.md)" for j in rng.sample(range(pages), min(20, pages)))
            write(os.path.join(content, f"notes/note-{i}.md"), f"Note {i}", paragraphs(rng, 4) + "\n\nVoir aussi : " + links, date=date())
    elif shape == "deep":
        made = set()
        for i in range(pages):
            parts = [f"s{rng.randrange(4)}" for _ in range(rng.randint(1, 5))]
            for k in range(1, len(parts) + 1):
                folder = "/".join(parts[:k])
                if folder not in made:
                    made.add(folder)
                    write(os.path.join(content, folder, "_index.md"), "Section " + folder, sentence(rng, 20))
            write(os.path.join(content, *parts, f"page-{i}.md"), f"Page {i}", paragraphs(rng, 5), date=date())
    elif shape == "bilingual":
        for lang, title in (("", "Guides"), (".en", "Guides (en)")):
            write(os.path.join(content, f"guides/_index{lang}.md"), title, "Les guides.")
        for i in range(max(1, pages // 2)):
            d = date()
            write(os.path.join(content, f"guides/guide-{i}.md"), f"Guide {i}", paragraphs(rng, 5), date=d)
            write(os.path.join(content, f"guides/guide-{i}.en.md"), f"Guide {i} (en)", paragraphs(rng, 5), date=d)
    elif shape == "big":
        write(os.path.join(content, "docs/_index.md"), "Docs", "La documentation.")
        for i in range(max(1, pages // 40)):
            body = "\n\n".join((f"## Partie {k}\n\n" if k % 5 == 0 else "") + sentence(rng, 80) for k in range(300))
            write(os.path.join(content, f"docs/doc-{i}.md"), f"Doc {i}", body, date=date())
    else:
        sys.exit(f"shapes.py: unknown shape {shape!r}\n\n{__doc__}")


if __name__ == "__main__":
    main()
