# SPDX-License-Identifier: Apache-2.0
"""Re-executes every course notebook headless on the Gradbook kernel (nbclient) and compares each ported cell's
output with PyTorch's (testdata/reference/ref-00N.expect.json in the repository): deterministic cells exactly, and random cells
exactly too (manualSeed reproduces PyTorch's stream); addresses and ids by the reference's patterns. Notebooks past
the seeds compare each cell with what its Python twin printed on PyTorch (notebooks/twins/STEM.expect.json, recorded
by notebooks/record_twins.py). Prints a matched/total table per notebook."""
import json
import pathlib
import re
import sys

import nbformat
import pytest

ROOT = pathlib.Path(__file__).resolve().parents[4]
NOTEBOOKS = ROOT / "notebooks"
REFERENCE = ROOT / "testdata" / "reference"
TWINS = NOTEBOOKS / "twins"
ADDRESS = re.compile(r"0x[0-9a-fA-F]+")
sys.path.insert(0, str(NOTEBOOKS))
import build  # noqa: E402
import course  # noqa: E402
from record_twins import outputs  # noqa: E402  (a cell's stdout, stderr, value and error, as the twins were recorded)

RESULTS = {}
WARNING_LINE = re.compile(r"^.*?(\w+Warning): (.*)$")


def warnings_of(stderr):
    """(category, message) of each warning line; Python's source-line echo and build path are not compared."""
    found = []
    for line in stderr.splitlines():
        m = WARNING_LINE.match(line)
        if m:
            found.append((m.group(1), re.sub(r" \(Triggered internally at .*\)$", "", m.group(2))))
    return found


def compare(expected, got):
    """The fields that differ, [] when the cell matches."""
    bad = []
    pattern = expected.get("pattern") or {}
    kinds = expected.get("nondeterminism") or []
    by_pattern = "memory address" in kinds or "object id" in kinds
    for field in ("stdout", "result_text"):
        want, have = expected[field], got[field]
        if by_pattern and field in pattern:
            if have is None or not re.fullmatch(pattern[field], have):
                bad.append(field)
        elif (want or None) != (have or None):
            bad.append(field)
    if (expected["error"] or None) != (got["error"] or None):
        bad.append("error")
    if warnings_of(expected["stderr"]) != warnings_of(got["stderr"]):
        bad.append("stderr")
    return bad


def compare_twin(expected, got):
    """The fields that differ between a Java cell and its Python twin's recording (object addresses masked)."""
    mask = lambda out: {k: ADDRESS.sub("0x...", v) if k in ("stdout", "result_text") and v is not None else v for k, v in out.items()}
    return compare(mask(expected), mask(got))


def seed_pairs(index, fresh):
    """(label, expected, cell) for each seed cell, from the reference notebook ref-00N."""
    ref = json.loads((REFERENCE / ("ref-%03d.expect.json" % index)).read_text())
    ours = [c for c in fresh.cells if c.cell_type == "code" and c.metadata.get("gradbook", {}).get("seed_in") is not None]
    pairs = []
    for k, expected in enumerate([e for e in ref if e["seed_in"] is not None]):
        cell = ours[k]
        assert cell.metadata["gradbook"]["seed_in"] == expected["seed_in"], "cells out of order at %s" % expected["seed_in"]
        pairs.append(("In[%s]" % expected["seed_in"], expected, cell, compare))
    return pairs


def twin_pairs(stem, fresh):
    """(label, expected, cell) for each cell with a Python twin, from notebooks/twins/STEM.expect.json."""
    doc = json.loads((TWINS / (stem + ".expect.json")).read_text())
    ours = [c for c in fresh.cells if c.cell_type == "code" and c.metadata.get("gradbook", {}).get("python") is not None]
    assert len(ours) == len(doc["cells"]), "notebooks/twins/%s.expect.json is stale: run notebooks/record_twins.py %s" % (stem, stem)
    pairs = []
    for expected, cell in zip(doc["cells"], ours):
        assert cell.metadata["gradbook"]["python"] == expected["code"], "twin %d changed: run notebooks/record_twins.py %s" % (expected["twin"], stem)
        pairs.append(("twin %d" % expected["twin"], expected, cell, compare_twin))
    return pairs


@pytest.mark.parametrize("index", range(len(course.NOTEBOOKS)))
def test_notebook_matches_pytorch(index):
    stem, title, cells = course.NOTEBOOKS[index]
    stored = nbformat.read(NOTEBOOKS / (stem + ".ipynb"), as_version=4)
    fresh = build.execute(build.make(title, cells))
    has_twins = any(c.get("python") is not None for c in cells if c["type"] == "code")
    pairs = twin_pairs(stem, fresh) if has_twins else seed_pairs(index, fresh)
    matched, total, failures, skipped = 0, 0, [], []
    for label, expected, cell, check in pairs:
        note = cell.metadata["gradbook"].get("note")
        if note and note.startswith("n/a"):
            skipped.append("%s (%s)" % (label, note[5:]))
            continue
        total += 1
        bad = check(expected, outputs(cell))
        if bad:
            failures.append("%s: %s\n  ours: %s\n  torch: %s" % (label, bad, outputs(cell), {f: expected[f] for f in ("stdout", "result_text", "error")}))
        else:
            matched += 1
    RESULTS[stem] = (matched, total, skipped)
    print("\n%s: %d/%d cells match PyTorch%s" % (stem, matched, total, ("; not comparable: " + ", ".join(skipped)) if skipped else ""))
    # the stored notebook is the executed one: same code cells, outputs present
    stored_code = [c for c in stored.cells if c.cell_type == "code"]
    assert [c.source for c in stored_code] == [c.source for c in fresh.cells if c.cell_type == "code"], "notebooks/%s.ipynb is stale: run notebooks/build.py" % stem
    assert any(c.get("outputs") for c in stored_code), "notebooks/%s.ipynb is stored without outputs" % stem
    assert not failures, "\n".join(failures)
