"""PyTorch's side of bench/MathBench.java: the same ops on the same sizes, one intra-op thread, median thread CPU ms."""
import time
import torch
torch.set_num_threads(1)

def median_ms(f, reps=11):
    for _ in range(3):
        f()
    t = []
    for _ in range(reps):
        s = time.thread_time()
        f()
        t.append((time.thread_time() - s) * 1e3)
    return sorted(t)[reps // 2]

x7 = torch.randn(10_000_000) * 3
x = x7[:1_000_000].clone()
pos = x.abs() + 1e-3
y = torch.empty_like(x)
cases = {
    "sum 1e7": lambda: x7.sum(), "mean 1e7": lambda: x7.mean(),
    "sum 1000x1000 dim=1": lambda: x.view(1000, 1000).sum(1), "sum 1000x1000 dim=0": lambda: x.view(1000, 1000).sum(0),
    "exp 1e6": lambda: torch.exp(x, out=y), "log 1e6": lambda: torch.log(pos, out=y), "sin 1e6": lambda: torch.sin(x, out=y),
    "cos 1e6": lambda: torch.cos(x, out=y), "tanh 1e6": lambda: torch.tanh(x, out=y), "sigmoid 1e6": lambda: torch.sigmoid(x, out=y),
    "sqrt 1e6": lambda: torch.sqrt(pos, out=y), "relu 1e6": lambda: torch.relu(x), "pow 2.5 1e6": lambda: torch.pow(pos, 2.5, out=y),
    "softmax 512x1000 dim=1": lambda: torch.softmax(x[:512000].view(512, 1000), 1),
    "log_softmax 512x1000 dim=1": lambda: torch.log_softmax(x[:512000].view(512, 1000), 1),
}
for k, f in cases.items():
    print("%s\t%.3f" % (k, median_ms(f)))
