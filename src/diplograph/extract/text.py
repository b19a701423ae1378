"""Sentences and paragraphs of a document, with their character offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass

_SENTENCE_END = re.compile(r"[^。！？!?；;\n]*(?:[。！？!?；;]+[”’」』）)]?|\n|$)")


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int  # offset in the document text
    paragraph: int
    index: int

    @property
    def end(self) -> int:
        return self.start + len(self.text)


MAX_SENTENCE = 400  # news sentences are far shorter; a longer run is not prose (tables, markup)


def _bounded(text: str, offset: int):
    """Cut a run longer than MAX_SENTENCE at its last comma before the limit (or at the limit)."""
    while len(text) > MAX_SENTENCE:
        cut = max(text.rfind(c, 0, MAX_SENTENCE) for c in "，,、 ")
        cut = cut + 1 if cut > MAX_SENTENCE // 2 else MAX_SENTENCE
        yield text[:cut], offset
        text, offset = text[cut:], offset + cut
    if text:
        yield text, offset


def split_sentences(text: str) -> list[Sentence]:
    """Sentences (ending in 。！？； or a line break), blank ones dropped, offsets kept."""
    out: list[Sentence] = []
    paragraph = 0
    for m in _SENTENCE_END.finditer(text):
        chunk = m.group(0)
        if not chunk:
            if m.end() >= len(text):
                break
            continue
        stripped = chunk.strip()
        if stripped:
            lead = len(chunk) - len(chunk.lstrip())
            for piece, offset in _bounded(stripped, m.start() + lead):
                out.append(Sentence(piece, offset, paragraph, len(out)))
        if chunk.endswith("\n"):
            paragraph += 1
    return out


def is_subsequence(short: str, long: str) -> bool:
    """Are the characters of `short` found in `long`, in order (进博会 in 进口博览会)?"""
    it = iter(long)
    return all(ch in it for ch in short)
