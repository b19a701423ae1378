"""`diplograph serve` answers a real SPARQL client (SPARQLWrapper) over loopback, read-only."""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from SPARQLWrapper import CSV, JSON, N3, POST, TSV, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

from sample_store import build_sample

PREFIX = "PREFIX dg: <https://w3id.org/diplograph/ontology#>\n"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory):
    folder = build_sample(tmp_path_factory.mktemp("zh"))
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "diplograph", "serve", "--store", str(folder), "--port", str(port),
         "--max-rows", "5", "--timeout", "20"], stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}/sparql"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1).read()
            break
        except OSError:
            time.sleep(0.1)
    else:
        process.kill()
        pytest.fail("diplograph serve did not start: " + process.stderr.read())
    yield url
    process.terminate()
    process.wait(timeout=10)


def client(url, query, fmt=JSON, method="GET"):
    sparql = SPARQLWrapper(url)
    sparql.setQuery(query)
    sparql.setReturnFormat(fmt)
    sparql.setMethod(method)
    return sparql.query()


@pytest.mark.parametrize("method", ["GET", POST])
def test_select_json_with_sparqlwrapper(endpoint, method):
    data = client(endpoint, PREFIX + "SELECT ?title WHERE { ?o dg:name '陈国基' ; "
                  "dg:holdsPost/dg:title ?title }", JSON, method).convert()
    assert data["head"]["vars"] == ["title"]
    assert [b["title"]["value"] for b in data["results"]["bindings"]] == ["署理行政长官"]
    assert data["results"]["bindings"][0]["title"]["xml:lang"] == "zh"


def test_ask_and_other_result_formats(endpoint):
    assert client(endpoint, PREFIX + "ASK { ?o dg:name '毛伟明' }").convert()["boolean"] is True
    query = PREFIX + "SELECT ?name WHERE { ?o a dg:Official ; dg:name ?name FILTER(?name='康格') }"
    xml = client(endpoint, query, XML).convert()
    assert "康格" in xml.toxml()
    csv_text = client(endpoint, query, CSV).convert().decode("utf-8")
    assert csv_text.splitlines() == ["name", "康格"]
    tsv_text = client(endpoint, query, TSV).convert().decode("utf-8")
    assert tsv_text.splitlines()[0] == "?name" and "康格" in tsv_text


def test_construct_as_turtle_and_jsonld(endpoint):
    query = PREFIX + ("CONSTRUCT { ?m dg:participant ?p } WHERE { ?m dg:participant ?p ; "
                      "dg:participant/dg:name '陈国基' }")
    graph = client(endpoint, query, TURTLE).convert()
    assert b"dg:participant" in graph or b"ontology#participant" in graph
    sparql = SPARQLWrapper(endpoint)
    sparql.setQuery(query)
    sparql.setReturnFormat(N3)
    from rdflib import Graph

    parsed = Graph().parse(data=sparql.queryAndConvert(), format="turtle")
    assert len(parsed) == 2  # the two participants
    request = urllib.request.Request(endpoint + "?query=" + urllib.parse.quote(query),
                                     headers={"Accept": "application/ld+json"})
    with urllib.request.urlopen(request) as response:
        assert response.headers["Content-Type"].startswith("application/ld+json")
        assert "陈国基" in json.dumps(json.load(response), ensure_ascii=False)


def test_update_is_forbidden(endpoint):
    sparql = SPARQLWrapper(endpoint, updateEndpoint=endpoint)
    sparql.setMethod(POST)
    sparql.setQuery("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    with pytest.raises(Exception) as raised:
        sparql.query()
    assert "403" in str(raised.value)
    # an update smuggled in as a query gets 403 too
    request = urllib.request.Request(endpoint, data=b"DROP ALL", method="POST",
                                     headers={"Content-Type": "application/sparql-query"})
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(request)
    assert error.value.code == 403
    data = client(endpoint, "ASK { <urn:a> <urn:b> <urn:c> }").convert()
    assert data["boolean"] is False


def test_result_cap_and_syntax_error(endpoint):
    request = urllib.request.Request(
        endpoint + "?query=" + urllib.parse.quote(PREFIX + "SELECT ?o WHERE { ?o a dg:Official }"),
        headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request) as response:
        assert response.headers["X-SPARQL-MaxRows"] == "5"
        assert len(json.load(response)["results"]["bindings"]) == 5
    with pytest.raises(SPARQLWrapperException) as raised:
        client(endpoint, "SELECT ?x WHERE {\n ?x ?y \n}")
    assert "line 3" in str(raised.value)


def test_query_page_is_offline(endpoint):
    page = urllib.request.urlopen(endpoint.removesuffix("sparql")).read().decode("utf-8")
    assert "<textarea" in page and 'fetch("/sparql"' in page
    assert not re.search(r"(src|href)\s*=\s*[\"']?(https?:)?//", page)
