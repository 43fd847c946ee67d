"""glibc's double exp and log bits (Python's math module calls the system libm: Debian's glibc 2.36, whose FMA
variants an AVX2 machine selects), which PyTorch's scalar float64 code (std::exp/std::log, e.g. xlogy in kl_div)
returns. Random inputs over the whole range, near 1 for log, the subnormal and overflow ranges, and edges.
usage: /usr/bin/python3 make_glibc64.py > glibc64.json"""
import base64
import json
import math
import random
import struct

random.seed(2036)


def b64(v):
    return base64.b64encode(struct.pack("<%dd" % len(v), *v)).decode()


inf = float("inf")
exp_x = ([random.uniform(-1, 1) for _ in range(6000)] + [random.uniform(-745, 710) for _ in range(10000)]
         + [random.uniform(-745, -700) for _ in range(2000)] + [random.uniform(512, 709.78) for _ in range(2000)]
         + [0.0, -0.0, 1e-300, 709.78, -745.1, inf, -inf, 800.0, -800.0])
log_x = ([random.uniform(0, 2) for _ in range(6000)] + [random.uniform(0.93, 1.07) for _ in range(6000)]
         + [math.exp(random.uniform(-744, 709)) for _ in range(8000)]
         + [5e-324, 4.9e-310, 2.2250738585072014e-308, 1.0, inf, 1.7976931348623157e308])
print(json.dumps({
    "exp": {"x": b64(exp_x), "y": b64([math.exp(x) if x < 709.8 else inf for x in exp_x])},
    "log": {"x": b64(log_x), "y": b64([math.log(x) for x in log_x])},
}))
