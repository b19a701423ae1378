"""The command line as a user runs it: build the examples, print facts, run a query, build again."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from conftest import EXAMPLES


def diplograph(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "diplograph", *args], capture_output=True,
                          text=True, check=check)


def test_build_facts_query_and_rebuild(tmp_path: Path):
    out = tmp_path / "store"
    first = diplograph("build", str(EXAMPLES), "--out", str(out))
    assert re.search(r"^  new +4$", first.stdout, re.M)
    assert (out / "network.html").stat().st_size > 10_000
    assert "# diplograph report" in (out / "report.md").read_text(encoding="utf-8")
    triples = re.search(r"^triples in store +(\d+)$", first.stdout, re.M).group(1)

    facts = [json.loads(line) for line in diplograph("facts", "--store", str(out)).stdout.splitlines()]
    types = {f["type"] for f in facts}
    assert {"country", "official", "event", "meeting"} <= types
    officials = {f["name"]: f for f in facts if f["type"] == "official"}
    assert officials["毛伟明"]["country"] == "CN"

    table = diplograph("query", "facts-officials", "--store", str(out)).stdout
    assert "毛伟明" in table.splitlines()[2] or "毛伟明" in table
    csv_rows = diplograph("query", "facts-countries", "--store", str(out), "--format", "csv").stdout
    assert csv_rows.splitlines()[0] == "code" and "AU" in csv_rows

    again = diplograph("build", str(EXAMPLES), "--out", str(out))
    assert re.search(r"^  new +0$", again.stdout, re.M)
    assert re.search(r"^  unchanged +4$", again.stdout, re.M)
    # building twice adds nothing
    assert re.search(r"^triples in store +(\d+)$", again.stdout, re.M).group(1) == triples


def test_unknown_query_lists_the_library(tmp_path: Path, examples_store):
    result = diplograph("query", "no-such-question", "--store", str(examples_store), check=False)
    assert result.returncode == 2
    assert "facts-meetings" in result.stderr


def test_missing_store_and_missing_source_are_clear_errors(tmp_path: Path):
    result = diplograph("facts", "--store", str(tmp_path / "nowhere"), check=False)
    assert result.returncode == 2 and "no such store" in result.stderr
    result = diplograph("build", str(tmp_path / "absent.txt"), "--out", str(tmp_path / "s"), check=False)
    assert result.returncode == 2 and "absent.txt" in result.stderr
