"""Bad option values are refused by the parser, naming the option, before any store is opened."""

from __future__ import annotations

import pytest

from diplograph.cli import make_parser

BAD = [
    (["viz", "--store", "s", "--out", "p.html", "--hops", "-1"], "--hops", "negative"),
    (["viz", "--store", "s", "--out", "p.html", "--cap", "0"], "--cap", "positive"),
    (["viz", "--store", "s", "--out", "p.html", "--from", "twenty"], "--from", "whole number"),
    (["viz", "--store", "s", "--out", "p.html", "--to", "123456"], "--to", "not a year"),
    (["report", "--store", "s", "--subject", "EG", "--out", "r.md", "--from", "2025-13-01"],
     "--from", "YYYY-MM-DD"),
    (["report", "--store", "s", "--subject", "EG", "--out", "r.md", "--to", "31/12/2025"],
     "--to", "YYYY-MM-DD"),
    (["serve", "--store", "s", "--port", "70000"], "--port", "0-65535"),
    (["serve", "--store", "s", "--timeout", "0"], "--timeout", "positive number of seconds"),
    (["serve", "--store", "s", "--timeout", "nan"], "--timeout", "positive number of seconds"),
    (["serve", "--store", "s", "--max-rows", "-5"], "--max-rows", "positive"),
    (["build", "x.txt", "--out", "s", "--max-bytes", "lots"], "--max-bytes", "whole number"),
    (["validate", "--store", "s", "--limit", "-2"], "--limit", "negative"),
]


@pytest.mark.parametrize("argv, option, words", BAD, ids=[" ".join(b[0][:1] + [b[1]]) for b in BAD])
def test_a_bad_value_is_refused_with_the_option_named(argv, option, words, capsys):
    with pytest.raises(SystemExit) as exit_info:
        make_parser().parse_args(argv)
    assert exit_info.value.code == 2
    message = capsys.readouterr().err
    assert option in message and words in message


def test_good_values_pass_through_unchanged():
    args = make_parser().parse_args(["report", "--store", "s", "--subject", "EG", "--out", "r.md",
                                     "--from", "2025-01-01", "--to", "2025-12-31"])
    assert (args.start, args.end) == ("2025-01-01", "2025-12-31")
    args = make_parser().parse_args(["viz", "--store", "s", "--out", "p.html", "--hops", "0",
                                     "--from", "2017", "--cap", "10"])
    assert (args.hops, args.year_from, args.cap) == (0, 2017, 10)
    assert make_parser().parse_args(["serve", "--store", "s", "--port", "0"]).port == 0
