#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""The row "x.sin().mul(x).exp().sum() fwd+bwd, 1000x1000" op by op in the installed kernel after the quick
benchmark's earlier rows (add 2x2, linear regression, MLP: each its setup and its quick timing cell), as
`bench/kernel_vs_torch.py --quick` runs it. The harness is bench/softmax_after_rows.py's (variants, fresh kernels
interleaved round by round, the same columns); this file gives it the sin row's cells.

    /usr/bin/python3 bench/sin_after_rows.py LABEL=KERNELS_DIR[+FLAG ...] ... [--rounds 2] [--cells 4]
        [--runs 20] [--skip-rows] [--per-round N] [--hooks]

A round is one pass of the row: sin, mul, exp, sum, backward, each timed apart (wall µs, the calling thread's CPU µs,
the common pool's CPU µs, bytes the caller allocated), and "pass" the whole of it. With --hooks the backward is split
into its nodes by tensor hooks on exp's, mul's and sin's outputs and on x: sumBwd (SumBackward0), expBwd
(ExpBackward0's grad * result), mulBwd (MulBackward0's two products), sinBwd (SinBackward0's grad * cos(x) and the
sum of x's two gradients), accum (AccumulateGrad). A hooked node's gradients are never recycled (OwnedGrads gives
them up: a hook may keep them), so --hooks shows each node with fresh arrays; without it the backward is one column,
as the row runs it. With --per-round N the quick cell is replaced by N passes printed one by one, each with the
milliseconds of the young collections that ended in it ("gcms": wall time of the JVM's collectors, which stop the
cell): what a young kernel's first runs pay (the quick row's warm-up run and 3 timed runs are its first 20 passes).
"""
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import softmax_after_rows as sar  # noqa: E402

SETUP = """var sx = randn(1000, 1000).requiresGrad_();
var SMX = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
long[] SPOOL = new long[0];
long[][] SMARK = new long[12][4];
boolean SPER = false, SHOOKS = %s;
void smark(int k) {
    long pool = 0;
    for (long id : SPOOL) pool += Math.max(0, SMX.getThreadCpuTime(id));
    SMARK[k][0] = System.nanoTime(); SMARK[k][1] = SMX.getCurrentThreadCpuTime(); SMARK[k][2] = pool;
    SMARK[k][3] = SMX.getCurrentThreadAllocatedBytes();
}
if (SHOOKS) sx.registerHook(g -> smark(8));"""

CELL = sar.CELL_HEAD + """String[] sn = SHOOKS ? new String[] {"sin", "mul", "exp", "sum", "sumBwd", "expBwd", "mulBwd", "sinBwd", "accum", "pass"}
                     : new String[] {"sin", "mul", "exp", "sum", "bwd", "pass"};
int NO = sn.length;
long[][][] sd = new long[NO][4][SR];
long[] sgr = new long[SR]; // GC ms per pass (all collections that ended in it)
for (int r = 0; r < SR; r++) {
    long sg0 = 0;
    for (var gb : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) sg0 += gb.getCollectionTime();
    smark(0);
    Tensor s1 = sx.sin();
    smark(1);
    Tensor m1 = s1.mul(sx);
    smark(2);
    Tensor e1 = m1.exp();
    smark(3);
    Tensor l1 = e1.sum();
    smark(4);
    if (SHOOKS) { e1.registerHook(g -> smark(5)); m1.registerHook(g -> smark(6)); s1.registerHook(g -> smark(7)); }
    smark(4);
    l1.backward();
    int end = SHOOKS ? 9 : 5;
    smark(end);
    s1 = null; m1 = null; e1 = null; l1 = null;
    for (var gb : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) sgr[r] += gb.getCollectionTime();
    sgr[r] -= sg0;
    for (int k = 0; k < end; k++) for (int q = 0; q < 4; q++) sd[k][q][r] = SMARK[k + 1][q] - SMARK[k][q];
    // the pass: from sin's start to backward's end less the hooks' registration between sum and backward
    for (int q = 0; q < 4; q++) { long t = 0; for (int k = 0; k < end; k++) t += sd[k][q][r]; sd[NO - 1][q][r] = t; }
}
""" + sar.cell_tail('    ssb.append(" gcms ").append(sgr[r]);\n')


def main():
    p = sar.arguments(__doc__, "sin", "passes")
    p.add_argument("--hooks", action="store_true", help="split the backward into its nodes by tensor hooks (their gradients then not recycled)")
    a = p.parse_args()
    sar.ROW, sar.SETUP, sar.CELL = "x.sin()", SETUP % ("true" if a.hooks else "false"), CELL
    sar.OPS = (["sin", "mul", "exp", "sum", "sumBwd", "expBwd", "mulBwd", "sinBwd", "accum", "pass"] if a.hooks
               else ["sin", "mul", "exp", "sum", "bwd", "pass"])
    sar.run(a, "add 2x2|linear|MLP|sin", "gradbook-sin-after-")


if __name__ == "__main__":
    main()
