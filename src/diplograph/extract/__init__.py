"""extract: a Document's text becomes plain records (people, organizations, events, meetings,
visits, participations, agreements), each with the evidence it was read from.

This package imports no RDF library, so every rule can be tested on plain strings.
"""

from __future__ import annotations

RULESET = "diplograph-zh"
RULESET_VERSION = "0.1.0"


def extract(document):
    """Extract every fact from one document (a diplograph.documents.Document)."""
    from diplograph.extract.pipeline import extract_document

    return extract_document(document)


def extract_text(text: str, published: str | None = None, title: str | None = None):
    """Extract from a bare string (handy in tests and notebooks)."""
    from diplograph.documents import Document

    return extract(Document(source="text:", text=text, title=title, published=published))
