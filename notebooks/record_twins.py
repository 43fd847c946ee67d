# SPDX-License-Identifier: Apache-2.0
"""Records what PyTorch prints for the Python twins of the course cells past the seeds (course.twin): builds a
Python notebook of the twins, executes it on ipykernel + PyTorch 1.13 (Debian python3-torch), and stores each
cell's stdout, stderr, value and error in notebooks/twins/STEM.expect.json, the same fields as the seed
reference (testdata/reference/ref-00N.expect.json). test_notebooks.py compares the Java cells with them.

    /usr/bin/python3 notebooks/record_twins.py [STEM ...]     (needs python3-torch and python3-ipykernel)
"""
import json
import pathlib
import sys

import nbformat
from nbclient import NotebookClient

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import course  # noqa: E402

TWINS = HERE / "twins"


def twin_cells(cells):
    return [c for c in cells if c["type"] == "code" and c.get("python") is not None]


def outputs(cell):
    out = {"stdout": "", "stderr": "", "result_text": None, "error": None}
    for o in cell.get("outputs", []):
        if o["output_type"] == "stream":
            out[o["name"]] += o["text"]
        elif o["output_type"] == "execute_result":
            out["result_text"] = o["data"].get("text/plain")
        elif o["output_type"] == "error":
            out["error"] = {"ename": o["ename"], "evalue": o["evalue"]}
    return out


def record(stem, cells):
    twins = twin_cells(cells)
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells.append(nbformat.v4.new_code_cell(course.TWIN_SETUP_PYTHON))
    for c in twins:
        nb.cells.append(nbformat.v4.new_code_cell(c["python"]))
    NotebookClient(nb, timeout=600, kernel_name="python3", allow_errors=True, resources={"metadata": {"path": str(HERE)}}).execute()
    import torch  # the version that printed these
    entries = []
    for k, (c, cell) in enumerate(zip(twins, nb.cells[1:])):
        entry = {"twin": k, "code": c["python"]}
        entry.update(outputs(cell))
        entries.append(entry)
    TWINS.mkdir(exist_ok=True)
    doc = {"torch": torch.__version__, "recorded_by": "notebooks/record_twins.py", "setup": course.TWIN_SETUP_PYTHON, "cells": entries}
    (TWINS / (stem + ".expect.json")).write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n")
    print("recorded %s: %d twin cells" % (stem, len(entries)))


def main(stems):
    for stem, _title, cells in course.NOTEBOOKS:
        if twin_cells(cells) and (not stems or stem in stems):
            record(stem, cells)


if __name__ == "__main__":
    main(sys.argv[1:])
