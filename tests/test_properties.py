"""What must hold for any input: the extractor never raises; IRIs are valid and stable."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Graph, Literal, URIRef

from diplograph.extract import extract_text
from diplograph.triples import ID, iri_segment

_GENRE = st.sampled_from(list("省长市长会见会谈率代表团访问第届博览会签署协议项亿美元日月年至、，。·“”（）"))
_TEXT = st.lists(st.one_of(st.characters(), _GENRE), max_size=300).map("".join)


@settings(max_examples=200, deadline=None)
@given(_TEXT)
def test_extractor_never_raises_on_any_text(text):
    extract_text(text, published="2024-05-06")


def test_extractor_survives_a_megabyte_of_random_unicode_and_html():
    rng = random.Random(7)
    noise = "".join(chr(rng.randrange(0x20, 0x2FFFF)) for _ in range(1_000_000))
    html = "<div><script>alert(1)</script><p>省长张三会见德国总理朔尔茨。</p></div>" * 4000
    assert not extract_text(noise).meetings
    # 4000 copies of one meeting are one meeting restated
    assert len(extract_text(html).meetings) == 1
    for text in ("", "。。。，，，", "\x00\x01\x02", "会见" * 5000):
        extract_text(text)


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=0, max_size=40))
def test_any_name_gives_a_valid_stable_iri(name):
    segment = iri_segment(name)
    assert segment == iri_segment(name)
    iri = URIRef(ID[f"person/XX/{segment}"])
    g = Graph()
    g.add((iri, ID.p, Literal(name)))
    again = Graph().parse(data=g.serialize(format="nt"), format="nt")
    assert set(again) == set(g)
    assert not any(c in segment for c in ' <>"{}|\\^`/?#')
