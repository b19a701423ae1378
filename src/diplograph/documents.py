"""documents -> read: a file (or URL) becomes a Document with text, title, date and source."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from diplograph.errors import DocumentError
from diplograph.settings import Settings

READABLE_SUFFIXES = (".txt", ".html", ".htm")

_DATE_LINE = re.compile(r"^\s*(\d{4})(?:[-/.年](\d{1,2}))?(?:[-/.月](\d{1,2}))?")
_URL = re.compile(r"https?://[^\s)）\]]+")


@dataclass(frozen=True)
class Document:
    """One news article: its body text is what extraction reads and what evidence offsets index."""

    source: str  # file:// URI or http(s) URL; identifies the document across runs
    text: str
    title: str | None = None
    published: str | None = None  # ISO date, possibly partial (YYYY or YYYY-MM)
    source_url: str | None = None  # where the article was published, when the text says
    content_hash: str = ""

    @property
    def publication_year(self) -> int | None:
        return int(self.published[:4]) if self.published else None


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def decode(data: bytes, source: str) -> str:
    """Bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, else the detected encoding."""
    if not data.strip():
        raise DocumentError(source, "empty file")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if b"\x00" in data[:4096]:
        raise DocumentError(source, "binary file (contains NUL bytes), not text or HTML")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise DocumentError(source, "not text in any encoding diplograph recognises")
    return str(best)


def parse_header(text: str) -> tuple[str | None, str | None, str | None, str]:
    """Split the header some saved articles carry (title line, date line, source line) from the body.

    Returns (title, published, source_url, body). Text without such a header is all body.
    """
    lines = text.split("\n")
    nonblank = [i for i, line in enumerate(lines) if line.strip()][:3]
    if len(nonblank) < 2:
        return None, None, None, text
    title_i, date_i = nonblank[0], nonblank[1]
    m = _DATE_LINE.match(lines[date_i])
    if not m:
        return None, None, None, text
    year, month, day = m.groups()
    published = year + (f"-{int(month):02d}" if month else "") + (f"-{int(day):02d}" if month and day else "")
    body_from = date_i + 1
    source_url = None
    url = _URL.search(lines[date_i])
    if len(nonblank) > 2 and re.match(r"\s*(来源|来源：|Source|\[来源)", lines[nonblank[2]]):
        url = _URL.search(lines[nonblank[2]]) or url
        body_from = nonblank[2] + 1
    if url:
        source_url = url.group(0).rstrip(".,;")
    title = lines[title_i].strip()
    # the body keeps its place in the file so that offsets stay meaningful against the original
    body = "\n" * body_from + "\n".join(lines[body_from:])
    return title, published, source_url, body


def read_text_document(data: bytes, source: str) -> Document:
    text = decode(data, source).replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise DocumentError(source, "empty file (only white space)")
    title, published, source_url, body = parse_header(text)
    return Document(source=source, text=body, title=title, published=published,
                    source_url=source_url, content_hash=content_hash(data))


def read_html_document(data: bytes, source: str) -> Document:
    import trafilatura

    html = decode(data, source)
    extracted = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                            favor_recall=True)
    if extracted is None:
        raise DocumentError(source, "HTML without readable main text")
    result = extracted.as_dict() if hasattr(extracted, "as_dict") else dict(extracted)
    text = (result.get("text") or "").strip()
    if not text:
        raise DocumentError(source, "HTML without readable main text")
    published = result.get("date") or None
    return Document(source=source, text=text, title=result.get("title") or None,
                    published=published, source_url=result.get("url") or None,
                    content_hash=content_hash(data))


def read_document(path: Path, settings: Settings = Settings()) -> Document:
    """Read one .txt or .html file."""
    source = path.resolve().as_uri() if path.exists() else str(path)
    if not path.exists():
        raise DocumentError(str(path), "no such file or folder")
    size = path.stat().st_size
    if size > settings.max_document_bytes:
        raise DocumentError(str(path), f"{size:,} bytes, above the limit of "
                                       f"{settings.max_document_bytes:,} (--max-bytes)")
    data = path.read_bytes()
    if path.suffix.lower() in (".html", ".htm"):
        return read_html_document(data, source)
    return read_text_document(data, source)


def find_documents(sources: Iterable[str | Path]) -> Iterator[Path]:
    """Every readable file under the given files and folders, in a stable order."""
    for source in sources:
        path = Path(source)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*")
                              if p.is_file() and p.suffix.lower() in READABLE_SUFFIXES)
        else:
            yield path
