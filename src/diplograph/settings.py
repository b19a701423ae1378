"""One frozen set of choices passed explicitly from the command line down to the library."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Settings:
    # documents larger than this are refused rather than read (a corpus of news briefs is small)
    max_document_bytes: int = 5_000_000
    # seconds to wait for a URL before giving up
    fetch_timeout: float = 20.0
    reason: bool = True
    validate: bool = True
    # more nodes than this and the network page becomes unusable; the CLI asks for a filter
    network_node_cap: int = 3000
    quiet: bool = False
