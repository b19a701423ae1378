"""Extraction on the project's own development set (tests/devset: items written in the genre's style,
unseen by the sample corpus), scored with the shared scorer: rules must hold beyond the sample."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SCORER, needs_shared

from diplograph.build import build
from diplograph.facts import iter_facts
from diplograph.settings import Settings
from diplograph.store import open_store

DEVSET = Path(__file__).resolve().parent / "devset"


@needs_shared
@pytest.mark.parametrize("minimum", [0.90])
def test_devset_scores_at_least_090(tmp_path, minimum):
    store_dir = tmp_path / "store"
    build([DEVSET], store_dir, Settings(quiet=True, reason=False, validate=False))
    facts = tmp_path / "facts.jsonl"
    with open_store(store_dir) as store:
        facts.write_text("".join(json.dumps(f, ensure_ascii=False) + "\n" for f in iter_facts(store)),
                         encoding="utf-8")
    result = subprocess.run([sys.executable, str(SCORER), str(DEVSET), str(facts)],
                            capture_output=True, text=True, check=True)
    f1 = float(result.stdout.splitlines()[-1].split()[-1])
    assert f1 >= minimum, result.stdout
