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

NOTEBOOKS = [NB000, NB001, NB002, NB003, NB004]
