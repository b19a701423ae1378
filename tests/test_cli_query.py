"""`diplograph query` on the sample corpus: formats, parameters, errors."""

from __future__ import annotations

import csv
import io
import json

import pytest

from diplograph.cli import main
from sample_store import build_sample


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return str(build_sample(tmp_path_factory.mktemp("zh")))


def query(capsys, folder, *args):
    code = main(["query", *args, "--store", folder])
    out, err = capsys.readouterr()
    return code, out, err


def test_table_aligns_chinese_names(capsys, folder):
    code, out, _ = query(capsys, folder, "meetings-of-person", "--param", "name=毛伟明")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split()[:3] == ["other", "otherCountry", "start"]
    row = next(line for line in lines if line.startswith("陈国基"))
    # 陈国基 is three characters but six terminal columns: the next column starts aligned
    assert row.index("HK") == lines[0].index("otherCountry") - 3


def test_csv_tsv_markdown(capsys, folder):
    _, out, _ = query(capsys, folder, "officials-of-country", "--param", "country=RU",
                      "--format", "csv")
    records = list(csv.DictReader(io.StringIO(out)))
    assert {"name": "索洛多夫", "title": "州长"}.items() <= next(
        r for r in records if r["name"] == "索洛多夫").items()
    _, out, _ = query(capsys, folder, "officials-of-country", "--param", "country=RU",
                      "--format", "tsv")
    assert out.splitlines()[0] == "?official\t?name\t?title\t?organization"
    assert '"州长"@zh' in out
    _, out, _ = query(capsys, folder, "officials-of-country", "--param", "country=RU",
                      "--format", "markdown")
    assert out.splitlines()[1].startswith("| --- |") and "| 索洛多夫 |" in out


def test_json_is_w3c_sparql_results(capsys, folder):
    _, out, _ = query(capsys, folder, "delegations-by-year", "--param", "place=CN-HN",
                      "--format", "json")
    data = json.loads(out)
    assert data["head"]["vars"] == ["year", "direction", "delegations", "leaders"]
    first = data["results"]["bindings"][0]
    assert first["year"] == {"type": "literal", "value": "2025",
                             "datatype": "http://www.w3.org/2001/XMLSchema#integer"}


def test_construct_as_turtle_and_jsonld(capsys, folder):
    _, out, _ = query(capsys, folder, "official-card", "--param", "name=毛伟明")
    assert out.startswith("@prefix") and "person/HK/陈国基" in out
    _, out, _ = query(capsys, folder, "official-card", "--param", "name=毛伟明",
                      "--format", "json-ld")
    assert any("陈国基" in json.dumps(node, ensure_ascii=False) for node in json.loads(out))
    code, _, err = query(capsys, folder, "official-card", "--param", "name=毛伟明",
                         "--format", "csv")
    assert code == 2 and "turtle" in err


def test_inline_query_and_file(capsys, folder, tmp_path):
    _, out, _ = query(capsys, folder, "SELECT (COUNT(*) AS ?n) WHERE { ?d a dg:Document }",
                      "--format", "csv")
    assert out.split() == ["n", "4"]
    rq = tmp_path / "mine.rq"
    rq.write_text("# Parameters: ?who\nPREFIX dg: <https://w3id.org/diplograph/ontology#>\n"
                  "SELECT ?c WHERE { ?o dg:name ?who ; dg:country/dg:isoCode ?c }\n",
                  encoding="utf-8")
    _, out, _ = query(capsys, folder, str(rq), "--param", "who=陈国基", "--format", "csv")
    assert out.split() == ["c", "HK"]


def test_errors_name_what_is_valid(capsys, folder, tmp_path):
    code, _, err = query(capsys, folder, "meetings-of-person", "--param", "person=毛伟明")
    assert code == 2 and "unknown parameter person" in err and "takes: name" in err
    code, _, err = query(capsys, folder, "who-met-who")
    assert code == 2 and "who-met-whom" in err
    bad = tmp_path / "bad.rq"
    bad.write_text("SELECT ?x WHERE {\n  ?x ?y\n}\n", encoding="utf-8")
    code, _, err = query(capsys, folder, str(bad))
    assert code == 2 and f"{bad}:4:1: SPARQL syntax error" in err
    code, _, err = query(capsys, folder, "who-met-whom", "--param", "oops")
    assert code == 2 and "NAME=VALUE" in err
