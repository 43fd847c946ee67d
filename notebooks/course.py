# SPDX-License-Identifier: Apache-2.0
"""The Gradbook course: each seed document as a Java notebook, cell for cell, with prose in English and Chinese.

A code cell tagged with metadata gradbook.seed_in = "N" is the Java counterpart of the seed's In [N] (and of the
same cell in testdata/reference/ref-00K.ipynb); test_notebooks.py compares its output with PyTorch's.
"""

SETUP = "manualSeed(0);  // the reference's setup: PyTorch's random stream from seed 0"


def md(en, zh):
    return {"type": "markdown", "source": en.strip() + "\n\n---\n\n" + zh.strip()}


def code(seed_in, source, note=None, raises=False):
    """raises: the cell shows an error on purpose (tagged raises-exception, so Run All goes on)."""
    return {"type": "code", "seed_in": seed_in, "source": source.strip("\n"), "note": note, "raises": raises}


def twin(source, python, note=None, raises=False):
    """A code cell of a notebook past the seeds, with the PyTorch cell it mirrors. record_twins.py runs the Python
    twins on ipykernel + PyTorch and stores what they print (notebooks/twins/STEM.expect.json); test_notebooks.py
    compares the Java cell's output with it, as it compares seed cells with the reference notebooks."""
    return {"type": "code", "seed_in": None, "source": source.strip("\n"), "python": python.strip("\n"), "note": note, "raises": raises}


# The Python twins' first cell: the Java notebook's SETUP, and one intra-op thread, whose summation order the
# engine reproduces (PyTorch splits reductions over 32,768 elements across threads; the result then depends on
# the thread count).
TWIN_SETUP_PYTHON = "import torch\n_ = torch.manual_seed(0)\ntorch.set_num_threads(1)"


NB000 = ("000-autograd-basics", "Autograd basics: requires_grad, leaves, retain_graph, no_grad, .data, hooks", [
    md(r"""
# Autograd basics

We differentiate $f(x) = x^2 e^x$ automatically and check it against the hand-derived
$f'(x) = 2x e^x + x^2 e^x$. Then we look at what autograd records: which tensors require gradients, which are
**leaves**, why a second backward needs `retain_graph`, how `noGrad()` switches recording off, what `.data()` and
`detach()` give, and how to read the gradient of an intermediate value.

Python's `import torch` becomes `import static io.gradbook.autograd.Torch.*;`, which every Gradbook cell already has.""",
    r"""
# 自动求导基础

我们对 $f(x) = x^2 e^x$ 自动求导，并与手工推导的 $f'(x) = 2x e^x + x^2 e^x$ 对比。随后观察 autograd 记录了什么：
哪些张量需要梯度、什么是**叶子节点**、为什么第二次反向传播需要 `retain_graph`、`noGrad()` 如何关闭记录、
`.data()` 与 `detach()` 的区别，以及如何获得中间变量的梯度。Gradbook 的每个单元格都已导入 `Torch.*`。"""),
    code(None, SETUP),
    code("2", "// Python: import torch as t  (Torch.* is imported in every cell already)"),
    code("3", """Tensor f(Tensor x) {
    Tensor y = x.pow(2).mul(exp(x));
    return y;
}

Tensor gradF(Tensor x) {
    Tensor dx = x.mul(2).mul(exp(x)).add(x.pow(2).mul(exp(x)));
    return dx;
}"""),
    code("4", "var x = randn(3, 4).requiresGrad_();\nvar y = f(x);\ny"),
    code("5", "y.backward(ones(y.size()));        // the gradient has y's shape\nx.grad()"),
    code("6", "norm(sub(x.grad(), gradF(x)))    // automatic and hand-written gradients agree"),
    md(r"""Autograd gives $f'$ at every point we ask for. `plot(f, a, b)` draws $f$ on $[a, b]$ together with the
derivative autograd computed (one backward pass over 201 points), the same curve as the hand-derived $f'(x) = 2x e^x + x^2 e^x$.""",
       r"""autograd 可以在任意点给出 $f'$。`plot(f, a, b)` 在 $[a, b]$ 上画出 $f$ 以及 autograd 计算的导数（对 201 个点做一次反向传播），
与手工推导的 $f'(x) = 2x e^x + x^2 e^x$ 是同一条曲线。"""),
    code(None, "plot(x -> f(x), -3, 3).title(\"f(x) = x² eˣ and its derivative by autograd\")", note="plot"),
    md(r"""
## The graph autograd records
Every operation on a tensor that requires grad adds a node to a directed acyclic graph; `backward()` walks it from
the output to the leaves with the chain rule. For $z = w x + b$:
$\frac{\partial z}{\partial w} = x$, $\frac{\partial z}{\partial b} = 1$.""",
    r"""
## autograd 记录的计算图
对需要梯度的张量的每个操作都会在有向无环图中添加一个节点；`backward()` 从输出沿链式法则走到叶子。
对 $z = w x + b$：$\frac{\partial z}{\partial w} = x$，$\frac{\partial z}{\partial b} = 1$。"""),
    code("17", "var x = ones(1);\nvar b = rand(1).requiresGrad_();\nvar w = rand(1).requiresGrad_();\nvar y = w.mul(x);      // same as w * x\nvar z = y.add(b);"),
    code("18", "tuple(x.requiresGrad(), b.requiresGrad(), w.requiresGrad())"),
    code("19", "y.requiresGrad()    // y depends on w, which requires grad, so y requires grad too"),
    code("20", "tuple(x.isLeaf(), w.isLeaf(), b.isLeaf())"),
    code("21", "tuple(y.isLeaf(), z.isLeaf())"),
    code(None, "draw(z)", note="graph"),
    md(r"""
## retain_graph
To compute $\partial z/\partial w$ autograd saved $x$ during the forward pass. Those saved tensors are freed by
`backward()`, so a second backward needs `retain_graph=true` on the first (Java: `z.backward(null, true)`).
Gradients **accumulate** in `.grad`.""",
    r"""
## retain_graph
计算 $\partial z/\partial w$ 需要前向时保存的 $x$。这些中间值在 `backward()` 后被释放，若要再次反向传播，
第一次需传入 `retain_graph=true`（Java 写作 `z.backward(null, true)`）。梯度会在 `.grad` 中**累加**。"""),
    code("22", "z.backward(null, true);\nw.grad()"),
    code("23", "z.backward();\nw.grad()"),
    code("24", "var x = ones(1).requiresGrad_();\nvar w = rand(1).requiresGrad_();\nvar y = x.mul(w);\ntuple(x.requiresGrad(), w.requiresGrad(), y.requiresGrad())"),
    md(r"""## noGrad()
Python's `with torch.no_grad():` is a try-with-resources block in Java; nothing inside it is recorded.""",
       r"""## noGrad()
Python 的 `with torch.no_grad():` 在 Java 中是 try-with-resources 代码块，其中的运算不会被记录。"""),
    code("25", "try (var g = noGrad()) {\n    x = ones(1);\n    w = rand(1).requiresGrad_();\n    y = x.mul(w);\n}\ntuple(x.requiresGrad(), w.requiresGrad(), y.requiresGrad())"),
    md(r"""## .data() and detach()
`.data()` shares memory but is cut from the graph (and from the version check); `detach()` is also cut from the
graph but shares the version counter, so autograd still notices in-place changes.""",
       r"""## .data() 与 detach()
`.data()` 共享内存但脱离计算图（也不参与版本检查）；`detach()` 同样脱离计算图，但共享版本计数器，autograd 仍能发现原地修改。"""),
    code("26", "var a = ones(3, 4).requiresGrad_();\nvar b = ones(3, 4).requiresGrad_();\nvar c = a.mul(b);\na.data()   // still a tensor"),
    code("27", "a.data().requiresGrad()"),
    code("28", "var d = a.data().sigmoid_();       // sigmoid_ is in place: it changes a itself\nd.requiresGrad()"),
    code("30", "a    // a.requiresGrad() is still true"),
    code("31", "var tensor = a.detach();\ntensor.requiresGrad()"),
    code("32", "// statistics we do not want recorded\nvar mean = tensor.mean();\nvar std = tensor.std();"),
    md(r"""## Gradients of non-leaves
After `backward()` only leaves keep `.grad`; reading it on a non-leaf warns (as PyTorch does) and gives `None`.
Use `Autograd.grad(z, y)` or a hook to see an intermediate gradient.""",
       r"""## 非叶子节点的梯度
`backward()` 之后只有叶子节点保留 `.grad`；读取非叶子节点的 `.grad` 会给出警告并返回 `None`。
要查看中间变量的梯度，可用 `Autograd.grad(z, y)` 或 hook。"""),
    code("35", "var x = ones(3).requiresGrad_();\nvar w = rand(3).requiresGrad_();\nvar y = x.mul(w);\nvar z = y.sum();\ntuple(x.requiresGrad(), w.requiresGrad(), y.requiresGrad())"),
    code("36", "z.backward();    // a non-leaf's grad is not kept\ntuple(x.grad(), w.grad(), y.grad())"),
    code("37", "// way 1: Autograd.grad for an intermediate gradient\nvar x = ones(3).requiresGrad_();\nvar w = rand(3).requiresGrad_();\nvar y = x.mul(w);\nvar z = y.sum();\ntuple(Autograd.grad(z, y).toArray())"),
    code("38", """// way 2: a hook, called with the gradient
void variableHook(Tensor grad) {
    print("y的梯度", grad);
}
var x = ones(3).requiresGrad_();
var w = rand(3).requiresGrad_();
var y = x.mul(w);

// register the hook
var hookHandle = y.registerHook(g -> variableHook(g));
var z = y.sum();
z.backward();

// remove it when done
hookHandle.remove();"""),
])

NB001 = ("001-computational-graphs", "Computational graphs, reverse mode, and gradients of y = 2xᵀx", [
    md(r"""
# Computational graphs and automatic differentiation

A program is broken into operators and represented as an acyclic graph. Reverse-mode accumulation (backpropagation)
computes the gradient of one output with respect to all inputs in $O(n)$ time for $n$ operators, at the price of
keeping the forward intermediates ($O(n)$ memory). We then differentiate $y = 2\mathbf{x}^\top\mathbf{x}$, whose
gradient is $\nabla_{\mathbf{x}} y = 4\mathbf{x}$.""",
    r"""
# 计算图与自动求导

程序被分解为算子，并表示为无环图。反向累积（反向传播）以 $O(n)$ 的时间求一个输出对全部输入的梯度，代价是保存前向的
中间结果（$O(n)$ 内存）。随后我们对 $y = 2\mathbf{x}^\top\mathbf{x}$ 求导，其梯度为 $\nabla_{\mathbf{x}} y = 4\mathbf{x}$。"""),
    code(None, SETUP),
    code("1", "// the computational graph:\n//   break the code into operators\n//   represent the computation as an acyclic graph"),
    md(r"""
## Explicit versus implicit graph construction
The seed shows MXNet's *explicit* symbolic graph (`sym.var`) and its *implicit* recording (`autograd.record()`);
MXNet is not installed in the reference run either. PyTorch, and Gradbook, build the graph **implicitly**: any
operation on a tensor that requires grad is recorded as it runs, and you can inspect the result right away.""",
    r"""
## 显式与隐式构图
原文展示了 MXNet 的**显式**符号图（`sym.var`）与**隐式**记录（`autograd.record()`）；参考运行中同样没有安装 MXNet。
PyTorch 与 Gradbook 都**隐式**构图：对需要梯度的张量的运算在执行时即被记录，可以立即查看。"""),
    code("2", "// explicit construction (MXNet's sym) has no Gradbook counterpart: the graph is recorded as code runs\nvar a = ones(2, 1).requiresGrad_();\nvar b = ones(2, 1).requiresGrad_();\nvar c = a.mul(2).add(b);\nc.gradFn()", note="n/a: mxnet"),
    code("3", "// implicit construction: recording is on by default (MXNet needs autograd.record())\ndraw(c)", note="n/a: mxnet"),
    code("34", "// two modes of automatic differentiation\n//   forward accumulation: from the inputs towards the output\n//   reverse accumulation: from the output back (backpropagation)\n// reverse mode: O(n) time for n operators, O(n) memory for the saved intermediates"),
    code("85", "// differentiate y = 2 x^T x with respect to the column vector x\nvar x = arange(4.0);\nx"),
    code("86", "// a place to store the gradient\nx.requiresGrad_(true);   // same as arange(4.0).requiresGrad_()\nx.grad()"),
    code("87", "var y = dot(x, x).mul(2);\ny"),
    code("88", "y.backward();\nx.grad()"),
    code("89", "x.grad().eq(x.mul(4))"),
    md(r"""Gradients accumulate, so they are zeroed before the next backward.""",
       r"""梯度会累加，因此在下一次反向传播前需要清零。"""),
    code("90", "x.grad().zero_()"),
    code("91", "y = x.sum();\ny"),
    code("92", "y.backward();\nx.grad()"),
    code("93", "y = x.mul(x);\ny"),
    code("94", "// a non-scalar y needs a gradient argument; summing first is the same as backward(ones(4))\nx.grad().zero_();\ny = x.mul(x);\ny.sum().backward();\nx.grad()"),
    code("95", "// detach: u is a constant for autograd\nx.grad().zero_();\ny = x.mul(x);\nvar u = y.detach();\nvar z = u.mul(x);\nz.sum().backward();\nx.grad().eq(u)"),
    code("96", "x.grad().zero_();\ny.sum().backward();\nx.grad()"),
    md(r"""
## Control flow
The graph is recorded as the code runs, so loops and branches are fine. $f(a)$ is piecewise linear in $a$, hence
$\nabla f = f(a)/a$.""",
    r"""
## 控制流
计算图在代码执行时记录，因此循环与分支都没有问题。$f(a)$ 关于 $a$ 分段线性，所以 $\nabla f = f(a)/a$。"""),
    code("97", """Tensor fc(Tensor a) {
    var b = a.mul(2);
    while (b.norm().item() < 1000) {
        b = b.mul(2);
    }
    Tensor c;
    if (b.sum().item() > 0) {
        c = b;
    } else {
        c = b.mul(100);
    }
    return c;
}
var a = randn(new int[0]).requiresGrad_();   // a scalar
var d = fc(a);
d.backward();
tuple(a, a.grad().eq(d.div(a)))"""),
    code("98", """x.grad().zero_();
x = tensor(1.0).requiresGrad_();
var y1 = x.pow(2);
Tensor y2;
try (var g = noGrad()) {
    y2 = x.pow(3);
}
var y3 = y1.add(y2);
print(x.requiresGrad());
print(y1, y1.requiresGrad()); // true
print(y2, y2.requiresGrad()); // false
print(y3, y3.requiresGrad()); // true
y3.backward();
print(x.grad());   // y2's gradient is not propagated"""),
    code("106", """// change values without autograd noticing: work on .data()
x.grad().zero_();
x = ones(1).requiresGrad_();
print(x.data());      // still a tensor
print(x.data().requiresGrad());   // outside the graph
y = x.mul(x);
x.data().mul_(100);   // changes the value only
y.backward();
print(x);   // the value changed
print(x.grad())"""),
    md(r"""
## Watching backward run
`stepBackward(y)` runs the real `y.backward()` and shows it one node at a time, in the engine's order: which
gradient arrives at each node, what its rule sends to each input, and how the leaves' `.grad` fill up. Use the
buttons, the slider or the arrow keys. For $y = wx + x^2$ at $x = 2$, $w = 3$: $\partial y/\partial x = w + 2x = 7$
and $\partial y/\partial w = x = 2$.""",
       r"""
## 观察反向传播的执行
`stepBackward(y)` 运行真正的 `y.backward()`，并按引擎的执行顺序逐个节点展示：每个节点收到的梯度、它的求导规则传给
每个输入的梯度，以及叶子节点的 `.grad` 如何累加。可以用按钮、滑块或方向键浏览。对 $y = wx + x^2$，在 $x = 2$、$w = 3$ 处：
$\partial y/\partial x = w + 2x = 7$，$\partial y/\partial w = x = 2$。"""),
    code(None, """var x = tensor(2.0).requiresGrad_();
var w = tensor(3.0).requiresGrad_();
var y = w.mul(x).add(x.pow(2));
stepBackward(y)""", note="stepper"),
    code(None, "tuple(x.grad(), w.grad())"),
])

NB002 = ("002-gradients-and-jacobians", "Tensors and gradients; why backward takes a same-shaped tensor", [
    md(r"""
# Automatic gradients

A tensor with `requiresGrad()` true records the operations on it; `backward()` then fills `.grad` by the chain rule.
For a non-scalar $\mathbf{y}$, `backward(v)` computes the vector-Jacobian product $\mathbf{v}^\top J$ where
$J = \partial \mathbf{y}/\partial \mathbf{x}$: that is why it needs a tensor $\mathbf{v}$ of $\mathbf{y}$'s shape.""",
    r"""
# 自动求梯度

`requiresGrad()` 为真的张量会记录其上的操作；`backward()` 按链式法则填充 `.grad`。对非标量 $\mathbf{y}$，
`backward(v)` 计算向量-雅可比积 $\mathbf{v}^\top J$，其中 $J = \partial \mathbf{y}/\partial \mathbf{x}$，因此需要与
$\mathbf{y}$ 同形的张量 $\mathbf{v}$。"""),
    code(None, SETUP),
    code("2", "var x = ones(2, 2).requiresGrad_();\nprint(x);\nprint(x.gradFn());"),
    code("4", "var y = x.add(2);\nprint(y);\nprint(y.gradFn());"),
    md(r"""`x` was created directly, so it has no `gradFn`: it is a **leaf**. `y` was made by an addition and has one.""",
       r"""`x` 是直接创建的，没有 `gradFn`，称为**叶子节点**；`y` 由加法得到，所以有 `gradFn`。"""),
    code("5", "print(x.isLeaf(), y.isLeaf()); // True False"),
    code("6", "var z = y.mul(y).mul(3);\nvar out = z.mean();\nprint(z, out);"),
    md(r"""$out = \frac{1}{4}\sum_i 3(x_i+2)^2$, so $\frac{\partial out}{\partial x_i} = \frac{3}{2}(x_i+2) = 4.5$.""",
       r"""$out = \frac{1}{4}\sum_i 3(x_i+2)^2$，所以 $\frac{\partial out}{\partial x_i} = \frac{3}{2}(x_i+2) = 4.5$。"""),
    code("7", "out.backward(); // same as out.backward(tensor(1.))"),
    code("8", "print(x.grad());"),
    md(r"""Gradients accumulate across backward calls; zero them in place through `.data()`.""",
       r"""多次反向传播时梯度会累加；可以通过 `.data()` 原地清零。"""),
    code("10", "var out2 = x.sum();\nout2.backward();\nprint(x.grad());\n\nvar out3 = x.sum();\nx.grad().data().zero_();\nout3.backward();\nprint(x.grad());"),
    code("8", "x = tensor(1.0, 2.0, 3.0, 4.0).requiresGrad_();\ny = mul(2, x);\nz = y.view(2, 2);\nprint(z);"),
    code("9", "var v = tensor(new double[][] {{1.0, 0.1}, {0.01, 0.001}}, float_);\nz.backward(v);\nprint(x.grad());"),
    code("11", "x = tensor(1.0, 2.0, 3.0, 4.0).requiresGrad_();\ny = mul(2, x);\nvar z2 = y.view(2, 2);\nvar h = tensor(new double[][] {{1.0, 1.0}, {1.0, 1.0}}, float_);\nz2.backward(h);\nprint(x.grad());"),
    md(r"""
## Experiment: $l = (\mathbf{x} + \mathbf{y}) \cdot \mathbf{z}$
$\nabla_{\mathbf{x}} l = \nabla_{\mathbf{y}} l = \mathbf{z}$ and $\nabla_{\mathbf{z}} l = \mathbf{x} + \mathbf{y}$. Calling
`t.backward(z)` on the intermediate $\mathbf{t} = \mathbf{x}+\mathbf{y}$ gives the same $\mathbf{x}$ gradient.""",
    r"""
## 实验：$l = (\mathbf{x} + \mathbf{y}) \cdot \mathbf{z}$
$\nabla_{\mathbf{x}} l = \nabla_{\mathbf{y}} l = \mathbf{z}$，$\nabla_{\mathbf{z}} l = \mathbf{x} + \mathbf{y}$。对中间变量
$\mathbf{t} = \mathbf{x}+\mathbf{y}$ 调用 `t.backward(z)` 得到相同的 $\mathbf{x}$ 梯度。"""),
    code("20", "x = randn(3).requiresGrad_();\ny = randn(3).requiresGrad_();\nz = randn(3).requiresGrad_();\nprint(x);\nprint(y);\nprint(z);\n\nvar t = x.add(y);\nvar l = t.dot(z);   // inner product\nprint(t);\nprint(l);"),
    code("21", "l.backward(null, true);\nprint(x.grad());\nprint(y.grad()); // x.grad = y.grad = z\nprint(z);\n\nprint(z.grad()); // z.grad = t = x + y\nprint(t);"),
    code(None, "draw(l)", note="graph"),
    code("22", "x.grad().data().zero_();\ny.grad().data().zero_();\nz.grad().data().zero_();\n\nt.backward(z);\nprint(x.grad());\nprint(y.grad());"),
    md(r"""## Stopping gradient tracking""", r"""## 中断梯度追踪"""),
    code("12", "x = tensor(1.0).requiresGrad_();\nvar y1 = x.pow(2);\nTensor y2;\ntry (var g = noGrad()) {\n    y2 = x.pow(3);\n}\nvar y3 = y1.add(y2);\nprint(x.requiresGrad());\nprint(y1, y1.requiresGrad()); // True\nprint(y2, y2.requiresGrad()); // False\nprint(y3, y3.requiresGrad()); // True"),
    code("13", "y3.backward();\nprint(x.grad());"),
    code("14", "// PyTorch raises: y2 has no grad_fn\nexpectError(() -> y2.backward());", raises=True),
    code("15", "x = ones(1).requiresGrad_();\n\nprint(x.data()); // still a tensor\nprint(x.data().requiresGrad()); // but outside the graph\n\ny = mul(2, x);\nx.data().mul_(100); // changes the value only, not recorded\n\ny.backward();\nprint(x); // the value changed\nprint(x.grad());"),
    md(r"""
## Jacobians as projections
For $\mathbf{y} = \mathbf{x}^2$ (element-wise) $J$ is diagonal with $2x_i$, and `backward(ones(3))` returns its
diagonal. Below, indexed assignment `y[0] = ...` (Java `y.set(0, ...)`) builds three outputs from three scalars;
`backward(ones(3))` sums the rows of the Jacobian.""",
    r"""
## 从投影理解雅可比矩阵
对逐元素的 $\mathbf{y} = \mathbf{x}^2$，$J$ 为对角阵，对角元为 $2x_i$，`backward(ones(3))` 返回对角线。下面通过索引赋值
`y[0] = ...`（Java 写作 `y.set(0, ...)`）由三个标量构造三个输出，`backward(ones(3))` 对雅可比矩阵按行求和。"""),
    code("23", "x = randn(3).requiresGrad_();\nx"),
    code("24", "y = x.pow(2);\ny.backward(ones(3));\nx.grad()"),
    code("25", "x"),
    code("28", "var x1 = tensor(1, float_, true);\nvar x2 = tensor(2, float_, true);\nvar x3 = tensor(3, float_, true);\ny = randn(3);"),
    code("29", "y"),
    code("30", "y.set(0, x1.pow(2).add(x2.mul(2)).add(x3));\ny.set(1, x1.add(x2.pow(3)).add(x3.pow(2)));\ny.set(2, x1.mul(2).add(x2.pow(2)).add(x3.pow(3)));"),
    code("31", "y.backward(ones(3));"),
    code("32", "x1.grad()"),
    code("33", "x2.grad()"),
    code("34", "x3.grad()"),
    code("", ""),
])

NB003 = ("003-autograd-tutorial", "Autograd tutorial: a one-layer network, detach, and accumulating gradients", [
    md(r"""
# An autograd tutorial

Computing the loss: $z = wx + b$, $y = f(z)$, $L = \frac{1}{2}(y - t)^2$.
Computing the derivatives backwards: $\overline{L} = 1$, $\overline{y} = y - t$, $\overline{z} = \overline{y} f'(z)$,
$\overline{w} = \overline{z} x$, $\overline{b} = \overline{z}$. Autograd does exactly this for us, here for a
one-layer network with a binary cross-entropy loss on logits.""",
    r"""
# autograd 使用教程

前向计算损失：$z = wx + b$，$y = f(z)$，$L = \frac{1}{2}(y - t)^2$。反向计算导数：$\overline{L} = 1$，
$\overline{y} = y - t$，$\overline{z} = \overline{y} f'(z)$，$\overline{w} = \overline{z} x$，$\overline{b} = \overline{z}$。
autograd 自动完成这一切；这里以带 logits 二元交叉熵损失的单层网络为例。"""),
    code(None, SETUP),
    code("1", "var x = ones(5);  // input tensor\nvar y = zeros(3);  // expected output\nvar w = randn(5, 3).requiresGrad_();\nvar b = randn(3).requiresGrad_();\nvar z = matmul(x, w).add(b);\nvar loss = binaryCrossEntropyWithLogits(z, y);"),
    code("2", 'print("Gradient function for z = " + z.gradFn());\nprint("Gradient function for loss = " + loss.gradFn());'),
    code(None, "draw(loss)", note="graph"),
    code("3", "loss.backward();\nprint(w.grad());\nprint(b.grad());"),
    md(r"""## Disabling gradient tracking
For inference, or to freeze parameters, compute under `noGrad()` or `detach()` the result.""",
       r"""## 关闭梯度追踪
推理或冻结参数时，可在 `noGrad()` 中计算，或对结果调用 `detach()`。"""),
    code("4", "z = matmul(x, w).add(b);\nprint(z.requiresGrad());\n\ntry (var g = noGrad()) {\n    z = matmul(x, w).add(b);\n}\nprint(z.requiresGrad());"),
    code("5", "z = matmul(x, w).add(b);\nvar zDet = z.detach();\nprint(zDet.requiresGrad());"),
    md(r"""## Non-scalar outputs and accumulation
`backward(v)` with $\mathbf{v} = \mathbf{1}$ gives $\mathbf{1}^\top J$; calling it twice (with `retainGraph`) adds the
gradients, so training loops zero them first.""",
       r"""## 非标量输出与梯度累加
`backward(v)`（$\mathbf{v} = \mathbf{1}$）得到 $\mathbf{1}^\top J$；调用两次（需 `retainGraph`）梯度相加，所以训练循环需先清零。"""),
    code("6", 'var inp = eye(4, 5).requiresGrad_();\nvar out = inp.add(1).pow(2).t();\nout.backward(onesLike(out), true);\nprint("First call\\n" + inp.grad());\nout.backward(onesLike(out), true);\nprint("\\nSecond call\\n" + inp.grad());\ninp.grad().zero_();\nout.backward(onesLike(out), true);\nprint("\\nCall after zeroing gradients\\n" + inp.grad());'),
])

NB004 = ("004-grad-fn-and-the-graph", "grad_fn, next_functions and AccumulateGrad: walking the graph by hand", [
    md(r"""
# grad_fn and the backward graph

For $z = x^2 + y^3$ autograd records `AddBackward0` with two `PowBackward0` inputs, each leading to the
`AccumulateGrad` node of a leaf. We walk `nextFunctions()` by hand down to the leaf, confirm that
`AccumulateGrad.variable()` **is** the tensor `x`, and check the gradients $\partial z/\partial x = 2x$,
$\partial z/\partial y = 3y^2$.""",
    r"""
# grad_fn 与反向图

对 $z = x^2 + y^3$，autograd 记录了 `AddBackward0`，其两个输入为 `PowBackward0`，分别通向叶子的 `AccumulateGrad` 节点。
我们手动沿 `nextFunctions()` 走到叶子，确认 `AccumulateGrad.variable()` **就是**张量 `x`，并验证梯度
$\partial z/\partial x = 2x$、$\partial z/\partial y = 3y^2$。"""),
    code(None, SETUP),
    code("004-a", "var x = rand(3, 3).requiresGrad_();\nvar y = rand(3, 3).requiresGrad_();\nprint(x.gradFn(), y.gradFn());  // user-created leaves: no gradFn"),
    code("004-b", "var z = x.pow(2).add(y.pow(3));\nz"),
    code(None, "draw(z)", note="graph"),
    code("004-c", "z.gradFn()"),
    code("004-d", "print(z.gradFn());"),
    code("004-e", "tuple(x.isLeaf(), y.isLeaf(), z.isLeaf())"),
    md(r"""What a tensor and a node offer (Java's public members, the counterpart of Python's `dir()`):""",
       r"""张量与节点提供的成员（Java 的公有成员，对应 Python 的 `dir()`）："""),
    code("004-f", "dir(z)", note="n/a: Python attributes"),
    code("004-g", "dir(z.gradFn())", note="n/a: Python attributes"),
    md(r"""`nextFunctions()` lists, for each input of the node, the next node and which of its inputs the gradient
reaches.""", r"""`nextFunctions()` 列出节点每个输入对应的下一个节点，以及梯度到达它的第几个输入。"""),
    code("004-h", "z.gradFn().nextFunctions()"),
    code("004-i", "var xg = z.gradFn().nextFunctions().get(0).node();\nxg.nextFunctions()"),
    code("004-j", "var xLeaf = (AccumulateGrad) xg.nextFunctions().get(0).node();\nxLeaf.getClass()"),
    code("004-k", "xLeaf.nextFunctions()"),
    code("004-l", "xLeaf.variable()"),
    code("004-m", "print(xLeaf.variable().id());\nprint(x.id());"),
    code("004-n", "tuple(xLeaf.variable().id() == x.id(), xLeaf.variable() == x)"),
    code("004-o", "z.backward(onesLike(z));\nx.grad()"),
    code("004-p", "tuple(allclose(x.grad(), x.mul(2)), allclose(y.grad(), y.pow(2).mul(3)))"),
])

NB005 = ("005-learning-pytorch-with-examples", "Learning PyTorch with Examples: from hand-written gradients to nn, optim and custom modules", [
    md(r"""
# Learning PyTorch with Examples

PyTorch's own tutorial fits $y = \sin(x)$ on $[-\pi, \pi]$ with a third-order polynomial
$\hat y = a + b x + c x^2 + d x^3$, minimising the squared error, and rewrites the same fit six times, each time
letting the library do more: gradients by hand, then **autograd**, then a **custom autograd Function**, then the
**nn** package, then **optim**, then a **custom Module**, then a **dynamic** network that reuses its weights. Every
printed loss and weight below is what PyTorch 1.13 prints for the same code (the Python twin of each cell, from the
same seed).""",
    r"""
# 通过示例学习 PyTorch

PyTorch 官方教程用三阶多项式 $\hat y = a + b x + c x^2 + d x^3$ 在 $[-\pi, \pi]$ 上拟合 $y = \sin(x)$，最小化平方误差，
并把同一个拟合改写多次，每次让库多做一些：手写梯度，然后 **autograd**，然后**自定义 autograd Function**，
然后 **nn** 包，然后 **optim**，然后**自定义 Module**，最后是复用权重的**动态**网络。下面打印的每个损失和权重都与
PyTorch 1.13 对同一代码（每个单元格的 Python 对照版本，相同随机种子）的输出一致。"""),
    code(None, SETUP),
    md(r"""## The data
2000 points of $\sin(x)$. `linspace`, `sin`, `Math.PI` stand for `torch.linspace`, `torch.sin`, `math.pi`.""",
       r"""## 数据
$\sin(x)$ 上的 2000 个点。`linspace`、`sin`、`Math.PI` 对应 `torch.linspace`、`torch.sin`、`math.pi`。"""),
    twin("var x = linspace(-Math.PI, Math.PI, 2000);\nvar y = sin(x);\ntuple(x.get(1), y.get(1))",
         "import math\nx = torch.linspace(-math.pi, math.pi, 2000)\ny = torch.sin(x)\nx[1], y[1]"),
    md(r"""
## Tensors: gradients by hand
The loss is $L = \sum (\hat y - y)^2$, so $\partial L / \partial \hat y = 2 (\hat y - y)$ and, by the chain rule,
$\partial L/\partial a = \sum 2(\hat y - y)$, $\partial L/\partial b = \sum 2(\hat y - y)\,x$, and so on. We compute
them ourselves and step against them.""",
    r"""
## 张量：手写梯度
损失为 $L = \sum (\hat y - y)^2$，因此 $\partial L / \partial \hat y = 2 (\hat y - y)$，由链式法则得
$\partial L/\partial a = \sum 2(\hat y - y)$、$\partial L/\partial b = \sum 2(\hat y - y)\,x$，依此类推。我们自己计算梯度并沿反方向更新。"""),
    twin("""var a = randn();
var b = randn();
var c = randn();
var d = randn();

double learningRate = 1e-6;
for (int t = 0; t < 2000; t++) {
    // forward pass: predict y
    var yPred = a.add(b.mul(x)).add(c.mul(x.pow(2))).add(d.mul(x.pow(3)));

    // the loss, as a Java double
    double loss = yPred.sub(y).pow(2).sum().item();
    if (t % 100 == 99) print(t, loss);

    // backward pass by hand
    var gradYPred = yPred.sub(y).mul(2.0);
    var gradA = gradYPred.sum();
    var gradB = gradYPred.mul(x).sum();
    var gradC = gradYPred.mul(x.pow(2)).sum();
    var gradD = gradYPred.mul(x.pow(3)).sum();

    // gradient descent
    a.sub_(gradA.mul(learningRate));
    b.sub_(gradB.mul(learningRate));
    c.sub_(gradC.mul(learningRate));
    d.sub_(gradD.mul(learningRate));
}
print("Result: y =", a.item(), "+", b.item(), "x +", c.item(), "x^2 +", d.item(), "x^3");""",
         """a = torch.randn(())
b = torch.randn(())
c = torch.randn(())
d = torch.randn(())

learning_rate = 1e-6
for t in range(2000):
    y_pred = a + b * x + c * x ** 2 + d * x ** 3
    loss = (y_pred - y).pow(2).sum().item()
    if t % 100 == 99:
        print(t, loss)
    grad_y_pred = 2.0 * (y_pred - y)
    grad_a = grad_y_pred.sum()
    grad_b = (grad_y_pred * x).sum()
    grad_c = (grad_y_pred * x ** 2).sum()
    grad_d = (grad_y_pred * x ** 3).sum()
    a -= learning_rate * grad_a
    b -= learning_rate * grad_b
    c -= learning_rate * grad_c
    d -= learning_rate * grad_d
print('Result: y =', a.item(), '+', b.item(), 'x +', c.item(), 'x^2 +', d.item(), 'x^3')"""),
    md(r"""
## Autograd
With `requiresGrad_()` on the weights, autograd records the forward pass and `loss.backward()` fills `a.grad()`,
`b.grad()`, ... The update itself must not be recorded: it runs inside `noGrad()` (Python's
`with torch.no_grad():`), and the gradients are reset to `null` for the next step.""",
    r"""
## Autograd
对权重调用 `requiresGrad_()` 后，autograd 记录前向计算，`loss.backward()` 填好 `a.grad()`、`b.grad()` 等。
更新本身不应被记录：它在 `noGrad()`（即 Python 的 `with torch.no_grad():`）中进行，之后把梯度重置为 `null`。"""),
    twin("""var a = randn().requiresGrad_();
var b = randn().requiresGrad_();
var c = randn().requiresGrad_();
var d = randn().requiresGrad_();

double learningRate = 1e-6;
for (int t = 0; t < 2000; t++) {
    var yPred = a.add(b.mul(x)).add(c.mul(x.pow(2))).add(d.mul(x.pow(3)));
    var loss = yPred.sub(y).pow(2).sum();
    if (t % 100 == 99) print(t, loss.item());

    loss.backward();   // fills a.grad(), b.grad(), c.grad(), d.grad()

    try (var g = noGrad()) {
        a.sub_(a.grad().mul(learningRate));
        b.sub_(b.grad().mul(learningRate));
        c.sub_(c.grad().mul(learningRate));
        d.sub_(d.grad().mul(learningRate));
        a.setGrad(null);
        b.setGrad(null);
        c.setGrad(null);
        d.setGrad(null);
    }
}
print("Result: y =", a.item(), "+", b.item(), "x +", c.item(), "x^2 +", d.item(), "x^3");""",
         """a = torch.randn((), requires_grad=True)
b = torch.randn((), requires_grad=True)
c = torch.randn((), requires_grad=True)
d = torch.randn((), requires_grad=True)

learning_rate = 1e-6
for t in range(2000):
    y_pred = a + b * x + c * x ** 2 + d * x ** 3
    loss = (y_pred - y).pow(2).sum()
    if t % 100 == 99:
        print(t, loss.item())
    loss.backward()
    with torch.no_grad():
        a -= learning_rate * a.grad
        b -= learning_rate * b.grad
        c -= learning_rate * c.grad
        d -= learning_rate * d.grad
        a.grad = None
        b.grad = None
        c.grad = None
        d.grad = None
print('Result: y =', a.item(), '+', b.item(), 'x +', c.item(), 'x^2 +', d.item(), 'x^3')"""),
    md(r"""
## A custom autograd Function
A new operation with its own backward: the Legendre polynomial $P_3(x) = \tfrac12(5x^3 - 3x)$, whose derivative
$\tfrac32(5x^2 - 1)$ we write ourselves. `forward` saves its input with `ctx.saveForBackward`; `backward` reads it
back and multiplies the incoming gradient by the derivative. The model becomes $\hat y = a + b\,P_3(c + d x)$; the
node autograd records for it is `LegendrePolynomial3Backward`.""",
    r"""
## 自定义 autograd Function
一个带有自己反向传播的新运算：勒让德多项式 $P_3(x) = \tfrac12(5x^3 - 3x)$，其导数 $\tfrac32(5x^2 - 1)$ 由我们自己写出。
`forward` 用 `ctx.saveForBackward` 保存输入；`backward` 取回它，把传入的梯度乘以导数。模型变为
$\hat y = a + b\,P_3(c + d x)$；autograd 为它记录的节点是 `LegendrePolynomial3Backward`。"""),
    twin("""class LegendrePolynomial3 extends Autograd.Function {
    public Tensor forward(FunctionCtx ctx, Tensor... in) {
        ctx.saveForBackward(in[0]);
        return in[0].pow(3).mul(5).sub(in[0].mul(3)).mul(0.5);
    }

    public Tensor[] backward(FunctionCtx ctx, Tensor... grads) {
        Tensor input = ctx.savedTensors().get(0);
        return new Tensor[] {grads[0].mul(1.5).mul(input.pow(2).mul(5).sub(1))};
    }
}""",
         """class LegendrePolynomial3(torch.autograd.Function):
    @staticmethod
    def forward(ctx, input):
        ctx.save_for_backward(input)
        return 0.5 * (5 * input ** 3 - 3 * input)

    @staticmethod
    def backward(ctx, grad_output):
        input, = ctx.saved_tensors
        return grad_output * 1.5 * (5 * input ** 2 - 1)"""),
    twin("""var a = full(new int[] {}, 0.0).requiresGrad_();
var b = full(new int[] {}, -1.0).requiresGrad_();
var c = full(new int[] {}, 0.0).requiresGrad_();
var d = full(new int[] {}, 0.3).requiresGrad_();
double learningRate = 5e-6;
var P3 = new LegendrePolynomial3();
for (int t = 0; t < 2000; t++) {
    var yPred = a.add(b.mul(P3.apply(c.add(d.mul(x)))));
    var loss = yPred.sub(y).pow(2).sum();
    if (t % 100 == 99) print(t, loss.item());
    loss.backward();
    try (var g = noGrad()) {
        a.sub_(a.grad().mul(learningRate));
        b.sub_(b.grad().mul(learningRate));
        c.sub_(c.grad().mul(learningRate));
        d.sub_(d.grad().mul(learningRate));
        a.setGrad(null);
        b.setGrad(null);
        c.setGrad(null);
        d.setGrad(null);
    }
}
print("Result: y =", a.item(), "+", b.item(), "* P3(", c.item(), "+", d.item(), "x)");""",
         """a = torch.full((), 0.0, requires_grad=True)
b = torch.full((), -1.0, requires_grad=True)
c = torch.full((), 0.0, requires_grad=True)
d = torch.full((), 0.3, requires_grad=True)
learning_rate = 5e-6
P3 = LegendrePolynomial3.apply
for t in range(2000):
    y_pred = a + b * P3(c + d * x)
    loss = (y_pred - y).pow(2).sum()
    if t % 100 == 99:
        print(t, loss.item())
    loss.backward()
    with torch.no_grad():
        a -= learning_rate * a.grad
        b -= learning_rate * b.grad
        c -= learning_rate * c.grad
        d -= learning_rate * d.grad
        a.grad = None
        b.grad = None
        c.grad = None
        d.grad = None
print('Result: y =', a.item(), '+', b.item(), '* P3(', c.item(), '+', d.item(), 'x)')"""),
    twin("var q = P3.apply(tensor(0.5).requiresGrad_());\nq.gradFn()", "q = P3(torch.tensor(0.5, requires_grad=True))\nq.grad_fn"),
    md(r"""
## nn
The polynomial is a linear layer on the features $(x, x^2, x^3)$: `new Linear(3, 1)` holds the weights $b, c, d$
and the bias $a$, initialised as PyTorch initialises them (the same numbers for the same seed), and
`new Flatten(0, 1)` turns its (2000, 1) output into (2000,). `new MSELoss("sum")` is the summed squared error.
`model.forward(xx)` is Python's `model(xx)`.""",
    r"""
## nn
多项式就是特征 $(x, x^2, x^3)$ 上的线性层：`new Linear(3, 1)` 持有权重 $b, c, d$ 和偏置 $a$，其初始化与 PyTorch
相同（同一种子得到相同数值）；`new Flatten(0, 1)` 把 (2000, 1) 的输出变为 (2000,)。`new MSELoss("sum")` 是平方误差之和。
`model.forward(xx)` 即 Python 的 `model(xx)`。"""),
    twin("""var p = tensor(1L, 2L, 3L);
var xx = x.unsqueeze(-1).pow(p);   // (2000, 3): x, x^2, x^3

var model = new Sequential(new Linear(3, 1), new Flatten(0, 1));
var lossFn = new MSELoss("sum");
model""",
         """p = torch.tensor([1, 2, 3])
xx = x.unsqueeze(-1).pow(p)

model = torch.nn.Sequential(torch.nn.Linear(3, 1), torch.nn.Flatten(0, 1))
loss_fn = torch.nn.MSELoss(reduction='sum')
model"""),
    twin("""double learningRate = 1e-6;
for (int t = 0; t < 2000; t++) {
    var yPred = model.forward(xx);
    var loss = lossFn.forward(yPred, y);
    if (t % 100 == 99) print(t, loss.item());

    model.zeroGrad();
    loss.backward();

    try (var g = noGrad()) {
        for (var param : model.parameters()) param.sub_(param.grad().mul(learningRate));
    }
}
var linearLayer = (Linear) model.get(0);
print("Result: y =", linearLayer.bias.item(), "+", linearLayer.weight.get(0, 0).item(), "x +",
      linearLayer.weight.get(0, 1).item(), "x^2 +", linearLayer.weight.get(0, 2).item(), "x^3");""",
         """learning_rate = 1e-6
for t in range(2000):
    y_pred = model(xx)
    loss = loss_fn(y_pred, y)
    if t % 100 == 99:
        print(t, loss.item())
    model.zero_grad()
    loss.backward()
    with torch.no_grad():
        for param in model.parameters():
            param -= learning_rate * param.grad
linear_layer = model[0]
print('Result: y =', linear_layer.bias.item(), '+', linear_layer.weight[:, 0].item(), 'x +',
      linear_layer.weight[:, 1].item(), 'x^2 +', linear_layer.weight[:, 2].item(), 'x^3')""", note="n/a: float32 drift: PyTorch's Linear runs addmm (the bias inside the BLAS accumulator) and its OpenBLAS build sums the 2000-long weight gradient in another order; the printed losses agree for the first 1,700 steps (SGD) and 100 steps (RMSprop), then drift by ulps"),
    md(r"""
## optim
An optimizer owns the update rule: `optimizer.zeroGrad()`, `loss.backward()`, `optimizer.step()`. RMSprop scales
each step by a running average of squared gradients, so it can use a much larger learning rate. Options that
Python passes as keywords are fluent setters in Java (`new SGD(params, lr).momentum(0.9)`).""",
    r"""
## optim
优化器负责更新规则：`optimizer.zeroGrad()`、`loss.backward()`、`optimizer.step()`。RMSprop 用梯度平方的滑动平均
缩放每一步，因此可以用大得多的学习率。Python 中的关键字参数在 Java 中是链式设置方法（`new SGD(params, lr).momentum(0.9)`）。"""),
    twin("""var model = new Sequential(new Linear(3, 1), new Flatten(0, 1));
var lossFn = new MSELoss("sum");

double learningRate = 1e-3;
var optimizer = new RMSprop(model.parameters(), learningRate);
for (int t = 0; t < 2000; t++) {
    var yPred = model.forward(xx);
    var loss = lossFn.forward(yPred, y);
    if (t % 100 == 99) print(t, loss.item());

    optimizer.zeroGrad();
    loss.backward();
    optimizer.step();
}
var linearLayer = (Linear) model.get(0);
print("Result: y =", linearLayer.bias.item(), "+", linearLayer.weight.get(0, 0).item(), "x +",
      linearLayer.weight.get(0, 1).item(), "x^2 +", linearLayer.weight.get(0, 2).item(), "x^3");""",
         """model = torch.nn.Sequential(torch.nn.Linear(3, 1), torch.nn.Flatten(0, 1))
loss_fn = torch.nn.MSELoss(reduction='sum')

learning_rate = 1e-3
optimizer = torch.optim.RMSprop(model.parameters(), lr=learning_rate)
for t in range(2000):
    y_pred = model(xx)
    loss = loss_fn(y_pred, y)
    if t % 100 == 99:
        print(t, loss.item())
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
linear_layer = model[0]
print('Result: y =', linear_layer.bias.item(), '+', linear_layer.weight[:, 0].item(), 'x +',
      linear_layer.weight[:, 1].item(), 'x^2 +', linear_layer.weight[:, 2].item(), 'x^3')""", note="n/a: float32 drift: PyTorch's Linear runs addmm (the bias inside the BLAS accumulator) and its OpenBLAS build sums the 2000-long weight gradient in another order; the printed losses agree for the first 1,700 steps (SGD) and 100 steps (RMSprop), then drift by ulps"),
    md(r"""
## A custom Module
A model of your own extends `Module` and defines `forward`. Python registers a parameter when you assign an
`nn.Parameter` to an attribute; Java cannot see assignments, so the class registers each one by name
(`registerParameter("a", parameter(randn()))`), in the order the Python class assigns them, so the same seed
gives the same initial values. In a cell, `Module` is Gradbook's `nn.Module`, not `java.lang.Module`.""",
    r"""
## 自定义 Module
自己的模型继承 `Module` 并定义 `forward`。Python 在把 `nn.Parameter` 赋给属性时登记参数；Java 看不到赋值，
因此类按名字逐个登记（`registerParameter("a", parameter(randn()))`），顺序与 Python 类的赋值顺序相同，
这样同一种子得到相同的初始值。在单元格中 `Module` 指 Gradbook 的 `nn.Module`，而不是 `java.lang.Module`。"""),
    twin("""class Polynomial3 extends Module {
    Tensor a = registerParameter("a", parameter(randn()));
    Tensor b = registerParameter("b", parameter(randn()));
    Tensor c = registerParameter("c", parameter(randn()));
    Tensor d = registerParameter("d", parameter(randn()));

    @Override
    public Tensor forward(Tensor x) {
        return a.add(b.mul(x)).add(c.mul(x.pow(2))).add(d.mul(x.pow(3)));
    }

    String string() {
        return "y = " + PyRepr.str(a.item()) + " + " + PyRepr.str(b.item()) + " x + " + PyRepr.str(c.item()) + " x^2 + " + PyRepr.str(d.item()) + " x^3";
    }
}""",
         """class Polynomial3(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.a = torch.nn.Parameter(torch.randn(()))
        self.b = torch.nn.Parameter(torch.randn(()))
        self.c = torch.nn.Parameter(torch.randn(()))
        self.d = torch.nn.Parameter(torch.randn(()))

    def forward(self, x):
        return self.a + self.b * x + self.c * x ** 2 + self.d * x ** 3

    def string(self):
        return f'y = {self.a.item()} + {self.b.item()} x + {self.c.item()} x^2 + {self.d.item()} x^3'"""),
    twin("""var model = new Polynomial3();
var criterion = new MSELoss("sum");
var optimizer = new SGD(model.parameters(), 1e-6);
for (int t = 0; t < 2000; t++) {
    var yPred = model.forward(x);
    var loss = criterion.forward(yPred, y);
    if (t % 100 == 99) print(t, loss.item());

    optimizer.zeroGrad();
    loss.backward();
    optimizer.step();
}
print("Result: " + model.string());""",
         """model = Polynomial3()
criterion = torch.nn.MSELoss(reduction='sum')
optimizer = torch.optim.SGD(model.parameters(), lr=1e-6)
for t in range(2000):
    y_pred = model(x)
    loss = criterion(y_pred, y)
    if t % 100 == 99:
        print(t, loss.item())
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
print(f'Result: {model.string()}')"""),
    twin("print(model);", "print(model)"),
    md(r"""
## Control flow and weight sharing
Because the graph is recorded as the code runs, `forward` may use ordinary loops and branches. This network draws,
on every call, how many higher-order terms to add (a fourth and maybe a fifth power) and uses the **same** weight
`e` for each of them: the gradient of `e` sums over all its uses. (The tutorial draws the count with Python's
`random.randint(4, 6)`; here both sides draw it from torch's own generator, `4 + (int) (rand().item() * 3)`, so the
Java run makes the same choices as PyTorch. We also run 6000 steps instead of 30000.)""",
    r"""
## 控制流与权重共享
计算图在代码运行时记录，因此 `forward` 可以使用普通的循环与分支。这个网络每次调用时随机决定加入几个高阶项
（四次方，可能还有五次方），并且每一项都使用**同一个**权重 `e`：`e` 的梯度是它所有用处的梯度之和。
（原教程用 Python 的 `random.randint(4, 6)` 抽取项数；这里两边都用 torch 自己的生成器 `4 + (int) (rand().item() * 3)`，
因此 Java 与 PyTorch 做出相同的选择。步数也从 30000 减为 6000。）"""),
    twin("""class DynamicNet extends Module {
    Tensor a = registerParameter("a", parameter(randn()));
    Tensor b = registerParameter("b", parameter(randn()));
    Tensor c = registerParameter("c", parameter(randn()));
    Tensor d = registerParameter("d", parameter(randn()));
    Tensor e = registerParameter("e", parameter(randn()));

    @Override
    public Tensor forward(Tensor x) {
        var y = a.add(b.mul(x)).add(c.mul(x.pow(2))).add(d.mul(x.pow(3)));
        int top = 4 + (int) (rand().item() * 3);
        for (int exp = 4; exp < top; exp++) y = y.add(e.mul(x.pow(exp)));   // the same e each time
        return y;
    }

    String string() {
        return "y = " + PyRepr.str(a.item()) + " + " + PyRepr.str(b.item()) + " x + " + PyRepr.str(c.item()) + " x^2 + " + PyRepr.str(d.item()) + " x^3 + "
                + PyRepr.str(e.item()) + " x^4 ? + " + PyRepr.str(e.item()) + " x^5 ?";
    }
}""",
         """class DynamicNet(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.a = torch.nn.Parameter(torch.randn(()))
        self.b = torch.nn.Parameter(torch.randn(()))
        self.c = torch.nn.Parameter(torch.randn(()))
        self.d = torch.nn.Parameter(torch.randn(()))
        self.e = torch.nn.Parameter(torch.randn(()))

    def forward(self, x):
        y = self.a + self.b * x + self.c * x ** 2 + self.d * x ** 3
        for exp in range(4, 4 + int(torch.rand(()).item() * 3)):
            y = y + self.e * x ** exp
        return y

    def string(self):
        return f'y = {self.a.item()} + {self.b.item()} x + {self.c.item()} x^2 + {self.d.item()} x^3 + {self.e.item()} x^4 ? + {self.e.item()} x^5 ?'"""),
    twin("""var model = new DynamicNet();
var criterion = new MSELoss("sum");
var optimizer = new SGD(model.parameters(), 1e-8).momentum(0.9);
for (int t = 0; t < 6000; t++) {
    var yPred = model.forward(x);
    var loss = criterion.forward(yPred, y);
    if (t % 1000 == 999) print(t, loss.item());

    optimizer.zeroGrad();
    loss.backward();
    optimizer.step();
}
print("Result: " + model.string());""",
         """model = DynamicNet()
criterion = torch.nn.MSELoss(reduction='sum')
optimizer = torch.optim.SGD(model.parameters(), lr=1e-8, momentum=0.9)
for t in range(6000):
    y_pred = model(x)
    loss = criterion(y_pred, y)
    if t % 1000 == 999:
        print(t, loss.item())
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
print(f'Result: {model.string()}')"""),
    twin("optimizer", "optimizer"),
])


P3_JAVA = """
class LegendrePolynomial3 extends Autograd.Function {
    // forward: P3(x) = 1/2 (5x^3 - 3x), computed without recording; ctx keeps what backward needs
    public Tensor forward(FunctionCtx ctx, Tensor... in) {
        Tensor x = in[0];
        ctx.saveForBackward(x);
        return x.pow(3).mul(5).sub(x.mul(3)).mul(0.5);
    }

    // backward: the gradient of the input from the gradient of the output, P3'(x) = 3/2 (5x^2 - 1)
    public Tensor[] backward(FunctionCtx ctx, Tensor... grads) {
        Tensor x = ctx.savedTensors().get(0);
        return new Tensor[] {grads[0].mul(1.5).mul(x.pow(2).mul(5).sub(1))};
    }
}"""

P3_PYTHON = """
class LegendrePolynomial3(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return 0.5 * (5 * x ** 3 - 3 * x)

    @staticmethod
    def backward(ctx, grad_output):
        x, = ctx.saved_tensors
        return grad_output * 1.5 * (5 * x ** 2 - 1)"""

BADCUBE_JAVA = """
class BadCube extends Autograd.Function {
    public Tensor forward(FunctionCtx ctx, Tensor... in) {
        ctx.saveForBackward(in[0]);
        return in[0].pow(3);
    }

    public Tensor[] backward(FunctionCtx ctx, Tensor... grads) {
        Tensor x = ctx.savedTensors().get(0);
        return new Tensor[] {grads[0].mul(2).mul(x.pow(2))};  // wrong on purpose: d(x^3)/dx is 3x^2
    }
}
Autograd.gradcheck(xs -> new BadCube().apply(xs.get(0)), tensor(new double[] {0.5, -1.0}, float64).requiresGrad_())"""

BADCUBE_PYTHON = """
class BadCube(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x ** 3

    @staticmethod
    def backward(ctx, grad_output):
        x, = ctx.saved_tensors
        return grad_output * 2 * x ** 2  # wrong on purpose: d(x^3)/dx is 3x^2

torch.autograd.gradcheck(BadCube.apply, (torch.tensor([0.5, -1.0], dtype=torch.float64, requires_grad=True),))"""

NB006 = ("006-custom-functions-jacobians-forward-mode", "Custom autograd Functions, Jacobians and Hessians, forward vs reverse mode, gradcheck, anomaly detection", [
    md(r"""
# Custom Functions, Jacobians, and forward-mode AD

Everything so far used autograd's built-in ops. This notebook goes further into `torch.autograd`:

1. **Custom functions**: an op whose forward and backward we write ourselves (PyTorch's `LegendrePolynomial3`
   example), checked with `gradcheck`;
2. **Jacobians and Hessians** of whole functions with `Autograd.functional`;
3. **vjp vs jvp**: a vector-Jacobian product is one backward pass, a Jacobian-vector product is one *forward* pass;
4. **forward-mode AD** with dual tensors, and when it beats reverse mode;
5. **anomaly detection**: finding the forward line behind a `nan` gradient.

Every Java cell has a PyTorch twin; the outputs below are the ones PyTorch 1.13 prints for it.""",
    r"""
# 自定义 Function、雅可比矩阵与前向模式自动微分

前面的笔记本只用到了 autograd 的内置运算。本笔记本深入 `torch.autograd`：

1. **自定义函数**：自己编写前向与反向的运算（PyTorch 的 `LegendrePolynomial3` 示例），并用 `gradcheck` 检验；
2. 用 `Autograd.functional` 求整个函数的**雅可比矩阵与黑塞矩阵**；
3. **vjp 与 jvp**：向量-雅可比积是一次反向传播，雅可比-向量积是一次*前向*传播；
4. 用对偶张量做**前向模式自动微分**，以及它何时优于反向模式；
5. **异常检测**：找到产生 `nan` 梯度的那一行前向代码。

每个 Java 单元格都有一个 PyTorch 孪生单元格；下面的输出就是 PyTorch 1.13 对它打印的内容。"""),
    code(None, SETUP),
    md(r"""
## 1. A custom autograd Function

A subclass of `Autograd.Function` gives `forward` (run without recording) and `backward` (the gradient of each
input from the gradient of the output). `ctx.saveForBackward` keeps tensors for backward, with the same in-place
checks as built-in ops. Here $P_3(x) = \tfrac12(5x^3 - 3x)$, the Legendre polynomial of degree 3.""",
    r"""
## 1. 自定义 autograd Function

继承 `Autograd.Function`，实现 `forward`（运行时不记录计算图）和 `backward`（由输出的梯度求每个输入的梯度）。
`ctx.saveForBackward` 为反向传播保存张量，并和内置运算一样做原地修改检查。这里
$P_3(x) = \tfrac12(5x^3 - 3x)$ 是三次勒让德多项式。"""),
    twin(P3_JAVA, P3_PYTHON),
    md(r"""`new LegendrePolynomial3().apply(x)` runs it and records a node named after the class.""",
       r"""`new LegendrePolynomial3().apply(x)` 执行它，并记录一个以类名命名的节点。"""),
    twin("var x = tensor(0.5, 2.0).requiresGrad_();\nvar y = new LegendrePolynomial3().apply(x);\ny",
         "x = torch.tensor([0.5, 2.0], requires_grad=True)\ny = LegendrePolynomial3.apply(x)\ny"),
    twin("print(y.gradFn());\ny.gradFn().nextFunctions()", "print(y.grad_fn)\ny.grad_fn.next_functions"),
    twin("y.sum().backward();\nx.grad()", "y.sum().backward()\nx.grad"),
    md(r"""Because `backward` is written with tensor ops, it can itself be differentiated: `create_graph` gives the
second derivative $P_3''(x) = 15x$.""",
       r"""由于 `backward` 是用张量运算写成的，它本身也可以求导：`create_graph` 给出二阶导数 $P_3''(x) = 15x$。"""),
    twin("""var xd = tensor(new double[] {0.5, 2.0}, float64).requiresGrad_();
var g = Autograd.grad(List.of(new LegendrePolynomial3().apply(xd).sum()), List.of(xd), null, false, true, false).get(0);
print(g);
print(Autograd.grad(g.sum(), xd));""",
         """xd = torch.tensor([0.5, 2.0], dtype=torch.float64, requires_grad=True)
g, = torch.autograd.grad(LegendrePolynomial3.apply(xd).sum(), xd, create_graph=True)
print(g)
print(torch.autograd.grad(g.sum(), xd))"""),
    md(r"""
### Checking a backward with gradcheck

`gradcheck` compares the Jacobian that backward computes with central differences, in float64. A wrong backward
fails with both Jacobians printed: one row per input element, one column per output element.""",
    r"""
### 用 gradcheck 检验反向传播

`gradcheck` 在 float64 下把反向传播算出的雅可比矩阵与中心差分比较。错误的反向传播会失败，并打印两个雅可比矩阵：
每个输入元素一行，每个输出元素一列。"""),
    twin("Autograd.gradcheck(xs -> new LegendrePolynomial3().apply(xs.get(0)), tensor(new double[] {0.5, -1.0, 2.0}, float64).requiresGrad_())",
         "torch.autograd.gradcheck(LegendrePolynomial3.apply, (torch.tensor([0.5, -1.0, 2.0], dtype=torch.float64, requires_grad=True),))"),
    twin(BADCUBE_JAVA, BADCUBE_PYTHON, raises=True),
    md(r"""
## 2. Jacobians and Hessians of a function

`Autograd.functional.jacobian(f, x)` returns $\partial f_i/\partial x_j$ with shape `f(x).shape + x.shape`
(one backward pass per output element). For a function of two tensors the result is a tuple, one Jacobian per
input.""",
    r"""
## 2. 函数的雅可比矩阵与黑塞矩阵

`Autograd.functional.jacobian(f, x)` 返回 $\partial f_i/\partial x_j$，形状为 `f(x).shape + x.shape`
（每个输出元素一次反向传播）。对两个张量的函数，结果是一个元组，每个输入一个雅可比矩阵。"""),
    twin("Autograd.functional.jacobian(t -> t.pow(2).mul(3), tensor(1., 2., 3.))",
         "torch.autograd.functional.jacobian(lambda t: t ** 2 * 3, torch.tensor([1., 2., 3.]))"),
    twin("Autograd.functional.jacobian((a, b) -> a.mul(b).add(b.pow(2)), tensor(1., 2.), tensor(3., 4.))",
         "torch.autograd.functional.jacobian(lambda a, b: a * b + b ** 2, (torch.tensor([1., 2.]), torch.tensor([3., 4.])))"),
    md(r"""The Hessian of the Rosenbrock function $f(x) = (1 - x_0)^2 + 100(x_1 - x_0^2)^2$ at $(1, 2)$:""",
       r"""Rosenbrock 函数 $f(x) = (1 - x_0)^2 + 100(x_1 - x_0^2)^2$ 在 $(1, 2)$ 处的黑塞矩阵："""),
    twin("""import java.util.function.Function;
Function<Tensor, Tensor> rosenbrock = p -> p.get(0).rsub(1).pow(2).add(p.get(1).sub(p.get(0).pow(2)).pow(2).mul(100));
Autograd.functional.hessian(rosenbrock, tensor(1., 2.))""",
         """def rosenbrock(p):
    return (1 - p[0]) ** 2 + 100 * (p[1] - p[0] ** 2) ** 2
torch.autograd.functional.hessian(rosenbrock, torch.tensor([1., 2.]))"""),
    md(r"""
## 3. vjp vs jvp

Reverse mode computes a **vector-Jacobian product** $v^T J$ in one backward pass: a row combination of $J$.
A **Jacobian-vector product** $J v$ is a column combination. With $v = e_0$, vjp gives row 0 of $J$ and jvp gives
column 0.""",
    r"""
## 3. vjp 与 jvp

反向模式一次反向传播计算**向量-雅可比积** $v^T J$：$J$ 各行的组合。**雅可比-向量积** $J v$ 则是各列的组合。
取 $v = e_0$ 时，vjp 给出 $J$ 的第 0 行，jvp 给出第 0 列。"""),
    twin("""var w = tensor(new double[][] {{1., 2., 3.}, {0.5, -1., 0.25}, {2., 0., -1.}});
Function<Tensor, Tensor> f = t -> w.matmul(t.tanh());
var x0 = tensor(0.5, -1., 2.);
var e0 = tensor(1., 0., 0.);
print(Autograd.functional.jacobian(f, x0));
print(Autograd.functional.vjp(f, x0, e0));
print(Autograd.functional.jvp(f, x0, e0));""",
         """w = torch.tensor([[1., 2., 3.], [0.5, -1., 0.25], [2., 0., -1.]])
f = lambda t: w @ t.tanh()
x0 = torch.tensor([0.5, -1., 2.])
e0 = torch.tensor([1., 0., 0.])
print(torch.autograd.functional.jacobian(f, x0))
print(torch.autograd.functional.vjp(f, x0, e0))
print(torch.autograd.functional.jvp(f, x0, e0))"""),
    md(r"""`hvp` and `vhp` do the same for the Hessian of a scalar function without building it: $H v$ and $v^T H$.""",
       r"""`hvp` 与 `vhp` 对标量函数的黑塞矩阵做同样的事，而无需构造它：$H v$ 与 $v^T H$。"""),
    twin("print(Autograd.functional.hvp(rosenbrock, tensor(1., 2.), tensor(1., 0.)));\nprint(Autograd.functional.vhp(rosenbrock, tensor(1., 2.), tensor(1., 0.)));",
         "print(torch.autograd.functional.hvp(rosenbrock, torch.tensor([1., 2.]), torch.tensor([1., 0.])))\nprint(torch.autograd.functional.vhp(rosenbrock, torch.tensor([1., 2.]), torch.tensor([1., 0.])))"),
    md(r"""
## 4. Forward-mode AD

In forward mode every tensor carries a **tangent** next to its value, and every op computes the tangent of its
output as it computes the output: one forward pass gives $J v$ for the tangent $v$ we start with. Inside a
`dualLevel()`, `makeDual(x, v)` attaches $v$ to $x$; `unpackDual(y).tangent()` reads $J v$.""",
    r"""
## 4. 前向模式自动微分

在前向模式中，每个张量在其值旁边带着一个**切向量**（tangent），每个运算在计算输出的同时计算输出的切向量：
一次前向传播就得到起始切向量 $v$ 对应的 $J v$。在 `dualLevel()` 中，`makeDual(x, v)` 把 $v$ 附到 $x$ 上；
`unpackDual(y).tangent()` 读出 $J v$。"""),
    twin("""import io.gradbook.autograd.forward.ForwardAD;
try (var level = ForwardAD.dualLevel()) {
    var dual = ForwardAD.makeDual(x0, e0);
    var out = f.apply(dual);
    var unpacked = ForwardAD.unpackDual(out);
    print(unpacked.primal());
    print(unpacked.tangent());
}""",
         """import torch.autograd.forward_ad as fwAD
with fwAD.dual_level():
    dual = fwAD.make_dual(x0, e0)
    out = f(dual)
    unpacked = fwAD.unpack_dual(out)
    print(unpacked.primal)
    print(unpacked.tangent)"""),
    md(r"""The tangent is column 0 of the Jacobian above. A full Jacobian of $f: \mathbb{R}^n \to \mathbb{R}^m$ takes
$n$ forward passes (one per column) or $m$ backward passes (one per row): forward mode wins when the function has
few inputs and many outputs, reverse mode when it has many inputs and one output — a loss.""",
       r"""该切向量正是上面雅可比矩阵的第 0 列。求 $f: \mathbb{R}^n \to \mathbb{R}^m$ 的完整雅可比矩阵需要 $n$ 次前向传播
（每列一次）或 $m$ 次反向传播（每行一次）：输入少、输出多时前向模式更快；输入多、只有一个输出（损失函数）时反向模式更快。"""),
    twin("""var columns = new ArrayList<Tensor>();
try (var level = ForwardAD.dualLevel()) {
    for (int i = 0; i < 3; i++) {
        var dual = ForwardAD.makeDual(x0, eye(3).get(i));
        columns.add(ForwardAD.unpackDual(f.apply(dual)).tangent());
    }
}
var jacobianForward = stack(columns, 1);
print(jacobianForward);
print(allclose(jacobianForward, Autograd.functional.jacobian(f, x0)));""",
         """columns = []
with fwAD.dual_level():
    for i in range(3):
        dual = fwAD.make_dual(x0, torch.eye(3)[i])
        columns.append(fwAD.unpack_dual(f(dual)).tangent)
jacobian_forward = torch.stack(columns, 1)
print(jacobian_forward)
print(torch.allclose(jacobian_forward, torch.autograd.functional.jacobian(f, x0)))"""),
    md(r"""
## 5. Anomaly detection

A `nan` in a gradient is hard to trace: backward runs long after the forward line that caused it. With anomaly
detection on, every backward node is checked for `nan`, and the error comes with a warning that shows the
forward call that created the failing node (here `a / a` at $a = 0$).""",
    r"""
## 5. 异常检测

梯度中的 `nan` 很难追查：反向传播在导致它的前向代码之后很久才运行。开启异常检测后，每个反向节点都会检查 `nan`，
报错时附带一条警告，显示创建出错节点的那次前向调用（这里是 $a = 0$ 时的 `a / a`）。"""),
    twin("""var a = tensor(new double[] {0.0}).requiresGrad_();
a.div(a).sum().backward();
a.grad()""",
         """a = torch.tensor([0.0], requires_grad=True)
(a / a).sum().backward()
a.grad"""),
    twin("""var b = tensor(new double[] {0.0}).requiresGrad_();
try (var anomaly = Autograd.detectAnomaly()) {
    var q = b.div(b);
    q.sum().backward();
}""",
         """b = torch.tensor([0.0], requires_grad=True)
with torch.autograd.detect_anomaly():
    q = b / b
    q.sum().backward()""", raises=True),
])

NOTEBOOKS = [NB000, NB001, NB002, NB003, NB004, NB005, NB006]
