#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""glibc's double sin and cos bits (Python's math module calls the system libm: Debian's glibc 2.36, whose FMA
variants __sin_fma/__cos_fma an AVX2 machine selects), which PyTorch's float64 Box-Muller takes for
r * cos(theta) and r * sin(theta) (Glibc64SinCosTest holds math/Glibc64Trig to them).

    /usr/bin/python3 make_glibc_sincos.py > glibc_sincos.json
    /usr/bin/python3 make_glibc_sincos.py --table    (Glibc64Trig.TAB's lines, read from libm.so.6's __sincostab)

Inputs: theta = 2 pi u for 53-bit uniforms u as the generator makes them, random values in [-12, 12] and
[-1e6, 1e6] (every quadrant of reduce_sincos), each path's bounds (2^-27, 2^-26, 0.126, 0.855469, 2.426265) and
signed zeros.
"""
import base64
import ctypes.util
import json
import math
import random
import struct
import sys

if sys.argv[1:] == ["--table"]:
    d = open("/lib/x86_64-linux-gnu/libm.so.6", "rb").read()
    # the table starts with sin(0), 0, cos(0), 0 and then sin(1/128): the one such place in the library
    head = struct.pack("<dddd", 0.0, 0.0, 1.0, 0.0)
    at = [i for i in range(len(d)) if d.startswith(head, i)
          and abs(struct.unpack_from("<d", d, i + 32)[0] - math.sin(1 / 128)) < 1e-16]
    assert len(at) == 1, at
    tab = struct.unpack_from("<440Q", d, at[0])
    assert all(abs(struct.unpack("<d", struct.pack("<Q", tab[4 * k]))[0] - math.sin(k / 128)) < 1e-15 for k in range(110))
    for i in range(0, 440, 4):
        print("        " + ", ".join("0x%016xL" % v for v in tab[i:i + 4]) + ",")
    sys.exit()

random.seed(1013)


def b64(v):
    return base64.b64encode(struct.pack("<%dd" % len(v), *v)).decode()


xs = [2.0 * math.pi * (random.getrandbits(53) * 2.0 ** -53) for _ in range(30000)]
xs += [random.uniform(-12, 12) for _ in range(10000)] + [random.uniform(-1e6, 1e6) for _ in range(3000)]
for edge in [2.0 ** -27, 2.0 ** -26, 0.126, 0.855469, 2.426265, 1.0, math.pi, 2 * math.pi, math.pi / 2, 1e-300]:
    for x in [edge, math.nextafter(edge, 0), math.nextafter(edge, 10)]:
        xs += [x, -x]
xs += [0.0, -0.0]
json.dump({"x": b64(xs), "sin": b64([math.sin(x) for x in xs]), "cos": b64([math.cos(x) for x in xs])}, sys.stdout)
