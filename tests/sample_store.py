"""The sample corpus built into a store once per test module (imported by the SPARQL tests)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ZH_CORPUS as CORPUS



def build_sample(folder: Path) -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"the sample corpus {CORPUS} is absent (../shared is not beside the checkout)")
    from diplograph.build import build
    from diplograph.settings import Settings

    build([CORPUS], folder, Settings(quiet=True))
    return folder
