"""Chinese in figures: matplotlib is given a CJK font once, and a Chinese label really renders
(distinct glyphs, not the missing-glyph box)."""

from __future__ import annotations

import numpy as np
import pytest

from diplograph.report import _figure, configure_fonts


def _render(text: str, family: str) -> np.ndarray:
    fig = _figure(1.2, 0.6)
    fig.text(0.05, 0.2, text, fontsize=28, family=family)
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    pixels = np.asarray(canvas.buffer_rgba())[..., :3].min(axis=2)
    return pixels < 128  # ink


@pytest.fixture(scope="module")
def family():
    found = configure_fonts()
    if found is None:
        pytest.fail("no CJK font for matplotlib: install Debian's fonts-noto-cjk (.ci/run does)")
    return found


def test_the_configured_font_has_the_glyphs_of_the_reports(family):
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    path = font_manager.findfont(font_manager.FontProperties(family=family),
                                 fallback_to_default=False)
    font = FT2Font(path)
    for ch in "埃及湖南省会见来访出访协议":
        assert font.get_char_index(ord(ch)) != 0, f"{path} has no glyph for {ch}"
    import matplotlib

    assert matplotlib.rcParams["font.sans-serif"][0] == family


def test_a_chinese_label_is_not_the_missing_glyph_box(family):
    with pytest.warns(UserWarning, match="missing from font"):
        box = _render("\U000F0000", family)  # a private-use code point no font draws: the box
    ai, ji = _render("埃", family), _render("及", family)
    assert box.any() and ai.any() and ji.any()
    # two different characters drawn as boxes would be pixel-identical; real glyphs are not
    assert not np.array_equal(ai, ji)
    assert not np.array_equal(ai, box) and not np.array_equal(ji, box)


def test_configuring_twice_changes_nothing(family):
    import matplotlib

    before = list(matplotlib.rcParams["font.sans-serif"])
    assert configure_fonts() == family
    assert matplotlib.rcParams["font.sans-serif"] == before
