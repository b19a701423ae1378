"""documents -> read: a file, folder or URL becomes Documents with text, title, date and source."""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
import urllib.error
import urllib.request
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from diplograph import __version__
from diplograph.errors import DocumentError
from diplograph.settings import Settings

READABLE_SUFFIXES = (".txt", ".html", ".htm")
HTML_SUFFIXES = (".html", ".htm")
USER_AGENT = f"diplograph/{__version__} (news knowledge graph builder; Python urllib)"

_DATE_LINE = re.compile(r"^\s*(\d{4})(?:[-/.年](\d{1,2}))?(?:[-/.月](\d{1,2}))?")
_URL = re.compile(r"https?://[^\s)）\]]+")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""",
                           re.IGNORECASE)
# magic numbers of formats people drop into corpus folders by mistake
_BINARY_SIGNATURES = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive (or .docx/.xlsx)",
    b"\xd0\xcf\x11\xe0": "an old Microsoft Office document",
    b"\x1f\x8b": "a gzip archive",
    b"\x7fELF": "an executable",
}
# GB2312 and GBK pages decode best as their superset, and Big5 pages often use HKSCS additions
_ENCODING_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030",
                       "big5": "big5hkscs", "cp936": "gb18030"}


@dataclass(frozen=True)
class Document:
    """One news article.

    `text` is the article as written: evidence sentences and offsets index it. `match_text` is the
    same text in Simplified characters, character for character (so every offset into one is an
    offset into the other); the extraction rules read `match_text`.
    """

    source: str  # file:// URI or http(s) URL; identifies the document across runs
    text: str
    title: str | None = None
    published: str | None = None  # ISO date, possibly partial (YYYY or YYYY-MM)
    source_url: str | None = None  # where the article was published, when known
    content_hash: str = ""
    match_text: str = ""  # `text` converted to Simplified Chinese, same length; filled in if empty
    encoding: str | None = None  # the encoding the bytes were read in

    def __post_init__(self) -> None:
        if not self.match_text:
            object.__setattr__(self, "match_text", to_simplified(self.text))
        if len(self.match_text) != len(self.text):
            raise ValueError("Document.match_text must have the length of Document.text")

    @property
    def match_title(self) -> str | None:
        return to_simplified(self.title) if self.title else None

    @property
    def is_traditional(self) -> bool:
        """True when conversion changed the text: the article is in Traditional characters."""
        return self.match_text != self.text

    @property
    def publication_year(self) -> int | None:
        return int(self.published[:4]) if self.published else None


# ---- Traditional -> Simplified -------------------------------------------------------------
@lru_cache(maxsize=1)
def _converter():
    from opencc import OpenCC

    return OpenCC("t2s")


_PIECES = re.compile(r"[^\s，。、；：！？,.;:!?「」『』（）()]+|.", re.DOTALL)


def to_simplified(text: str) -> str:
    """`text` in Simplified characters with exactly its length, so offsets carry over.

    OpenCC converts phrase by phrase and a phrase may change length; a piece whose conversion
    changes length is converted character by character instead.
    """
    if not text or text.isascii():
        return text
    convert = _converter().convert
    out = []
    for m in _PIECES.finditer(text):
        piece = m.group(0)
        if piece.isascii():
            out.append(piece)
            continue
        converted = convert(piece)
        if len(converted) != len(piece):
            converted = "".join(c if len(c := convert(ch)) == 1 else ch for ch in piece)
        out.append(converted)
    return "".join(out)


# ---- bytes -> text -------------------------------------------------------------------------
def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _python_codec(name: str) -> str | None:
    import codecs

    name = name.strip().lower()
    name = _ENCODING_SUPERSETS.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _check_not_binary(text: str, source: str) -> None:
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f\v")
    if controls > max(2, len(text) // 100):
        raise DocumentError(source, f"binary file ({controls} control characters), "
                                    "not text or HTML")


def _utf8_error(data: bytes) -> UnicodeDecodeError | None:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as e:
        return e
    return None


def _mostly_utf8(data: bytes) -> bool:
    """UTF-8 with a few broken bytes, as opposed to another encoding altogether."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = sum(1 for ch in text if ord(ch) > 127 and ch != "\ufffd")
    return good >= 8 and bad * 50 <= good


def decode(data: bytes, source: str, declared: str | None = None) -> tuple[str, str]:
    """Bytes to (text, encoding): a BOM first, then a declared charset, UTF-8, then detection.

    Detection (charset-normalizer) covers GB18030/GBK, Big5 and UTF-16 without a BOM. Text that is
    UTF-8 except for a few broken bytes is refused rather than guessed at: evidence must be exact.
    """
    if not data.strip():
        raise DocumentError(source, "empty file")
    for signature, kind in _BINARY_SIGNATURES.items():
        if data.startswith(signature):
            raise DocumentError(source, f"binary file ({kind}), not text or HTML")
    if data.startswith(b"\xef\xbb\xbf"):
        if err := _utf8_error(data[3:]):
            raise DocumentError(source, f"invalid UTF-8 at byte {err.start + 3} (file starts with "
                                        "a UTF-8 byte order mark)")
        return data[3:].decode("utf-8"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as e:
            raise DocumentError(source, f"invalid UTF-16 at byte {e.start}") from None
        _check_not_binary(text, source)
        return text, "utf-16"
    if declared and (codec := _python_codec(declared)):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            pass  # pages lie about their charset often enough; fall through to detection
        else:
            _check_not_binary(text, source)
            return text, codec
    err = _utf8_error(data)
    if err is None:
        text = data.decode("utf-8")
        _check_not_binary(text, source)
        return text, "utf-8"
    if _mostly_utf8(data):
        raise DocumentError(source, f"invalid UTF-8 at byte {err.start} (the rest is UTF-8; "
                                    "the file is damaged or mixes encodings)")
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        if b"\x00" in data[:4096]:
            raise DocumentError(source, "binary file (contains NUL bytes), not text or HTML")
        raise DocumentError(source, "not text in any encoding diplograph recognises")
    text = str(best)
    if "\x00" in text and not best.encoding.startswith("utf_16"):
        raise DocumentError(source, "binary file (contains NUL bytes), not text or HTML")
    _check_not_binary(text, source)
    return text, best.encoding


# ---- text and HTML -------------------------------------------------------------------------
def parse_header(text: str) -> tuple[str | None, str | None, str | None, str]:
    """Split the header saved articles often carry (title, date, source lines) from the body.

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
    published = (year + (f"-{int(month):02d}" if month else "")
                 + (f"-{int(day):02d}" if month and day else ""))
    body_from = date_i + 1
    source_url = None
    url = _URL.search(lines[date_i])
    if len(nonblank) > 2 and re.match(r"\s*(来源|來源|Source|\[来源)", lines[nonblank[2]]):
        url = _URL.search(lines[nonblank[2]]) or url
        body_from = nonblank[2] + 1
    if url:
        source_url = url.group(0).rstrip(".,;")
    title = lines[title_i].strip()
    # the body keeps its place in the file so that offsets stay meaningful against the original
    body = "\n" * body_from + "\n".join(lines[body_from:])
    return title, published, source_url, body


def read_text_document(data: bytes, source: str, declared: str | None = None) -> Document:
    text, encoding = decode(data, source, declared)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise DocumentError(source, "empty file (only white space)")
    title, published, source_url, body = parse_header(text)
    if not body.strip():
        raise DocumentError(source, "no article text after the title and date lines")
    return Document(source=source, text=body, title=title, published=published,
                    source_url=source_url, content_hash=content_hash(data), encoding=encoding)


def _extract_html(html: str, source: str):
    import trafilatura

    try:
        # precision first so menus and footers stay out; recall only when precision finds nothing
        for options in ({"favor_precision": True}, {}, {"favor_recall": True}):
            result = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                                 **options)
            if result is not None and (result.text or "").strip():
                return result
    except Exception as e:  # lxml and trafilatura raise assorted errors on broken markup
        raise DocumentError(source, f"malformed HTML ({type(e).__name__}: {e})") from None
    return None


def _reads_as_text(text: str) -> bool:
    """Whether extracted text is words rather than leftovers of broken markup ("<<>>")."""
    visible = [ch for ch in text if not ch.isspace()]
    words = sum(1 for ch in visible if unicodedata.category(ch)[0] in "LN")
    return words > 0 and words * 2 >= len(visible)


def read_html_document(data: bytes, source: str, declared: str | None = None) -> Document:
    if declared is None and (m := _META_CHARSET.search(data[:4096])):
        declared = m.group(1).decode("ascii", "replace")
    html, encoding = decode(data, source, declared)
    if "<" not in html:
        raise DocumentError(source, "malformed HTML (no markup at all; save it as .txt)")
    result = _extract_html(html, source)
    text = unicodedata.normalize("NFC", result.text.strip()).replace("\r\n", "\n") if result else ""
    if not _reads_as_text(text):
        raise DocumentError(source, "malformed HTML or no readable main text in the page")
    url = result.url if result.url and result.url.startswith(("http://", "https://")) else None
    if url is None and source.startswith(("http://", "https://")):
        url = source
    return Document(source=source, text=text, title=result.title or None,
                    published=result.date or None, source_url=url,
                    content_hash=content_hash(data), encoding=encoding)


# ---- where documents come from -------------------------------------------------------------
def is_url(source: str | Path) -> bool:
    return isinstance(source, str) and source.startswith(("http://", "https://"))


def fetch(url: str, settings: Settings = Settings()) -> tuple[bytes, str, str | None, str]:
    """GET `url`: (body, media type, declared charset, final URL after redirects)."""
    request = urllib.request.Request(url, headers={
        "User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9"})
    limit = settings.max_document_bytes
    timed_out = f"no answer within {settings.fetch_timeout:g} s (timed out)"
    try:
        with urllib.request.urlopen(request, timeout=settings.fetch_timeout) as response:
            data = response.read(limit + 1)
            media_type = response.headers.get_content_type()
            charset = response.headers.get_content_charset()
            final_url = response.geturl()
    except urllib.error.HTTPError as e:
        raise DocumentError(url, f"HTTP {e.code} {e.reason}") from None
    except TimeoutError:
        raise DocumentError(url, timed_out) from None
    except urllib.error.URLError as e:
        reason = e.reason
        if isinstance(reason, TimeoutError):
            raise DocumentError(url, timed_out) from None
        reason = getattr(reason, "strerror", None) or reason
        raise DocumentError(url, f"cannot fetch: {reason}") from None
    except (OSError, ValueError) as e:
        raise DocumentError(url, f"cannot fetch: {e}") from None
    if len(data) > limit:
        raise DocumentError(url, f"more than {limit:,} bytes, above the limit (--max-bytes)")
    return data, media_type, charset, final_url


def read_url(url: str, settings: Settings = Settings()) -> Document:
    data, media_type, charset, _ = fetch(url, settings)
    if media_type in ("text/html", "application/xhtml+xml"):
        return read_html_document(data, url, charset)
    if media_type == "text/plain":
        return read_text_document(data, url, charset)
    if data.lstrip()[:1] == b"<" and media_type in ("application/octet-stream", "text/xml"):
        return read_html_document(data, url, charset)
    raise DocumentError(url, f"not text or HTML (the server says {media_type})")


def read_document(source: Path | str, settings: Settings = Settings()) -> Document:
    """Read one .txt or .html file, or fetch one http(s) URL."""
    if is_url(source):
        return read_url(str(source), settings)
    path = Path(source)
    if not path.exists():
        raise DocumentError(str(path), "no such file or folder")
    if path.is_dir():
        raise DocumentError(str(path), "is a folder, not a document")
    size = path.stat().st_size
    if size > settings.max_document_bytes:
        raise DocumentError(str(path), f"{size:,} bytes, above the limit of "
                                       f"{settings.max_document_bytes:,} bytes (--max-bytes)")
    try:
        data = path.read_bytes()
    except OSError as e:
        raise DocumentError(str(path), f"cannot read: {e.strerror or e}") from None
    uri = path.resolve().as_uri()
    read = read_html_document if path.suffix.lower() in HTML_SUFFIXES else read_text_document
    try:
        return read(data, uri)
    except DocumentError as e:
        # name the file as the user gave it, not by its file:// URI
        raise DocumentError(str(path), e.problem) from None


def read_source_list(list_file: str | Path) -> list[str]:
    """The paths and URLs listed in a file, one per line; '#' starts a comment.

    Relative paths are taken from the list file's folder, so a list travels with its corpus.
    """
    path = Path(list_file)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise DocumentError(str(path), "no such list file") from None
    except OSError as e:
        raise DocumentError(str(path), f"cannot read the list: {e.strerror or e}") from None
    text, _ = decode(data, str(path)) if data.strip() else ("", "utf-8")
    sources = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip() if not is_url(line.strip()) else line.strip()
        if not line:
            continue
        if is_url(line) or Path(line).is_absolute():
            sources.append(line)
        else:
            sources.append(str(path.parent / line))
    return sources


def _walk(folder: Path) -> Iterator[Path]:
    # os.walk does not follow symbolic links to folders, so a link loop cannot trap it
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and Path(name).suffix.lower() in READABLE_SUFFIXES:
                yield Path(root) / name


def find_documents(sources: Iterable[str | Path], list_file: str | Path | None = None
                   ) -> Iterator[Path | str]:
    """Every document under the given files, folders and URLs (and those a list file names),
    once each, in a stable order. Missing paths are yielded too, so they are reported as skipped."""
    given = list(sources)
    if list_file is not None:
        given += read_source_list(list_file)
    seen: set[str] = set()
    for source in given:
        if is_url(source):
            items: Iterable[Path | str] = [str(source)]
        else:
            path = Path(source)
            items = _walk(path) if path.is_dir() else [path]
        for item in items:
            key = item if isinstance(item, str) else str(Path(item).resolve())
            if key not in seen:
                seen.add(key)
                yield item
