"""The direction of imports: extraction must stay free of RDF libraries."""

import subprocess
import sys


def test_extraction_does_not_import_rdflib():
    code = ("import sys, diplograph.extract as e; e.extract_text('省长张三会见德国总理朔尔茨。'); "
            "print('rdflib' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
