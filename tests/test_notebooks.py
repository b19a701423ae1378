"""The notebooks: committed without outputs, calling the library only, and executed here with
papermill on stores built from the examples and the sample corpus; any error fails."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import nbformat
import pytest

from diplograph.build import build
from diplograph.resources import data_dir
from conftest import ZH_CORPUS as CORPUS

NOTEBOOKS = sorted(data_dir("notebooks").glob("*.ipynb"))
KERNEL = "python3"


def _outputs(nb) -> tuple[str, int]:
    """All text and HTML the executed notebook showed, and how many images."""
    text, images = [], 0
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            assert out.output_type != "error", f"{out.ename}: {out.evalue}"
            data = out.get("data", {})
            images += "image/png" in data
            text += [out.get("text", ""), data.get("text/html", ""), data.get("text/plain", "")]
    return "\n".join(text), images


def _run(name: str, tmp_path: Path, **parameters):
    import papermill

    out = tmp_path / f"{name}.out.ipynb"
    papermill.execute_notebook(str(data_dir("notebooks") / f"{name}.ipynb"), str(out),
                               parameters=parameters, kernel_name=KERNEL, cwd=str(tmp_path),
                               progress_bar=False)
    return nbformat.read(out, as_version=4)


@pytest.fixture(scope="module")
def examples_store(tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("nb-examples")
    build([data_dir("examples")], folder)
    return str(folder)


@pytest.fixture(scope="module")
def zh_store(tmp_path_factory) -> str:
    if not CORPUS.is_dir():
        pytest.skip(f"{CORPUS} is absent")
    folder = tmp_path_factory.mktemp("nb-zh")
    build([CORPUS], folder)
    return str(folder)


def test_the_three_notebooks_are_there():
    assert {p.stem for p in NOTEBOOKS} >= {"relationship_report", "overview", "examples"}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebooks_are_committed_clean_and_call_the_library(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    for cell in code:
        assert cell["outputs"] == [] and cell["execution_count"] is None, "outputs not stripped"
        source = "".join(cell["source"])
        assert "sys.path" not in source
        for line in source.splitlines():
            if line.startswith(("import ", "from ")):
                module = line.split()[1].split(".")[0]
                assert module in {"diplograph", "IPython", "tempfile", "pathlib"}, line
    assert nb["metadata"]["kernelspec"]["name"] == KERNEL
    assert any("parameters" in c.get("metadata", {}).get("tags", []) for c in code)


def test_the_kernel_runs_this_python(tmp_path):
    from nbclient import NotebookClient

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        "import sys, diplograph; print(sys.prefix); print(diplograph.__file__)")])
    NotebookClient(nb, kernel_name=KERNEL, timeout=60,
                   resources={"metadata": {"path": str(tmp_path)}}).execute()
    prefix, module = nb.cells[0].outputs[0]["text"].split()
    assert Path(prefix).resolve() == Path(sys.prefix).resolve()
    import diplograph

    assert Path(module) == Path(diplograph.__file__)


def test_relationship_report_on_the_corpus(zh_store, tmp_path):
    nb = _run("relationship_report", tmp_path, store=zh_store, subject="Hunan",
              start="2025-01-01", end="2025-12-31")
    text, images = _outputs(nb)
    assert "湖南省 (Hunan, CN-HN)" in text
    assert "led by" in text and "sentence 原文" in text  # the visit tables, with their evidence
    assert "srcdoc=" in text  # the interactive network
    assert images >= 3  # timeline, partners, ego network


def test_relationship_report_with_nothing_in_the_period(examples_store, tmp_path):
    nb = _run("relationship_report", tmp_path, store=examples_store, subject="EG",
              start="2025-01-01", end="2025-12-31")
    text, _ = _outputs(nb)
    assert "No exchanges of 埃及 were found" in text


def test_overview_on_the_examples(examples_store, tmp_path):
    nb = _run("overview", tmp_path, store=examples_store)
    text, images = _outputs(nb)
    assert "<th>instances</th>" in text and "Official" in text
    assert "betweenness" in text and "李强" in text
    assert "SHACL" in text
    assert images == 1  # the heatmap


def test_examples_notebook_builds_and_queries(tmp_path):
    nb = _run("examples", tmp_path, out=str(tmp_path / "store"))
    text, _ = _outputs(nb)
    assert "4 documents" in text
    assert "facts-meetings" in text and "新西兰" in text
    assert (tmp_path / "store" / "oxigraph").is_dir()
