# SPDX-License-Identifier: Apache-2.0
"""notebooks/export.sh turns every notebook into standalone HTML (no script: math typeset to SVG) and PDF (A4 by
default, Letter on request) that contain its outputs."""
import html as html_module
import pathlib
import re
import subprocess

import nbformat

ROOT = pathlib.Path(__file__).resolve().parents[4]
# Page.printToPDF's paper in points: A4 8.27 x 11.69 in, Letter 8.5 x 11 in
A4, LETTER = (595.4, 841.7), (612.0, 792.0)


def page_sizes(pdf):
    return {(round(float(w), 1), round(float(h), 1)) for w, h in re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", pdf)}


def close(sizes, paper):
    return sizes and all(abs(w - paper[0]) < 1.5 and abs(h - paper[1]) < 1.5 for w, h in sizes)


def test_every_notebook_exports_with_its_outputs(tmp_path):
    subprocess.run(["bash", str(ROOT / "notebooks" / "export.sh"), str(tmp_path)], check=True, timeout=900)
    for nb_path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        stem = nb_path.stem
        html = (tmp_path / (stem + ".html")).read_text()
        text = html_module.unescape(re.sub(r"<[^>]+>", "", html))
        pdf = (tmp_path / (stem + ".pdf")).read_bytes()
        assert pdf.startswith(b"%PDF") and len(re.findall(rb"/Type\s*/Page\b", pdf)) >= 1, stem
        assert close(page_sizes(pdf), A4), "%s: pages %s are not A4" % (stem, page_sizes(pdf))
        # no script but the stepper's own inline ones (its buttons), and nothing loaded from anywhere
        outside = re.sub(r'<div class="gradbook-stepper".*?</script>\s*</div>', "", html, flags=re.S)
        assert "<script" not in outside, "%s: the hand-out carries a script" % stem
        assert not re.search(r'<script[^>]* src=', html), "%s: a script loads from somewhere" % stem
        nb = nbformat.read(nb_path, as_version=4)
        if any("$" in c.source for c in nb.cells if c.cell_type == "markdown"):
            assert "MathJax_SVG" in html and "\\frac" not in text.split("</style>")[-1], "%s: math not typeset" % stem
        pictures = 0
        for cell in nb.cells:
            for out in cell.get("outputs", []):
                data = out.get("data", {})
                if out["output_type"] == "stream":
                    want = out["text"].strip().splitlines()[0]
                elif "image/svg+xml" in data:
                    pictures += 1
                    continue
                elif "text/html" in data and "gradbook-stepper" in data["text/html"]:
                    want = data["text/plain"].splitlines()[0].split("): ")[0] + ")"  # the stepper's title names the pass
                elif "text/html" in data and "gradbook-tensor" in data["text/html"]:
                    want = data["text/plain"].splitlines()[0]  # the card shows PyTorch's text
                elif "text/html" in data and "gradbook-node" in data["text/html"]:
                    want = re.match(r"<([\w.]+) at ", data["text/plain"]).group(1).split(".")[-1]  # the node card names the node
                elif data:
                    want = data.get("text/plain", "").strip().splitlines()[0] if data.get("text/plain") else ""
                else:
                    want = out.get("evalue", "")
                assert want in text, "%s: output %r missing from the HTML" % (stem, want)
        # every picture sent as SVG (graphs and plots) is in the hand-out
        svgs = html.count('<svg xmlns="http://www.w3.org/2000/svg" class="gradbook-graph"') + html.count('<svg xmlns="http://www.w3.org/2000/svg" class="gradbook-plot"')
        steppers = sum(1 for c in nb.cells for o in c.get("outputs", []) if "gradbook-stepper" in o.get("data", {}).get("text/html", ""))
        assert svgs == pictures + steppers, "%s: pictures stripped" % stem
        if pictures:
            assert "<rect" in html and "AccumulateGrad" in html, stem


def test_letter_paper(tmp_path):
    subprocess.run(["/usr/bin/python3", str(ROOT / "notebooks" / "export.py"), "--out", str(tmp_path), "--paper", "letter",
                    str(ROOT / "notebooks" / "000-autograd-basics.ipynb")], check=True, timeout=300)
    pdf = (tmp_path / "000-autograd-basics.pdf").read_bytes()
    assert close(page_sizes(pdf), LETTER), page_sizes(pdf)
