"""Bad input gives one line naming the file and the problem; the exit status is non-zero only when
nothing useful was done."""

from __future__ import annotations

import http.server
import re
import threading
from pathlib import Path

import pytest

from diplograph.cli import main
from diplograph.resources import data_dir
from diplograph.store import open_store

# reading is what is tested here, not the reasoner or SHACL
QUICK = ["--quiet", "--no-reason", "--no-validate"]
GOOD = data_dir("examples") / "2023-04-08_guangdong_macron_guangzhou.txt"


def build_alone(bad: str | Path, out: Path, capsys, *extra: str) -> tuple[int, list[str]]:
    """Build from one bad source; return the exit status and the stderr lines that are not progress."""
    status = main(["build", str(bad), "--out", str(out), *QUICK, *extra])
    err = [line for line in capsys.readouterr().err.splitlines() if line.strip()]
    return status, err


def assert_one_line_error(status: int, err: list[str], name: str, problem: str) -> None:
    assert status != 0
    assert len(err) == 1, err
    assert name in err[0] and problem in err[0], err[0]


def test_empty_file(tmp_path, capsys):
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    status, err = build_alone(bad, tmp_path / "out", capsys)
    assert_one_line_error(status, err, str(bad), "empty file")


def test_white_space_only_file(tmp_path, capsys):
    bad = tmp_path / "blank.txt"
    bad.write_text(" \n\t\n", encoding="utf-8")
    status, err = build_alone(bad, tmp_path / "out", capsys)
    assert_one_line_error(status, err, str(bad), "empty file")


def test_binary_file(tmp_path, capsys):
    bad = tmp_path / "photo.txt"
    bad.write_bytes(bytes(range(256)) * 40)
    status, err = build_alone(bad, tmp_path / "out", capsys)
    assert_one_line_error(status, err, str(bad), "binary file")


def test_pdf_named_as_html(tmp_path, capsys):
    bad = tmp_path / "report.html"
    bad.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n")
    status, err = build_alone(bad, tmp_path / "out", capsys)
    assert_one_line_error(status, err, str(bad), "binary file (a PDF document)")


def test_file_above_the_size_limit(tmp_path, capsys):
    bad = tmp_path / "long.txt"
    bad.write_bytes(GOOD.read_bytes() * 4)
    status, err = build_alone(bad, tmp_path / "out", capsys, "--max-bytes", "2000")
    assert_one_line_error(status, err, str(bad), "above the limit of 2,000 bytes (--max-bytes)")
    # under a larger limit the same file is read
    assert main(["build", str(bad), "--out", str(tmp_path / "out"), *QUICK]) == 0


def test_malformed_html(tmp_path, capsys):
    bad = tmp_path / "broken.html"
    bad.write_text("<html><<body <div =\"x\"><//p></scr ipt><<<>>>", encoding="utf-8")
    status, err = build_alone(bad, tmp_path / "out", capsys)
    assert_one_line_error(status, err, str(bad), "malformed HTML")


def test_malformed_html_that_still_holds_text_is_read(tmp_path, capsys):
    page = tmp_path / "unclosed.html"
    page.write_text("<html><body><div><p>6月13日，国务院总理李强在惠灵顿同新西兰总理拉克森举行会谈。"
                    "<div><b>双方签署了多项合作文件<i>涉及贸易、科技、教育等领域。</p></body",
                    encoding="utf-8")
    assert main(["build", str(page), "--out", str(tmp_path / "out"), *QUICK]) == 0
    assert re.search(r"^documents read +1$", capsys.readouterr().out, re.MULTILINE)


def test_invalid_utf8(tmp_path, capsys):
    data = GOOD.read_bytes()
    bad = tmp_path / "damaged.txt"
    # cut one three-byte character in half in the middle of the file
    cut = data.index("中山大学".encode()) + 1
    bad.write_bytes(data[:cut] + data[cut + 1:])
    status, err = build_alone(bad, tmp_path / "out", capsys)
    assert_one_line_error(status, err, str(bad), f"invalid UTF-8 at byte {cut - 1}")


def test_path_that_does_not_exist(tmp_path, capsys):
    missing = tmp_path / "nowhere" / "article.txt"
    status, err = build_alone(missing, tmp_path / "out", capsys)
    assert_one_line_error(status, err, str(missing), "no such file or folder")
    assert not (tmp_path / "out").exists(), "nothing to read: the store is not even created"


def test_missing_path_beside_good_ones_is_skipped_and_the_rest_built(tmp_path, capsys):
    missing = tmp_path / "missing.txt"
    status = main(["build", str(GOOD), str(missing), "--out", str(tmp_path / "out"), *QUICK])
    captured = capsys.readouterr()
    assert status == 0, "something useful was done"
    assert f"skipped {missing}: no such file or folder" in captured.err.splitlines()
    assert str(missing) in captured.out and "no such file or folder" in captured.out
    with open_store(tmp_path / "out") as store:
        assert len([g for g in store.graph_names() if "/graph/document/" in g]) == 1


class _SlowOrMissing(http.server.BaseHTTPRequestHandler):
    release = threading.Event()

    def do_GET(self):
        if self.path == "/slow.html":
            self.release.wait(10)  # longer than the client's timeout; released when the test ends
            return
        self.send_error(404, "Not Found")

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _SlowOrMissing)
    httpd.daemon_threads = True
    _SlowOrMissing.release.clear()
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    _SlowOrMissing.release.set()
    httpd.shutdown()
    httpd.server_close()


def test_url_that_answers_404(tmp_path, capsys, server):
    url = f"{server}/gone.html"
    status, err = build_alone(url, tmp_path / "out", capsys)
    assert_one_line_error(status, err, url, "HTTP 404 Not Found")


def test_url_that_times_out(tmp_path, capsys, server):
    url = f"{server}/slow.html"
    status, err = build_alone(url, tmp_path / "out", capsys, "--timeout", "0.5")
    assert_one_line_error(status, err, url, "no answer within 0.5 s (timed out)")


def test_store_folder_that_is_not_a_store(tmp_path, capsys):
    folder = tmp_path / "my-documents"
    folder.mkdir()
    (folder / "notes.txt").write_text("not a store", encoding="utf-8")
    for argv in (["facts", "--store", str(folder)], ["remove", "x.txt", "--store", str(folder)],
                 ["build", str(GOOD), "--out", str(folder), *QUICK]):
        status = main(argv)
        err = capsys.readouterr().err.strip().splitlines()
        assert status == 2
        assert len(err) == 1 and str(folder) in err[0] and "not a diplograph store" in err[0], err
    assert sorted(p.name for p in folder.iterdir()) == ["notes.txt"], "the folder was left alone"
