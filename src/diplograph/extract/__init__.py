"""extract: a Document's text becomes plain records (people, organizations, events, meetings,
visits, participations, agreements), each with the evidence it was read from.

This package imports no RDF library, so every rule can be tested on plain strings.
"""

from __future__ import annotations

RULESET = "diplograph-zh"


def _rules_fingerprint() -> str:
    """The package version plus a hash of the rule sources: a changed rule re-extracts stored
    documents whose bytes did not change."""
    import hashlib
    from pathlib import Path

    from diplograph import __version__

    digest = hashlib.sha1()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.read_bytes())
    return f"{__version__}+{digest.hexdigest()[:10]}"


RULESET_VERSION = _rules_fingerprint()


def extract(document):
    """Extract every fact from one document (a diplograph.documents.Document)."""
    from diplograph.extract.pipeline import extract_document

    return extract_document(document)


def extract_text(text: str, published: str | None = None, title: str | None = None):
    """Extract from a bare string (handy in tests and notebooks)."""
    from diplograph.documents import Document

    return extract(Document(source="text:", text=text, title=title, published=published))
