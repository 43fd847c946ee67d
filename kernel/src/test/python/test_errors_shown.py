# SPDX-License-Identifier: Apache-2.0
"""How errors reach the student (issue 13): ipykernel's coloured traceback with the cell line marked, hints for
Python habits in Java cells, deliberate errors that let Run All go on, and aborted cells without a count."""
import re

import pytest

from helpers import drain, run, shell_reply

ANSI = re.compile(r"\x1b\[[0-9;]*m")
RED_NAME = "\x1b[0;31m%s\x1b[0m"


def error_of(msgs):
    errs = [m["content"] for m in msgs if m["msg_type"] == "error"]
    assert len(errs) == 1, msgs
    return errs[0]


def plain(traceback):
    return ANSI.sub("", "\n".join(traceback))


def test_runtime_error_is_coloured_with_the_line_marked(kernel):
    km, kc = kernel
    drain(kc)
    reply, msgs = run(kc, "var a = ones(2);\nvar b = a.mul(2);\nb.backward();\nvar c = 1;")
    err = error_of(msgs)
    assert reply["status"] == "error"
    assert (err["ename"], err["evalue"]) == ("RuntimeError", "element 0 of tensors does not require grad and does not have a grad_fn")
    tb = "\n".join(err["traceback"])
    assert RED_NAME % "RuntimeError" in tb, tb
    text = plain(err["traceback"])
    assert re.search(r"Cell In\[\d+\], line 3", text), text
    assert "----> 3 b.backward();" in text, text
    assert "      2 var b = a.mul(2);" in text, text
    assert text.rstrip().endswith("RuntimeError: element 0 of tensors does not require grad and does not have a grad_fn"), text
    assert reply["traceback"] == err["traceback"]


HABITS = [
    ("var x = ones(2);\nx + 2", "use `x.add(2)`"),
    ("var x = ones(2);\nx * x", "use `x.mul(x)`"),
    ("var x = ones(2);\nx[0]", "use `x.get(0)`"),
    ("var x = ones(2);\nx ** 2", "use `x.pow(2)`"),
    ("var t = True;", "Java writes `true` for Python's `True`"),
    ("Object n = None;", "Java writes `null` for Python's `None`"),
    ("with torch.no_grad():\n    y = x * 2", "try (var g = noGrad())"),
    ("def f(x):\n    return x", "`Tensor f(Tensor x) { ... return ...; }`"),
    ("var x = ones(2).requiresGrad_();\nx.grad", "use `x.grad()`"),
    ("var x = ones(2).requiresGrad_();\nvar r = x.requires_grad;", "use `x.requiresGrad()`"),
    ('var x = ones(2);\nprint(f"x = {x}");', "Java has no f-strings"),
]


@pytest.mark.parametrize("code,hint", HABITS, ids=[h[0].split("\n")[-1] for h in HABITS])
def test_python_habits_get_a_java_hint(kernel, code, hint):
    km, kc = kernel
    drain(kc)
    reply, msgs = run(kc, code)
    err = error_of(msgs)
    assert err["ename"] == "CompilationError"
    text = plain(err["traceback"])
    assert "Hint: " in text and hint in text, text
    assert "----> " in text and "^" in text, text


def test_expect_error_shows_the_error_and_the_cell_succeeds(kernel):
    km, kc = kernel
    drain(kc)
    first = kc.execute("var q = ones(1);\nexpectError(() -> q.backward());")
    second = kc.execute("q.add(1)")
    r1 = shell_reply(kc, first)["content"]
    r2 = shell_reply(kc, second)["content"]
    assert r1["status"] == "ok" and r2["status"] == "ok"
    drain(kc)
    reply, msgs = run(kc, "expectError(() -> q.backward());")
    err = error_of(msgs)
    assert (err["ename"], err["evalue"]) == ("RuntimeError", "element 0 of tensors does not require grad and does not have a grad_fn")
    reply, msgs = run(kc, "expectError(() -> q.add(1));")
    assert reply["status"] == "error" and "expectError" in reply["evalue"]


def test_aborted_cells_carry_no_execution_count(kernel):
    km, kc = kernel
    drain(kc)
    first = kc.execute('throw new RuntimeException("stop");')
    queued = [kc.execute("1 + %d" % i) for i in range(3)]
    assert shell_reply(kc, first)["content"]["status"] == "error"
    for q in queued:
        c = shell_reply(kc, q)["content"]
        assert c["status"] == "aborted"
        assert "execution_count" not in c, c
    drain(kc)
