"""diplograph: foreign-affairs news into an ontology-typed, provenance-carrying knowledge graph."""

__version__ = "0.1.0"
