"""PyTorch 1.13's side of bench/SoftmaxProfile.java: the same parts of the row "softmax + cross entropy fwd+bwd,
512x1000", best and median wall time and median process CPU time in ms (CPU time, because the shared machine's
load inflates wall time). usage: /usr/bin/python3 bench/softmax_torch.py [rounds] [threads]"""
import sys, time
import torch
import torch.nn.functional as F

rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 40
torch.set_num_threads(int(sys.argv[2]) if len(sys.argv) > 2 else 1)
torch.manual_seed(0)
sl = torch.randn(512, 1000, requires_grad=True)
st = torch.arange(512)
x = sl.detach()
lp = torch.log_softmax(x, 1)
x3 = torch.randn(64, 100, 80)
g3 = torch.randn(64, 100, 80)
y3 = torch.softmax(x3, 1)
l3 = torch.log_softmax(x3, 1)
g = torch.randn(512, 1000)
ys = torch.softmax(x, 1)

parts = [
    ("softmax(sl, 1)", lambda: torch.softmax(x, 1)),
    ("logSoftmax(sl, 1)", lambda: torch.log_softmax(x, 1)),
    ("nllLoss(logp, st)", lambda: F.nll_loss(lp, st)),
    ("crossEntropy fwd", lambda: F.cross_entropy(x, st)),
    ("crossEntropy fwd+bwd", lambda: F.cross_entropy(sl, st).backward()),
    ("the row: softmax; crossEntropy fwd+bwd", lambda: (torch.softmax(sl, 1), F.cross_entropy(sl, st).backward())),
    ("softmaxBackward 512x1000", lambda: torch._softmax_backward_data(g, ys, 1, torch.float32)),
    ("logSoftmaxBackward 512x1000", lambda: torch._log_softmax_backward_data(g, lp, 1, torch.float32)),
    ("softmax 64x100x80 dim 1", lambda: torch.softmax(x3, 1)),
    ("logSoftmax 64x100x80 dim 1", lambda: torch.log_softmax(x3, 1)),
    ("softmaxBackward 64x100x80 dim 1", lambda: torch._softmax_backward_data(g3, y3, 1, torch.float32)),
    ("logSoftmaxBackward 64x100x80 dim 1", lambda: torch._log_softmax_backward_data(g3, l3, 1, torch.float32)),
]
print("torch %s, %d threads, %d rounds; ms: best wall / median wall / median process CPU" % (torch.__version__, torch.get_num_threads(), rounds))
for name, f in parts:
    for _ in range(5):
        f()
    wall, cpu = [], []
    for _ in range(rounds):
        c, w = time.process_time(), time.perf_counter()
        f()
        wall.append((time.perf_counter() - w) * 1e3)
        cpu.append((time.process_time() - c) * 1e3)
    wall.sort()
    cpu.sort()
    print("  %-44s %7.3f %7.3f %7.3f" % (name, wall[0], wall[len(wall) // 2], cpu[len(cpu) // 2]))
