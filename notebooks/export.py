# SPDX-License-Identifier: Apache-2.0
"""Hand-outs of the course notebooks with their stored outputs: standalone HTML (no script, no network, no
Jupyter: math is typeset to SVG while exporting) and PDF (A4 or Letter, long code lines wrapped, a picture kept
with its cell), both through headless Chromium driven by Selenium.

    /usr/bin/python3 notebooks/export.py [--paper a4|letter] [--out DIR] [NOTEBOOK.ipynb ...]
"""
import argparse
import base64
import os
import pathlib
import re
import shutil
import sys
import tempfile
import time

from nbconvert import HTMLExporter

HERE = pathlib.Path(__file__).resolve().parent
MATHJAX_DIRS = ["/usr/share/javascript/mathjax", "/usr/share/mathjax", "/usr/lib/node_modules/mathjax"]
PAPER = {"a4": (8.27, 11.69), "letter": (8.5, 11.0)}  # inches, as Page.printToPDF takes them

# Printing: long code lines wrap instead of running off the page; a code cell, its picture, a card stay together.
PRINT_CSS = """
<style id="gradbook-print">
@media print {
  .jp-InputArea-editor pre, .highlight pre, .jp-OutputArea-output pre, .jp-RenderedText pre {
    white-space: pre-wrap !important; overflow-wrap: anywhere; word-break: break-word; }
  .jp-CodeCell, .jp-OutputArea-child, .jp-RenderedSVG, .gradbook-tensor, svg { break-inside: avoid; page-break-inside: avoid; }
  .jp-CodeCell .jp-InputArea { break-after: avoid; page-break-after: avoid; }
  .jp-RenderedSVG svg { max-width: 100% !important; height: auto !important; }
  body { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
</style>
"""


def mathjax_url():
    for d in [os.environ.get("GRADBOOK_MATHJAX", "")] + MATHJAX_DIRS:
        if d and (pathlib.Path(d) / "MathJax.js").is_file():
            return pathlib.Path(d).resolve().as_uri() + "/MathJax.js?config=TeX-AMS_SVG"
    sys.exit("export: MathJax 2 not found (Debian: apt-get install libjs-mathjax; or set GRADBOOK_MATHJAX=DIR)")


def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    opts = webdriver.ChromeOptions()
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--allow-file-access-from-files",
              "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"):
        opts.add_argument(a)
    chrome = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if chrome:
        opts.binary_location = chrome
    driver_path = shutil.which("chromedriver")
    return webdriver.Chrome(service=Service(driver_path) if driver_path else Service(), options=opts)


def standalone(driver, draft):
    """The page after MathJax has typeset it, with every script and MathJax's leftovers removed, except the inline
    script of a backward stepper (stepBackward), which is self-contained and is what makes its buttons work."""
    driver.get(draft.as_uri())
    deadline = time.time() + 60
    while driver.execute_script("return document.documentElement.getAttribute('data-math-done')") != "1":
        if time.time() > deadline:
            raise RuntimeError("MathJax did not finish typesetting " + draft.name)
        time.sleep(0.1)
    driver.execute_script("""
        document.querySelectorAll('script, #MathJax_Message, .MathJax_Preview, #MathJax_Font_Test')
            .forEach(e => { if (!(e.tagName === 'SCRIPT' && e.closest('.gradbook-stepper'))) e.remove(); });
        document.documentElement.removeAttribute('data-math-done');""")
    page = "<!DOCTYPE html>\n" + driver.execute_script("return document.documentElement.outerHTML")
    return page.replace("</head>", PRINT_CSS + "</head>", 1)


def export(paths, out, paper):
    out.mkdir(parents=True, exist_ok=True)
    exporter = HTMLExporter(template_name="lab", template_file=str(HERE / "export.html.j2"), mathjax_url=mathjax_url())
    width, height = PAPER[paper]
    driver = browser()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for nb in paths:
                body, _ = exporter.from_filename(str(nb))
                draft = pathlib.Path(tmp) / (nb.stem + ".html")
                draft.write_text(body, encoding="utf-8")
                html = out / (nb.stem + ".html")
                html.write_text(standalone(driver, draft), encoding="utf-8")
                driver.get(html.as_uri())
                pdf = driver.execute_cdp_cmd("Page.printToPDF", {
                    "paperWidth": width, "paperHeight": height, "marginTop": 0.5, "marginBottom": 0.5,
                    "marginLeft": 0.5, "marginRight": 0.5, "printBackground": True, "displayHeaderFooter": False})
                (out / (nb.stem + ".pdf")).write_bytes(base64.b64decode(pdf["data"]))
                print("exported %s: %s, %s (%s)" % (nb.stem, html, out / (nb.stem + ".pdf"), paper.upper()))
    finally:
        driver.quit()


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--paper", choices=sorted(PAPER), default="a4")
    ap.add_argument("--out", default=str(HERE / "export"))
    ap.add_argument("notebooks", nargs="*")
    args = ap.parse_args()
    paths = [pathlib.Path(p).resolve() for p in args.notebooks] or sorted(HERE.glob("*.ipynb"))
    export(paths, pathlib.Path(args.out).resolve(), args.paper)


if __name__ == "__main__":
    main()
