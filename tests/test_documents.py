"""Reading documents: encodings, Traditional characters, HTML, URLs, folders and list files."""

from __future__ import annotations

import http.server
import threading
from typing import ClassVar

import pytest

from diplograph.documents import (
    Document,
    find_documents,
    read_document,
    read_source_list,
    to_simplified,
)
from diplograph.errors import DocumentError
from diplograph.resources import data_dir

ARTICLE = """李强会见新西兰总理
2024-06-14
来源: 示例

6月13日，国务院总理李强在惠灵顿同新西兰总理拉克森举行会谈。双方签署了多项合作文件，涉及贸易、科技、教育等领域。
"""
# the same article in Traditional characters, as a Taiwan or Hong Kong page would print it
ARTICLE_TRADITIONAL = """李強會見新西蘭總理
2024-06-14
來源: 示例

6月13日，國務院總理李強在惠靈頓同新西蘭總理拉克森舉行會談。雙方簽署了多項合作文件，涉及貿易、科技、教育等領域。
"""

HTML_PAGE = """<!DOCTYPE html>
<html><head><meta charset="{charset}"><title>法国总统马克龙访问广州_广东省外事办公室</title>
<meta property="og:title" content="法国总统马克龙访问广州">
<meta name="PubDate" content="2023-04-08 10:00">
<link rel="canonical" href="https://www.example.gov.cn/news/2023/0408.html">
</head><body>
<div class="nav"><a href="/">首页</a> | <a href="/a">机构概况</a> | <a href="/b">政务公开</a></div>
<div class="article"><h1>法国总统马克龙访问广州</h1>
<p>4月7日，法国总统埃马纽埃尔·马克龙抵达广州，继续在华国事访问。</p>
<p>广东省委书记黄坤明在广州会见马克龙一行，双方就深化广东同法国的合作交换意见。</p>
</div>
<div class="footer">版权所有：广东省人民政府外事办公室 网站标识码 4400000000 粤ICP备0000号</div>
</body></html>
"""


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16", "utf-16-le",
                                      "utf-16-be"])
def test_simplified_article_reads_the_same_in_every_encoding(tmp_path, encoding):
    path = tmp_path / "article.txt"
    path.write_bytes(ARTICLE.encode(encoding))
    doc = read_document(path)
    assert doc.title == "李强会见新西兰总理"
    assert doc.published == "2024-06-14"
    assert doc.text.strip().startswith("6月13日，国务院总理李强")
    assert "\ufeff" not in doc.text and "\x00" not in doc.text
    assert doc.match_text == doc.text and not doc.is_traditional


@pytest.mark.parametrize("encoding", ["big5", "utf-8", "utf-16"])
def test_traditional_article_is_matched_in_simplified_but_evidence_stays_original(tmp_path, encoding):
    path = tmp_path / "article.txt"
    path.write_bytes(ARTICLE_TRADITIONAL.encode(encoding))
    doc = read_document(path)
    assert doc.title == "李強會見新西蘭總理"
    assert doc.match_title == "李强会见新西兰总理"
    assert doc.is_traditional
    assert len(doc.match_text) == len(doc.text)
    # an offset found in the converted text picks out the original words
    start = doc.match_text.index("国务院总理李强")
    assert doc.text[start:start + 7] == "國務院總理李強"
    assert "会谈" in doc.match_text and "會談" in doc.text


def test_conversion_keeps_length_even_where_phrases_would_change_it():
    samples = ["乾乾淨淨的著作", "於是他們著手準備", "李強同紐西蘭總理會談，簽署《聯合聲明》。", "abc 123",
               "中国外交部发言人表示，着力推进合作。"]
    for text in samples:
        assert len(to_simplified(text)) == len(text)
    # Simplified text is left as it is
    assert to_simplified(samples[-1]) == samples[-1]


def test_document_refuses_a_match_text_of_another_length():
    with pytest.raises(ValueError):
        Document(source="text:", text="李強", match_text="李强会见")


@pytest.mark.parametrize("charset", ["utf-8", "gbk"])
def test_html_gives_main_text_title_date_and_url_without_boilerplate(tmp_path, charset):
    path = tmp_path / "page.html"
    path.write_bytes(HTML_PAGE.format(charset=charset).encode(charset))
    doc = read_document(path)
    assert doc.title == "法国总统马克龙访问广州"
    assert doc.published == "2023-04-08"
    assert doc.source_url == "https://www.example.gov.cn/news/2023/0408.html"
    assert "广东省委书记黄坤明在广州会见马克龙一行" in doc.text
    for boilerplate in ("首页", "机构概况", "版权所有", "ICP"):
        assert boilerplate not in doc.text
    assert doc.source == path.resolve().as_uri()


def test_html_extension_htm_and_uppercase_are_html(tmp_path):
    path = tmp_path / "PAGE.HTM"
    path.write_text(HTML_PAGE.format(charset="utf-8"), encoding="utf-8")
    assert read_document(path).title == "法国总统马克龙访问广州"


def test_folders_are_searched_recursively_in_a_stable_order(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / ".git").mkdir()
    for rel in ["z.txt", "a/y.html", "a/b/x.htm", "a/b/notes.md", ".git/ignored.txt", "a/.hidden.txt"]:
        (tmp_path / rel).write_text(ARTICLE, encoding="utf-8")
    found = [p.relative_to(tmp_path).as_posix() for p in find_documents([tmp_path])]
    # a folder's own files come before its subfolders'; hidden files and other suffixes are left
    assert found == ["z.txt", "a/y.html", "a/b/x.htm"]
    assert found == [p.relative_to(tmp_path).as_posix() for p in find_documents([tmp_path])]
    # a file named twice, directly and through its folder, is read once
    assert len(list(find_documents([tmp_path, tmp_path / "z.txt"]))) == 3


def test_list_file_names_paths_relative_to_itself_and_urls(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "one.txt").write_text(ARTICLE, encoding="utf-8")
    (corpus / "sub").mkdir()
    (corpus / "sub" / "two.txt").write_text(ARTICLE, encoding="utf-8")
    listing = corpus / "sources.txt"
    listing.write_text("# my corpus\none.txt\n\nsub   # a folder\nhttp://127.0.0.1:9/a.html\n",
                       encoding="utf-8")
    assert read_source_list(listing) == [str(corpus / "one.txt"), str(corpus / "sub"),
                                         "http://127.0.0.1:9/a.html"]
    found = list(find_documents([], list_file=listing))
    assert found == [corpus / "one.txt", corpus / "sub" / "two.txt", "http://127.0.0.1:9/a.html"]
    with pytest.raises(DocumentError, match="no such list file"):
        list(find_documents([], list_file=tmp_path / "missing.txt"))


def test_examples_all_read_with_their_headers():
    for path in sorted(data_dir("examples").glob("*.txt")):
        doc = read_document(path)
        assert doc.title and doc.published and doc.published[:4] == path.name[:4]
        assert doc.encoding == "utf-8" and len(doc.content_hash) == 64


# ---- URLs, served from loopback --------------------------------------------------------------
class _Handler(http.server.BaseHTTPRequestHandler):
    pages: ClassVar[dict[str, tuple[str, bytes]]] = {
        "/gbk.html": ("text/html; charset=GBK", HTML_PAGE.format(charset="gbk").encode("gbk")),
        "/plain.txt": ("text/plain; charset=utf-8", ARTICLE.encode("utf-8")),
        "/big5.txt": ("text/plain", ARTICLE_TRADITIONAL.encode("big5")),
        "/image.png": ("image/png", b"\x89PNG\r\n\x1a\n" + bytes(64)),
    }
    seen_agents: ClassVar[list[str]] = []

    def do_GET(self):
        self.seen_agents.append(self.headers.get("User-Agent", ""))
        if self.path not in self.pages:
            self.send_error(404, "Not Found")
            return
        ctype, body = self.pages[self.path]
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_url_is_fetched_with_a_user_agent_and_its_declared_charset(server):
    doc = read_document(f"{server}/gbk.html")
    assert doc.source == f"{server}/gbk.html"
    assert doc.title == "法国总统马克龙访问广州" and "黄坤明" in doc.text
    assert doc.encoding == "gb18030"
    assert _Handler.seen_agents[-1].startswith("diplograph/")


def test_plain_text_urls_and_big5_without_charset(server):
    assert read_document(f"{server}/plain.txt").title == "李强会见新西兰总理"
    doc = read_document(f"{server}/big5.txt")
    assert doc.title == "李強會見新西蘭總理" and doc.match_title == "李强会见新西兰总理"


def test_url_that_is_not_text(server):
    with pytest.raises(DocumentError, match="image.png: .*not text or HTML"):
        read_document(f"{server}/image.png")


def test_traditional_renderings_of_the_examples_convert_back_exactly(tmp_path):
    """What the rules read from a Traditional article is the Simplified article, character for
    character, so they find the same facts; the evidence still quotes the Traditional text."""
    from opencc import OpenCC

    to_traditional = OpenCC("s2t").convert
    for path in sorted(data_dir("examples").glob("*.txt")):
        simplified = read_document(path)
        traditional_path = tmp_path / path.name
        traditional_path.write_text(to_traditional(path.read_text(encoding="utf-8")),
                                    encoding="utf-8")
        traditional = read_document(traditional_path)
        assert traditional.is_traditional and traditional.text != simplified.text
        assert traditional.match_text == simplified.text
        assert traditional.match_title == simplified.title
