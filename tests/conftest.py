"""Shared fixtures: where the project and the shared sample corpus are, and stores built from them."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
ZH_CORPUS = SHARED / "corpus" / "zh"
ZH_GOLD = SHARED / "eval" / "gold" / "zh"
SCORER = SHARED / "eval" / "score.py"
EXAMPLES = REPO / "examples"

needs_shared = pytest.mark.skipif(not ZH_CORPUS.is_dir(), reason="../shared/corpus is not beside this checkout")


@pytest.fixture(scope="session")
def examples_store(tmp_path_factory) -> Path:
    """A store built from the bundled examples, once per test session."""
    from diplograph.build import build
    from diplograph.settings import Settings

    out = tmp_path_factory.mktemp("examples-store")
    build([EXAMPLES], out, Settings(quiet=True))
    return out


@pytest.fixture(scope="session")
def zh_store(tmp_path_factory) -> Path:
    """A store built from the shared Chinese sample corpus (skipped when it is absent)."""
    if not ZH_CORPUS.is_dir():
        pytest.skip("../shared/corpus/zh is not beside this checkout")
    from diplograph.build import build
    from diplograph.settings import Settings

    out = tmp_path_factory.mktemp("zh-store")
    build([ZH_CORPUS], out, Settings(quiet=True))
    return out
