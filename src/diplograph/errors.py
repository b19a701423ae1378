"""The errors diplograph reports to users: each names what it was given and what went wrong."""

from __future__ import annotations


class DiplographError(Exception):
    """An error with a message meant for the person at the terminal."""


class DocumentError(DiplographError):
    """A document that could not be read: names the file (or URL) and the problem."""

    def __init__(self, source: str, problem: str):
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem


class StoreError(DiplographError):
    """A store folder or endpoint that cannot be used."""


class QueryError(DiplographError):
    """A query that is unknown, malformed or given wrong parameters."""
