"""Extraction speed: characters and articles per second on one core, beside a plain jieba.cut pass.

Run: .venv/bin/python bench/bench_extract.py [--rounds N]
Articles of about 2,000 characters are assembled from the bundled examples (and the shared sample
corpus when it is beside the checkout); start-up (dictionaries, reference tables) is timed apart.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def articles(target: int = 2000) -> list[str]:
    from diplograph.documents import read_document

    paths = sorted((ROOT / "examples").glob("*.txt"))
    shared = ROOT.parent / "shared" / "corpus" / "zh"
    if shared.is_dir():
        paths += sorted(shared.glob("*.txt"))
    texts = [read_document(p).text.strip() for p in paths]
    out = []
    for i, text in enumerate(texts):
        article = text
        k = i + 1
        while len(article) < target:  # pad short briefs with the next ones to ~2,000 characters
            article += "\n" + texts[k % len(texts)]
            k += 1
        out.append(article[:target])
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()

    t0 = time.perf_counter()
    from diplograph.extract import extract_text
    from diplograph.extract.lexicon import _dictionary, gazetteer

    gazetteer()
    _dictionary()
    startup_rules = time.perf_counter() - t0

    import jieba

    jieba.setLogLevel(60)
    t0 = time.perf_counter()
    jieba.initialize()
    startup_jieba = time.perf_counter() - t0

    docs = articles()
    chars = sum(len(d) for d in docs)
    for d in docs:  # warm-up
        extract_text(d, published="2025-01-01")
        list(jieba.cut(d))

    def timed(run) -> float:
        samples = []
        for _ in range(args.rounds):
            t = time.perf_counter()
            for d in docs:
                run(d)
            samples.append(time.perf_counter() - t)
        return statistics.median(samples)

    ours = timed(lambda d: extract_text(d, published="2025-01-01"))
    cut = timed(lambda d: list(jieba.cut(d)))
    n = len(docs)
    print(f"{n} articles, {chars / n:,.0f} characters each, median of {args.rounds} rounds, one core\n")
    print(f"{'pass':<28}{'articles/s':>12}{'chars/s':>12}{'ms/article':>12}")
    for name, seconds in (("diplograph extraction", ours), ("jieba.cut (plain, HMM on)", cut)):
        print(f"{name:<28}{n / seconds:>12.1f}{chars / seconds:>12,.0f}{1000 * seconds / n:>12.1f}")
    print(f"\nextraction / jieba.cut speed: {cut / ours:.2f}")
    print(f"start-up: rules and reference tables {startup_rules:.2f} s; jieba dictionary {startup_jieba:.2f} s")


if __name__ == "__main__":
    main()
