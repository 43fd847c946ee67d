# SPDX-License-Identifier: Apache-2.0
"""The recording side both fuzzers share (make_fuzz.py, make_fuzz_wide.py; make_layout.py uses record/digest):
bit patterns and digests (make_sweep.py takes them from here too), an output's record, a case's outputs, weighted-sum gradients (and, for
the wide fuzzer, versions and a create_graph second backward), and the command line. FuzzTest / FuzzReplay read
what this writes.
"""
import hashlib, json, struct, sys
import torch


def bits_of(t, canonical_nan=False):
    """Floats as bit patterns (float16 as the float32 bits of its value), integers and bools as values; with
    canonical_nan every NaN as one (a NaN's sign and payload cannot be observed in Gradbook)."""
    t = t.detach().contiguous().reshape(-1)
    if canonical_nan and t.is_floating_point():
        t = torch.where(torch.isnan(t), torch.tensor(float("nan"), dtype=t.dtype), t)
    if t.dtype == torch.float16: t = t.float()
    if t.dtype == torch.float32: return t.view(torch.int32).tolist(), "<i"
    if t.dtype == torch.float64: return t.view(torch.int64).tolist(), "<q"
    if t.dtype == torch.bool: return [int(v) for v in t.tolist()], "<b"
    if t.dtype == torch.int32: return t.tolist(), "<i"
    return t.tolist(), "<q"


def digest(bits, fmt):
    return hashlib.sha256(b"".join(struct.pack(fmt, b) for b in bits)).hexdigest()


FULL = 256


def record(t, full=FULL):
    """dtype, shape and bits in full up to `full` elements, else a SHA-256 and 64 samples (SweepTest.compare's format)."""
    bits, fmt = bits_of(t, canonical_nan=True)
    r = {"dtype": str(t.dtype).replace("torch.", ""), "shape": list(t.shape)}
    if len(bits) <= full:
        r["bits"] = bits
    else:
        r["sha256"] = digest(bits, fmt)
        r["sample"] = [[i * len(bits) // 64, bits[i * len(bits) // 64]] for i in range(64)]
    return r


def weighted_sum(ts, seed, base):
    """sum_k (t_k * w_k).sum() over the tensors that require grad, w_k from Generator(seed * 100 + base + k): randn for
    float32, uniform(-1, 1) in the tensor's dtype otherwise (SweepTest.weightedLoss); the seeds, None where skipped."""
    loss, seeds = 0, []
    for k, t in enumerate(ts):
        if t is None or not t.requires_grad:
            seeds.append(None)
            continue
        s = seed * 100 + base + k
        gen = torch.Generator().manual_seed(s)
        w = torch.randn(tuple(t.shape), generator=gen) if t.dtype == torch.float32 else \
            torch.empty(tuple(t.shape)).uniform_(-1, 1, generator=gen).to(t.dtype)
        loss = loss + (t * w).sum()
        seeds.append(s)
    return loss, seeds


def error(e):
    return {"type": type(e).__name__, "text": str(e).split("\n")[0]}


def run_case(name, seed, g, wide):
    """Runs generator g's program (g.case(); g.specs, g.inputs, g.prog, g.failed, g.regs, g.r) and records it; wide:
    outputs' version counters and, drawn from g.r, autograd.grad with create_graph and a second backward."""
    c = {"name": name, "seed": seed, "dtype": g.dtype}
    try:
        out = g.case()
    except Exception as e:  # PyTorch's error for the program so far (the last step raised)
        c.update({"inputs": g.specs, "input_sha256": [digest(*bits_of(t)) for t in g.inputs],
                  "prog": g.prog + ([g.failed] if g.failed else [])})
        c["error"] = error(e)
        return c
    c.update({"inputs": g.specs, "input_sha256": [digest(*bits_of(t)) for t in g.inputs], "prog": g.prog, "out": out})
    outs = [g.regs[i] for i in out]
    c["outputs"] = []
    for o in outs:
        rec = record(o)
        rec["stride"] = list(o.stride())
        rec["grad_fn"] = None if o.grad_fn is None else type(o.grad_fn).__name__
        if wide:
            rec["version"] = o._version
        c["outputs"].append(rec)
    diff = [t for t in g.inputs if t.requires_grad]
    if not (diff and any(o.requires_grad for o in outs)):
        return c
    loss, c["weight_seeds"] = weighted_sum(outs, seed, 50)
    create = False
    if wide:
        create = g.r.random() < 0.35
        c["create_graph"] = create
    try:
        gs = torch.autograd.grad(loss, diff, allow_unused=True, create_graph=create)
    except Exception as e:
        c["grad_error"] = error(e)
        return c
    c["grads"] = [None if x is None else record(x) for x in gs]
    if not create:
        return c
    c["grad_fns"] = [None if x is None or x.grad_fn is None else type(x.grad_fn).__name__ for x in gs]
    loss2, c["weight2_seeds"] = weighted_sum(gs, seed, 80)
    if all(s is None for s in c["weight2_seeds"]):
        return c
    try:
        gs2 = torch.autograd.grad(loss2, diff, allow_unused=True)
    except Exception as e:
        c["grad2_error"] = error(e)
        return c
    c["grads2"] = [None if x is None else record(x) for x in gs2]
    return c


def main(run, default_count):
    """FIRST COUNT [SEED...] on the command line: seeds FIRST.. FIRST + COUNT - 1 and the extra ones, as JSON."""
    first = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    count = int(sys.argv[2]) if len(sys.argv) > 2 else default_count
    extra = [int(a) for a in sys.argv[3:]]  # seeds of a bigger range kept as regression cases of engine fixes
    cases = [run(s) for s in list(range(first, first + count)) + extra]
    json.dump({"torch": torch.__version__, "threads": torch.get_num_threads(), "first": first, "count": count,
               "extra": extra, "cases": cases}, sys.stdout, separators=(",", ":"))
    print(f"{len(cases)} cases, {sum('error' in c for c in cases)} errors", file=sys.stderr)
