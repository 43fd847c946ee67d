"""glibc's double exp, log, log1p, sinh, cosh, tanh, expm1, asinh, atanh, atan2, hypot and pow bits (and the float atan2f's and exp2f's) (Python's math module calls the system libm: Debian's glibc 2.36, whose FMA
variants an AVX2 machine selects), which PyTorch's scalar float64 code (std::exp/std::log, e.g. xlogy in kl_div)
returns. Random inputs over the whole range, near 1 for log, the subnormal and overflow ranges, and edges.
usage: /usr/bin/python3 make_glibc64.py > glibc64.json"""
import base64
import ctypes
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
# glibc's sinh, cosh, expm1 (PyTorch's float64 scalar sinh/cosh code) and pow (its scalar pow code). Python raises
# where glibc overflows to inf: recorded as inf for the one-argument functions, left out for pow


def overflowing(f, x):
    try:
        return f(x)
    except OverflowError:
        return inf



hyp_x = ([random.uniform(-1, 1) for _ in range(6000)] + [random.uniform(-0.35, 0.35) for _ in range(3000)]
         + [random.uniform(-25, 25) for _ in range(6000)] + [random.uniform(-709, 709) for _ in range(4000)]
         + [0.0, -0.0, 1e-300, 2 ** -28, 2 ** -54, 22.0, 709.78, -709.78, 710.4, 0.34657359027997264])
pow_xy = []
while len(pow_xy) < 20000:
    r = random.random()
    if r < 0.3:
        x, y = random.uniform(0, 4), random.uniform(-6, 6)
    elif r < 0.5:
        x, y = math.exp(random.uniform(-700, 700)), random.uniform(-1, 1)
    elif r < 0.7:
        x, y = random.uniform(-4, 4), float(random.randint(-20, 20))
    elif r < 0.8:
        x, y = random.uniform(0.999, 1.001), random.uniform(-1e5, 1e5)
    else:
        x, y = random.uniform(0, 3), random.choice([1.5, 0.3, -2.5, 10.0, 1 / 3])
    try:
        pow_xy.append((x, y, math.pow(x, y)))
    except (OverflowError, ValueError):
        pass
# log1p (the scalar tail of softplus and mish) and tanh (mish's), drawn after the others so their inputs stay as
# they were: all of log1p's branches (|x| < 2^-29, the -0.29..0.41 window, 1 + x near a power of 2, x > 2^53)
log1p_x = ([random.uniform(-1, 1) for _ in range(6000)] + [random.uniform(-0.3, 0.42) for _ in range(4000)]
           + [math.exp(random.uniform(-40, 40)) for _ in range(5000)] + [-math.exp(random.uniform(-60, 0)) for _ in range(2000)]
           + [random.choice([-1, 1]) * math.exp(random.uniform(-37.4, -20.1)) for _ in range(1000)]
           + [2.0 ** k - 1 + random.uniform(-1, 1) * 2.0 ** (k - 21) for k in [random.randint(1, 60) for _ in range(2000)]]
           + [0.0, -0.0, 5e-324, 2 ** -29, 2 ** -54, 0.41421, -0.29289, 1e300, inf, -1.0, -0.999999, -2.0, -inf])
tanh_x = ([random.uniform(-3, 3) for _ in range(10000)] + [random.choice([-1, 1]) * math.exp(random.uniform(-60, 3.2)) for _ in range(10000)]
          + [0.0, -0.0, inf, -inf, 22.0, -22.0, 1e-300, 2 ** -55, 1.0, -1.0])


# libm's own log1p through ctypes: Python's math.log1p raises below -1 where glibc returns its NaN (sign bit set)
libm = ctypes.CDLL("libm.so.6")
libm.log1p.restype, libm.log1p.argtypes = ctypes.c_double, [ctypes.c_double]

libm.atan2.restype, libm.atan2.argtypes = ctypes.c_double, [ctypes.c_double, ctypes.c_double]
# atan2 (PyTorch's scalar float64 atan2 code): every octant, near the diagonal, wide exponent gaps, tiny and huge
atan2_yx = ([(random.gauss(0, 3), random.gauss(0, 3)) for _ in range(12000)]
            + [(random.choice([-1, 1]) * math.exp(random.uniform(-700, 700)), random.choice([-1, 1]) * math.exp(random.uniform(-700, 700)))
               for _ in range(5000)]
            + [(lambda x: (x * random.uniform(0.99, 1.01), x))(random.uniform(-10, 10)) for _ in range(3000)]
            + [(y, x) for y in (0.0, -0.0, 1.0, -1.0, inf, -inf, 5e-324, -1e308) for x in (0.0, -0.0, 1.0, -1.0, inf, -inf, 5e-324, -1e308)])

# glibc's float atan2f (PyTorch's scalar float32 atan2 code), on float32 operands, drawn after the rest
libm.atan2f.restype, libm.atan2f.argtypes = ctypes.c_float, [ctypes.c_float, ctypes.c_float]
f32 = lambda v: struct.unpack("<f", struct.pack("<f", v))[0]
atan2f_yx = ([(f32(random.gauss(0, 3)), f32(random.gauss(0, 3))) for _ in range(12000)]
             + [(f32(random.choice([-1, 1]) * math.exp(random.uniform(-85, 85))), f32(random.choice([-1, 1]) * math.exp(random.uniform(-85, 85))))
                for _ in range(4000)]
             + [(lambda x: (f32(x * random.uniform(0.99, 1.01)), f32(x)))(random.uniform(-10, 10)) for _ in range(3000)]
             + [(f32(random.gauss(0, 3)), 1.0) for _ in range(1000)]
             + [(y, x) for y in (0.0, -0.0, 1.0, -1.0, inf, -inf, 1e-45, -3e38) for x in (0.0, -0.0, 1.0, -1.0, inf, -inf, 1e-45, -3e38)])

# glibc's hypot (PyTorch's scalar float64 hypot code), drawn after the rest
libm.hypot.restype, libm.hypot.argtypes = ctypes.c_double, [ctypes.c_double, ctypes.c_double]
hypot_yx = ([(random.gauss(0, 3), random.gauss(0, 3)) for _ in range(12000)]
            + [(random.choice([-1, 1]) * math.exp(random.uniform(-700, 700)), random.choice([-1, 1]) * math.exp(random.uniform(-700, 700)))
               for _ in range(5000)]
            + [(lambda x: (x * random.uniform(0.99, 1.01), x))(random.uniform(-10, 10)) for _ in range(3000)]
            + [(y, x) for y in (0.0, -0.0, 1.0, -1.0, inf, -inf, 5e-324, -1e308) for x in (0.0, -0.0, 1.0, -1.0, inf, -inf, 5e-324, -1e308)])

# glibc's float exp2f (PyTorch's float32 exp2: map(std::exp2) over every element), drawn after the rest
libm.exp2f.restype, libm.exp2f.argtypes = ctypes.c_float, [ctypes.c_float]
exp2f_x = ([f32(random.uniform(-10, 10)) for _ in range(15000)] + [f32(random.uniform(-151, 129)) for _ in range(5000)]
           + [0.0, -0.0, inf, -inf, 128.0, -150.0, -149.5, 127.99])

# glibc's double asinh and atanh (PyTorch's float64 asinh / atanh kernels: std::asinh / std::atanh per element), on
# log1p's FMA build below 2 and 1, drawn after the rest: every branch (tiny, the log1p range, the log range, huge)
libm.asinh.restype, libm.asinh.argtypes = ctypes.c_double, [ctypes.c_double]
libm.atanh.restype, libm.atanh.argtypes = ctypes.c_double, [ctypes.c_double]
asinh_x = ([random.uniform(-2, 2) for _ in range(10000)] + [random.uniform(-30, 30) for _ in range(4000)]
           + [random.choice([-1, 1]) * math.exp(random.uniform(-25, 25)) for _ in range(5000)]
           + [random.choice([-1, 1]) * math.exp(random.uniform(-700, 700)) for _ in range(1000)]
           + [0.0, -0.0, inf, -inf, 2 ** -28, 2.0, -2.0, 2 ** 28, 5e-324])
atanh_x = ([random.uniform(-1, 1) for _ in range(12000)] + [random.uniform(-0.5, 0.5) for _ in range(4000)]
           + [random.choice([-1, 1]) * math.exp(random.uniform(-25, 0)) for _ in range(4000)]
           + [0.0, -0.0, 0.5, -0.5, 2 ** -28, 1.0, -1.0, 0.9999999999999999, 1.5, inf])


print(json.dumps({
    "exp": {"x": b64(exp_x), "y": b64([math.exp(x) if x < 709.8 else inf for x in exp_x])},
    "log": {"x": b64(log_x), "y": b64([math.log(x) for x in log_x])},
    "sinh": {"x": b64(hyp_x), "y": b64([overflowing(math.sinh, x) for x in hyp_x])},
    "cosh": {"x": b64(hyp_x), "y": b64([overflowing(math.cosh, x) for x in hyp_x])},
    "expm1": {"x": b64(hyp_x), "y": b64([overflowing(math.expm1, x) for x in hyp_x])},
    "log1p": {"x": b64(log1p_x), "y": b64([libm.log1p(x) for x in log1p_x])},
    "tanh": {"x": b64(tanh_x), "y": b64([math.tanh(x) for x in tanh_x])},
    "atan2": {"x": b64([t[0] for t in atan2_yx]), "e": b64([t[1] for t in atan2_yx]), "y": b64([libm.atan2(*t) for t in atan2_yx])},
    "atan2f": {"x": b64([t[0] for t in atan2f_yx]), "e": b64([t[1] for t in atan2f_yx]), "y": b64([libm.atan2f(*t) for t in atan2f_yx])},
    "hypot": {"x": b64([t[0] for t in hypot_yx]), "e": b64([t[1] for t in hypot_yx]), "y": b64([libm.hypot(*t) for t in hypot_yx])},
    "exp2f": {"x": b64(exp2f_x), "y": b64([libm.exp2f(x) for x in exp2f_x])},
    "pow": {"x": b64([t[0] for t in pow_xy]), "e": b64([t[1] for t in pow_xy]), "y": b64([t[2] for t in pow_xy])},
    "asinh": {"x": b64(asinh_x), "y": b64([libm.asinh(x) for x in asinh_x])},
    "atanh": {"x": b64(atanh_x), "y": b64([libm.atanh(x) for x in atanh_x])},
}))
