"""`--store http(s)://...`: reads through our own `serve`, writes into a real Virtuoso."""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from diplograph.build import BuildSummary, ingest
from diplograph.cli import main
from diplograph.errors import StoreError
from diplograph.facts import iter_facts
from diplograph.ontology import ontology_graph
from diplograph.queries import load_query, rows, run_query
from diplograph.settings import Settings
from diplograph.store import RemoteStore, open_store
from sample_store import CORPUS, build_sample


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, process: subprocess.Popen, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the server exited with {process.returncode}")
        try:
            urllib.request.urlopen(url, timeout=1).read()
            return
        except OSError:
            time.sleep(0.2)
    process.kill()
    pytest.fail(f"{url} did not answer within {seconds} s")


def canonical(records):
    # GROUP_CONCAT order is up to the server: compare lists as sets
    return sorted(repr({k: (sorted(v) if isinstance(v, list) else v) for k, v in r.items()})
                  for r in records)


# -- reads, through `diplograph serve`

@pytest.fixture(scope="module")
def served(tmp_path_factory):
    folder = build_sample(tmp_path_factory.mktemp("zh"))
    with open_store(folder) as local:
        expected = canonical(iter_facts(local))
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "diplograph", "serve", "--store",
                                str(folder), "--port", str(port)], stderr=subprocess.DEVNULL)
    wait_for(f"http://127.0.0.1:{port}/", process, 30)
    yield f"http://127.0.0.1:{port}/sparql", expected
    process.terminate()
    process.wait(timeout=10)


def test_facts_over_http_equal_local_facts(served):
    url, expected = served
    with open_store(url) as remote:
        assert isinstance(remote, RemoteStore)
        assert canonical(iter_facts(remote)) == expected


def test_query_cli_with_parameters_over_http(served, capsys):
    url, _ = served
    assert main(["query", "meetings-of-person", "--param", "name=毛伟明", "--store", url,
                 "--format", "csv"]) == 0
    assert "陈国基,HK,2025-05-12" in capsys.readouterr().out


def test_graphs_and_construct_over_http(served):
    url, _ = served
    remote = open_store(url)
    names = {str(n) for n in remote.graph_names()}
    assert "https://w3id.org/diplograph/id/graph/reference" in names
    reference = remote.graph(next(n for n in remote.graph_names() if str(n).endswith("reference")))
    assert len(reference) > 1000
    card = run_query(remote, load_query("official-card"), {"name": "毛伟明"})
    assert "陈国基" in card.graph.serialize(format="nt")


def test_writes_to_a_read_only_endpoint_fail_clearly(served):
    url, _ = served
    with pytest.raises(StoreError, match="403"):
        open_store(url).remove_graph(ontology_graph().identifier)


def test_unreachable_endpoint():
    with pytest.raises(StoreError, match="cannot reach"):
        open_store(f"http://127.0.0.1:{free_port()}/sparql").query("ASK {}")


# -- writes, into Virtuoso (Debian's virtuoso-opensource)

VIRTUOSO = shutil.which("virtuoso-t")
ISQL = shutil.which("isql-vt")
SYSTEM_INI = Path("/etc/virtuoso-opensource-7/virtuoso.ini")


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory):
    if not (VIRTUOSO and ISQL and SYSTEM_INI.is_file()):
        pytest.skip("Virtuoso is not installed (apt-get install virtuoso-opensource), so remote "
                    "writes are not tested here")
    if not CORPUS.is_dir():
        pytest.skip(f"the sample corpus {CORPUS} is absent")
    folder = tmp_path_factory.mktemp("virtuoso")
    sql_port, http_port = free_port(), free_port()
    ini = SYSTEM_INI.read_text(encoding="utf-8")
    ini = ini.replace("/var/lib/virtuoso-opensource-7/db", str(folder))
    ini = re.sub(r"(?m)^ServerPort(\s*)=\s*1111", rf"ServerPort\g<1>= 127.0.0.1:{sql_port}", ini)
    ini = re.sub(r"(?m)^ServerPort(\s*)=\s*8890", rf"ServerPort\g<1>= 127.0.0.1:{http_port}", ini)
    ini = re.sub(r"(?m)^VADInstallDir.*$", "", ini)  # no Conductor: starts in seconds
    (folder / "virtuoso.ini").write_text(ini, encoding="utf-8")
    process = subprocess.Popen([VIRTUOSO, "-f", "-c", "virtuoso.ini"], cwd=folder,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(f"http://127.0.0.1:{http_port}/sparql?query=ASK%7B%7D", process, 90)
        # the anonymous SPARQL account may update (only this throwaway loopback instance)
        subprocess.run([ISQL, f"127.0.0.1:{sql_port}", "dba", "dba",
                        'exec=GRANT SPARQL_UPDATE TO "SPARQL";'],
                       check=True, capture_output=True, timeout=60)
        yield f"http://127.0.0.1:{http_port}/sparql"
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


def test_build_writes_into_virtuoso(virtuoso):
    store = open_store(virtuoso)
    store.replace_graph(ontology_graph())
    paths = sorted(CORPUS.glob("*.txt"))
    summary = BuildSummary()
    ingest(store, paths, Settings(quiet=True), summary)
    assert summary.documents == len(paths) and not summary.skipped
    met = {r["other"] for r in rows(run_query(store, load_query("meetings-of-person"),
                                              {"name": "毛伟明"}))}
    assert "陈国基" in met
    # a second build finds every document unchanged (the content hash went in and came back)
    again = BuildSummary()
    ingest(store, paths, Settings(quiet=True), again)
    assert again.unchanged == len(paths) and again.documents == 0
    # replacing a graph replaces it: no triple is left twice or behind
    name = next(n for n in store.graph_names() if "/document/" in str(n))
    before = len(store.graph(name))
    graph = store.graph(name)
    store.replace_graph(graph)
    assert len(store.graph(name)) == before
    store.remove_graph(name)
    assert name not in store.graph_names()


def test_build_cli_to_virtuoso_url(virtuoso, capsys, tmp_path):
    one = tmp_path / "one"
    one.mkdir()
    shutil.copy(CORPUS / "heilongjiang-lianghuiling-kamchatka.txt", one)
    assert main(["build", str(one), "--out", virtuoso, "--quiet"]) == 0
    out = capsys.readouterr().out
    assert re.search(r"documents read\s+1\b", out)
    assert main(["query", "officials-of-country", "--param", "country=RU", "--store", virtuoso,
                 "--format", "csv"]) == 0
    assert "索洛多夫" in capsys.readouterr().out
