# SPDX-License-Identifier: Apache-2.0
"""Reads HotSpot's compilation log (-XX:+LogCompilation): which of the engine's Vector API methods C2 left as calls.

A method that takes or returns a vector is only fast inlined into the loop that calls it: left as a call, every
vector crossing it is boxed into an object (bench/RESULTS.md, seventeenth session: log_softmax at 2-3x its time and
bytes). The log holds, per compile task, the methods it met (<method> with its argument and return type ids) and each
call site C2 did not inline (<call> then <inline_fail reason=...>). C1's tasks carry a level attribute; C2's do not.
"""
import re

_VECTOR = re.compile(r"^jdk[./]incubator[./]vector[./]\w*(Vector|Mask|Shuffle)\w*$")


def vector_calls_not_inlined(paths, owner="io.gradbook."):
    """(compiled method, callee, reason) for every C2 call site of a vector-typed method of `owner` left as a call."""
    found = []
    for path in paths:
        task, c2, types, methods, last = None, False, {}, {}, None
        with open(path, errors="replace") as log:
            for line in log:
                if line.startswith("<task "):
                    task = re.search(r"method='([^']*)'", line).group(1).split(" (")[0]
                    c2, types, methods = "level=" not in line, {}, {}
                elif line.startswith(("<klass ", "<type ")):
                    types[_attr(line, "id")] = _attr(line, "name")
                elif line.startswith("<method "):
                    ids = (_attr(line, "arguments") or "").split() + [_attr(line, "return")]
                    name = types.get(_attr(line, "holder"), "?") + "::" + _attr(line, "name")
                    methods[_attr(line, "id")] = (name, any(_VECTOR.match(types.get(i, "")) for i in ids))
                elif line.startswith("<call "):
                    last = _attr(line, "method")
                elif line.startswith("<inline_fail ") and c2 and task:
                    name, vector = methods.get(last, ("?", False))
                    if vector and name.startswith(owner):
                        found.append((task, name, _attr(line, "reason")))
    return found


def _attr(line, name):
    m = re.search(r"\b%s='([^']*)'" % name, line)
    return m.group(1) if m else None
