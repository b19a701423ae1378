"""Every query in queries/ has expected rows on the sample corpus; parameters and errors."""

from __future__ import annotations

import pytest
from rdflib import URIRef

from diplograph.errors import QueryError
from diplograph.queries import (bind, load_query, parameter_names, query_names, rows, run_query,
                                to_term)
from diplograph.store import open_store
from sample_store import build_sample

ID = "https://w3id.org/diplograph/id/"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    folder = build_sample(tmp_path_factory.mktemp("zh"))
    with open_store(folder) as s:
        yield s


def run(store, query_name, **params):
    return rows(run_query(store, load_query(query_name), params))


def has(records, **expected):
    return any(all(r.get(k) == v for k, v in expected.items()) for r in records)


# one check per library query: stable facts of the four sample articles
def check_who_met_whom(store):
    records = run(store, "who-met-whom")
    assert has(records, personName="毛伟明", otherName="陈国基")
    assert has(records, personName="梁惠玲", otherName="索洛多夫")


def check_meetings_of_person(store):
    records = run(store, "meetings-of-person", name="毛伟明")
    assert has(records, other="陈国基", otherCountry="HK")
    assert all(r["other"] != "毛伟明" for r in records)


def check_exchanges_with_country(store):
    records = run(store, "exchanges-with-country", country="AE", **{"from": "2025-01-01"})
    assert has(records, kind="visit-to", people="沈晓明")
    assert all(str(r["start"]) >= "2025-01-01" for r in records)
    assert run(store, "exchanges-with-country", country="AE", to="2020-01-01") == []


def check_delegations_by_year(store):
    records = run(store, "delegations-by-year", place="CN-HN")
    outgoing = [r for r in records if r["year"] == 2025 and r["direction"] == "outgoing"]
    assert outgoing and outgoing[0]["delegations"] >= 2
    assert "毛伟明" in outgoing[0]["leaders"].split("|")
    assert has(records, year=2025, direction="incoming")


def check_officials_of_country(store):
    records = run(store, "officials-of-country", country="RU")
    assert has(records, name="索洛多夫", title="州长")
    assert not has(records, name="梁惠玲")


def check_province_partners(store):
    records = run(store, "province-partners", province="CN-HN")
    assert has(records, partner="AE", partnerName="阿联酋")
    assert "CN" not in [r["partner"] for r in records]
    counts = [r["exchanges"] for r in records]
    assert counts == sorted(counts, reverse=True)


def check_relationship_timeline(store):
    records = run(store, "relationship-timeline", province="CN-HN", country="AE")
    assert has(records, kind="visit-out", people="沈晓明")
    assert {str(r["start"]) for r in records} == {"2025-09-09"}
    assert run(store, "relationship-timeline", province="CN-HL", country="AE") == []


def check_events_with_participants(store):
    records = run(store, "events-with-participants")
    expo = [r for r in records if r["name"] == "第四届中国—非洲经贸博览会"]
    assert expo and "康格 (attended)" in expo[0]["participants"].split("|")


def check_agreements_by_country_year(store):
    records = run(store, "agreements-by-country-year")
    assert has(records, year=2025, agreements=55, currency="USD")
    assert [r for r in records if r["year"] == 2025][0]["value"] == 1459000000


def check_co_participation(store):
    records = run(store, "co-participation")
    assert has(records, aName="康格", bName="罗比娜·纳班贾", eventName="第四届中国—非洲经贸博览会")


def check_enterprise_exchanges(store):
    records = run(store, "enterprise-exchanges")
    assert has(records, name="博世集团", kind="meeting", counterpart="毛伟明", country="DE")


def check_fact_provenance(store):
    meeting = [r for r in run(store, "who-met-whom") if r["otherName"] == "陈国基"][0]["meeting"]
    records = run(store, "fact-provenance", fact=str(meeting))
    assert any("陈国基" in r["sentence"] for r in records)
    assert all(r["title"] == "外事赋能促发展 开放高地谱新篇——2025湖南外事港澳工作回顾之三"
               for r in records)


def check_document_facts(store):
    records = run(store, "document-facts")
    assert len(records) == 4
    assert has(records, title="梁惠玲会见俄罗斯堪察加边区州长索洛多夫一行")
    assert all(r["facts"] > 0 for r in records)


def check_country_activity(store):
    records = run(store, "country-activity")
    assert records[0]["country"] == "CN"
    assert has(records, country="RU", countryName="俄罗斯")


def check_official_card(store):
    result = run_query(store, load_query("official-card"), {"name": "毛伟明"})
    assert result.type == "CONSTRUCT"
    people = {str(o) for o in result.graph.objects(None, URIRef(
        "https://w3id.org/diplograph/ontology#participant"))}
    assert ID + "person/HK/陈国基" in people


def check_facts_agreements(store):
    assert has(run(store, "facts-agreements"), count=55, currency="USD")


def check_facts_countries(store):
    codes = {r["code"] for r in run(store, "facts-countries")}
    assert {"AE", "DE", "RU", "TD", "CN"} <= codes


def check_facts_events(store):
    assert has(run(store, "facts-events"), name="第四届中国—非洲经贸博览会")


def check_facts_meetings(store):
    records = run(store, "facts-meetings")
    assert any(set(r["participants"].split("|")) == {"毛伟明", "陈国基"} for r in records)


def check_facts_officials(store):
    records = run(store, "facts-officials")
    assert has(records, name="陈国基", country="HK")


def check_facts_organizations(store):
    assert has(run(store, "facts-organizations"), name="中联重科", kind="enterprise", country="CN")


def check_facts_participations(store):
    assert has(run(store, "facts-participations"), who="康格", event="第四届中国—非洲经贸博览会",
               role="attended")


def check_facts_visits(store):
    assert has(run(store, "facts-visits"), leader="沈晓明", origin="CN-HN", destinations="AE")


def check_network_edges(store):
    records = run(store, "network-edges")
    assert any({str(r["source"]), str(r["target"])} == {ID + "person/CN/毛伟明",
                                                         ID + "person/HK/陈国基"}
               and r["relation"] == "met" for r in records)


# the queries behind build, the network page and reports (their own tests check them in depth)
MAO = ID + "person/CN/毛伟明"
HUNAN = ID + "place/CN-HN"


def check_documents(store):
    records = run(store, "documents")
    assert len(records) == 4
    assert has(records, title="梁惠玲会见俄罗斯堪察加边区州长索洛多夫一行")
    assert all(len(str(r["hash"])) == 64 for r in records)


def check_network_nodes(store):
    records = run(store, "network-nodes")
    assert any(str(r["node"]) == MAO and r["label"] == "毛伟明" for r in records)


def check_report_class_counts(store):
    assert has(run(store, "report-class-counts"), **{"class": "Meeting", "documents": 4}) or \
        any(r["class"] == "Meeting" and r["instances"] >= 10 for r in run(store, "report-class-counts"))


def check_report_exchanges_by_country_year(store):
    assert has(run(store, "report-exchanges-by-country-year"), code="AE", year=2025)


def check_report_subjects(store):
    assert any(str(r["subject"]) == MAO and r["kind"] == "Official"
               for r in run(store, "report-subjects"))


def check_report_ego_edges(store):
    records = run(store, "report-ego-edges", subject=MAO)
    assert any(r["targetLabel"] == "陈国基" or r["sourceLabel"] == "陈国基" for r in records)


def check_report_meetings(store):
    records = run(store, "report-meetings", subject=MAO)
    assert any(set(r["participants"].split("|")) == {"毛伟明", "陈国基"} and
               str(r["start"]) == "2025-05-12" for r in records)


def check_report_visits(store):
    records = run(store, "report-visits", subject=MAO)
    assert has(records, direction="out", leader="毛伟明", destinations="德国")


def check_report_events(store):
    records = run(store, "report-events", subject=HUNAN)
    assert any(r["name"] == "第四届中国—非洲经贸博览会" for r in records)


def check_report_agreements(store):
    # the sister-city agreement is tied to its signatories; Mao signed nothing in the sample
    rows = run(store, "report-agreements", subject=ID + "person/CN/唐良智")
    assert [(r["name"], r["count"]) for r in rows] == [("两市建立友好城市关系协议书", 1)]
    assert run(store, "report-agreements", subject=MAO) == []


def check_report_low_confidence(store):
    # every fact is extracted at confidence 0.5 or more: nothing under 0.1, something under 1
    assert run(store, "report-low-confidence", threshold="0.1") == []
    assert all(float(r["confidence"]) < 1.0 for r in run(store, "report-low-confidence",
                                                          threshold="1.0"))


CHECKS = {name[len("check_"):].replace("_", "-"): f for name, f in globals().items()
          if name.startswith("check_")}


@pytest.mark.parametrize("name", query_names())
def test_every_query_has_expected_rows(store, name):
    assert name in CHECKS, f"queries/{name}.rq has no expected rows in tests/test_queries.py"
    CHECKS[name](store)


@pytest.mark.parametrize("name", query_names())
def test_every_query_documents_question_parameters_columns(name):
    query = load_query(name)
    assert query.summary
    assert "Parameters:" in query.description and "Columns:" in query.description


def test_unknown_query_lists_the_library():
    with pytest.raises(QueryError, match="who-met-whom"):
        load_query("no-such-question")


def test_unknown_parameter_lists_valid_ones(store):
    with pytest.raises(QueryError, match=r"unknown parameter nam\b.*takes: name"):
        run_query(store, load_query("meetings-of-person"), {"nam": "毛伟明"})


def test_missing_parameter_is_an_error(store):
    with pytest.raises(QueryError, match="'country' is required"):
        run_query(store, load_query("officials-of-country"))


def test_syntax_error_gives_line_and_column(tmp_path, store):
    bad = tmp_path / "bad.rq"
    bad.write_text("PREFIX dg: <https://w3id.org/diplograph/ontology#>\nSELECT ?x WHERE {\n"
                   "  ?x dg:name \n}\n", encoding="utf-8")
    with pytest.raises(QueryError, match=r"bad\.rq:4:1: SPARQL syntax error"):
        run_query(store, load_query(str(bad)))


def test_inline_query(store):
    records = rows(run_query(store, load_query(
        "SELECT ?name WHERE { ?o a dg:Official ; dg:name ?name FILTER(?name = '陈国基') }")))
    assert records == [{"name": "陈国基"}]


def test_values_cannot_change_the_query(store):
    # a value that looks like SPARQL stays one literal: nothing matches, nothing breaks
    evil = '毛伟明" } ?x ?y ?z { "'
    assert run(store, "meetings-of-person", name=evil) == []
    text = bind("SELECT ?n WHERE { ?s ?p ?n }", {"name": to_term(evil)})
    assert text.count("VALUES") == 1 and '\\"' in text


def test_parameter_terms():
    assert to_term("2025-06-12").datatype.endswith("#date")
    assert to_term("2025").toPython() == 2025
    assert isinstance(to_term(ID + "meeting/x"), URIRef)
    assert to_term("AE").toPython() == "AE"
    assert parameter_names(load_query("exchanges-with-country")) == ["country", "from", "to"]


def test_a_parameter_is_substituted_in_patterns_and_sub_selects_but_not_where_it_names_a_column():
    # terms in the patterns let Oxigraph start from the subject; the VALUES block still gives
    # the projected and grouped variable its value
    text = bind("SELECT ?subject (COUNT(?m) AS ?n) WHERE {\n"
                "  { SELECT DISTINCT ?m ?subject WHERE { ?m <urn:p> ?subject } }\n"
                "  FILTER (?subject != <urn:x>)\n"
                "} GROUP BY ?subject ORDER BY ?subject",
                {"subject": URIRef("urn:s")})
    assert "VALUES (?subject) { (<urn:s>) }" in text
    assert "?m <urn:p> <urn:s>" in text and "FILTER (<urn:s> != <urn:x>)" in text
    assert "SELECT DISTINCT ?m ?subject WHERE" in text
    assert text.endswith("GROUP BY ?subject ORDER BY ?subject")

