"""Extraction quality on the shared Chinese sample corpus, measured by the project's scorer."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import SCORER, ZH_GOLD, needs_shared

from diplograph.facts import iter_facts
from diplograph.store import open_store


@needs_shared
def test_sample_corpus_scores_at_least_085(zh_store, tmp_path):
    facts = tmp_path / "facts.jsonl"
    with open_store(zh_store) as store:
        facts.write_text("".join(json.dumps(f, ensure_ascii=False) + "\n" for f in iter_facts(store)),
                         encoding="utf-8")
    result = subprocess.run([sys.executable, str(SCORER), str(ZH_GOLD), str(facts), "--details"],
                            capture_output=True, text=True, check=True)
    lines = result.stdout.splitlines()
    f1 = float(lines[-1].split()[-1])
    attributes = float(lines[-2].split()[-1])
    assert lines[-1].startswith("overall F1") and f1 >= 0.85, result.stdout
    assert attributes >= 0.85, result.stdout
