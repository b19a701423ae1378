"""Ingest speed: documents per second for a folder of generated documents, first build and rebuild.

Run: .venv/bin/python bench/bench_ingest.py [N]   (default 500 documents)

The documents are cut from the bundled examples (one or two paragraphs under a header each), so
they are short news items like a provincial foreign-affairs office publishes. Only the ingest half
of a build is timed (read, extract, write each named graph); reasoning, the network page and the
report are measured elsewhere.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from diplograph.build import ingest_sources
from diplograph.documents import read_document
from diplograph.extract import extract
from diplograph.resources import data_dir
from diplograph.store import open_store
from diplograph.triples import document_graph


def make_corpus(folder: Path, n: int) -> list[Path]:
    pieces = []
    for path in sorted(data_dir("examples").glob("*.txt")):
        doc = read_document(path)
        body = [p.strip() for p in doc.text.split("\n") if p.strip()]
        pieces += [(doc.title, doc.published, "\n\n".join(body[i:i + 2])) for i in range(len(body))]
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        title, published, text = pieces[i % len(pieces)]
        path = folder / f"{i:04d}.txt"
        path.write_text(f"{title}（第{i}篇）\n{published}\n来源: 基准\n\n{text}\n", encoding="utf-8")
        paths.append(path)
    return paths


def stage_times(paths: list[Path]) -> dict[str, float]:
    """Seconds per document spent reading, extracting and making triples (no store)."""
    totals = {"read": 0.0, "extract": 0.0, "triples": 0.0}
    for path in paths:
        t0 = time.perf_counter()
        doc = read_document(path)
        t1 = time.perf_counter()
        extraction = extract(doc)
        t2 = time.perf_counter()
        document_graph(doc, extraction)
        t3 = time.perf_counter()
        totals["read"] += t1 - t0
        totals["extract"] += t2 - t1
        totals["triples"] += t3 - t2
    return {k: v / len(paths) for k, v in totals.items()}


def main(n: int = 500) -> None:
    with tempfile.TemporaryDirectory(prefix="diplograph-bench-") as tmp:
        corpus = Path(tmp) / "corpus"
        paths = make_corpus(corpus, n)
        chars = sum(len(read_document(p).text.strip()) for p in paths)
        extract(read_document(paths[0]))  # load dictionaries before timing
        out = Path(tmp) / "store"
        rows = []
        first = ingest_sources([corpus], out)
        rows.append(("first build", first.documents, first.seconds))
        second = ingest_sources([corpus], out)
        rows.append(("rebuild, nothing changed", second.unchanged, second.seconds))
        for path in paths[: n // 10]:
            path.write_text(path.read_text(encoding="utf-8") + "\n（完）\n", encoding="utf-8")
        third = ingest_sources([corpus], out)
        rows.append((f"rebuild, {n // 10} changed", third.documents + third.unchanged, third.seconds))
        with open_store(out) as store:
            triples = len(store)
        stages = stage_times(paths[:100])

    print(f"{n} documents, {chars / n:.0f} characters each on average; store: {triples:,} triples\n")
    print(f"| {'run':<26} | {'documents':>9} | {'seconds':>7} | {'docs/s':>7} |")
    print(f"|{'-' * 28}|{'-' * 11}|{'-' * 9}|{'-' * 9}|")
    for name, docs, seconds in rows:
        print(f"| {name:<26} | {docs:>9} | {seconds:>7.2f} | {docs / seconds:>7.1f} |")
    print(f"\n| {'stage (per document)':<26} | {'ms':>7} |")
    print(f"|{'-' * 28}|{'-' * 9}|")
    for stage, seconds in stages.items():
        print(f"| {stage:<26} | {seconds * 1000:>7.2f} |")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 500)
