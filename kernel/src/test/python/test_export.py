# SPDX-License-Identifier: Apache-2.0
"""notebooks/export.sh turns every notebook into standalone HTML and PDF that contain its outputs."""
import html as html_module
import pathlib
import re
import subprocess

import nbformat

ROOT = pathlib.Path(__file__).resolve().parents[4]


def test_every_notebook_exports_with_its_outputs(tmp_path):
    subprocess.run(["bash", str(ROOT / "notebooks" / "export.sh"), str(tmp_path)], check=True, timeout=600)
    for nb_path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        stem = nb_path.stem
        html = (tmp_path / (stem + ".html")).read_text()
        pdf = (tmp_path / (stem + ".pdf")).read_bytes()
        assert pdf.startswith(b"%PDF") and len(re.findall(rb"/Type\s*/Page\b", pdf)) >= 1, stem
        nb = nbformat.read(nb_path, as_version=4)
        for cell in nb.cells:
            for out in cell.get("outputs", []):
                if out["output_type"] == "stream":
                    text = out["text"].strip().splitlines()[0]
                elif "data" in out and "text/html" in out["data"]:
                    # rich outputs (tensor cards, graph pictures) are embedded as they are, SVG included
                    assert out["data"]["text/html"][:200] in html, "%s: rich output missing from the HTML" % stem
                    if "image/svg+xml" in out["data"]:
                        assert "<rect" in html and "AccumulateGrad" in html, "%s: graph picture stripped from the HTML" % stem
                    continue
                elif "data" in out:
                    text = out["data"].get("text/plain", "").strip().splitlines()[0] if out["data"].get("text/plain") else ""
                else:
                    text = out.get("evalue", "")
                assert text in html_module.unescape(html), "%s: output %r missing from the HTML" % (stem, text)
