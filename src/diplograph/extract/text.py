"""Sentences and paragraphs of a document, with their character offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass

_SENTENCE_END = re.compile(r"[^。！？!?；;\n]*(?:[。！？!?；;]+[”’」』）)]?|\n|$)")
# characters that end a clause inside a sentence
CLAUSE_BREAKS = "，,：:；;。！？!?"
PUNCTUATION = set("，,。！？!?；;：:、“”\"'‘’（）()《》〈〉「」『』【】[]—-…·\n\t ")


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int  # offset in the document text
    paragraph: int
    index: int

    @property
    def end(self) -> int:
        return self.start + len(self.text)


def split_sentences(text: str) -> list[Sentence]:
    """Sentences (ending in 。！？； or a line break), blank ones dropped, offsets kept."""
    out: list[Sentence] = []
    paragraph = 0
    pos = 0
    for m in _SENTENCE_END.finditer(text):
        chunk = m.group(0)
        if not chunk:
            if m.end() >= len(text):
                break
            continue
        stripped = chunk.strip()
        if stripped:
            lead = len(chunk) - len(chunk.lstrip())
            out.append(Sentence(stripped, m.start() + lead, paragraph, len(out)))
        if chunk.endswith("\n"):
            paragraph += 1
        pos = m.end()
    del pos
    return out
