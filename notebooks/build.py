# SPDX-License-Identifier: Apache-2.0
"""Writes the course notebooks from course.py and executes them on the Gradbook kernel, storing the outputs.

    /usr/bin/python3 notebooks/build.py            (needs ./install.sh first, or JUPYTER_PATH with a gradbook kernelspec)
"""
import pathlib
import sys

import nbformat
from nbclient import NotebookClient

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import course  # noqa: E402

KERNELSPEC = {"name": "gradbook", "display_name": "Java (Gradbook)", "language": "java"}
LANGUAGE_INFO = {"name": "java", "file_extension": ".jshell", "mimetype": "text/x-java-source", "pygments_lexer": "java", "codemirror_mode": "text/x-java"}


def make(title, cells):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = KERNELSPEC
    nb.metadata["language_info"] = LANGUAGE_INFO
    nb.metadata["title"] = title
    for c in cells:
        if c["type"] == "markdown":
            nb.cells.append(nbformat.v4.new_markdown_cell(c["source"]))
        else:
            cell = nbformat.v4.new_code_cell(c["source"])
            cell.metadata["gradbook"] = {"seed_in": c["seed_in"]}
            if c.get("python") is not None:
                cell.metadata["gradbook"]["python"] = c["python"]  # the PyTorch cell it mirrors (record_twins.py)
            if c.get("note"):
                cell.metadata["gradbook"]["note"] = c["note"]
            if c.get("raises"):
                # Notebook 6, JupyterLab and nbclient go on past a cell with this tag when it fails
                cell.metadata["tags"] = ["raises-exception"]
            nb.cells.append(cell)
    return nb


def index_notebook():
    rows = "\n".join("| %d | [%s](%s.ipynb) | %s |" % (i, stem, stem, title) for i, (stem, title, _) in enumerate(course.NOTEBOOKS))
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = KERNELSPEC
    nb.metadata["language_info"] = LANGUAGE_INFO
    nb.cells.append(nbformat.v4.new_markdown_cell("""# Gradbook: autograd in Java, cell by cell · 用 Java 逐格学习自动求导

Work through the notebooks in this order. Each one is a Java port of a Chinese PyTorch autograd tutorial; every
code cell prints what PyTorch 1.13 prints for the original cell.

按以下顺序学习。每个笔记本都是一篇中文 PyTorch autograd 教程的 Java 版本，每个代码单元格的输出与 PyTorch 1.13 对原单元格的输出一致。

| # | notebook | topic |
|---|---|---|
""" + rows + """

## PyTorch ⇄ Gradbook

| PyTorch | Gradbook (Java) |
|---|---|
| `import torch` | nothing: `Torch.*` is imported in every cell |
| `torch.ones(2, 2, requires_grad=True)` | `ones(2, 2).requiresGrad_()` |
| `torch.tensor([1., 2.])`, `torch.tensor(1, dtype=torch.float, requires_grad=True)` | `tensor(1., 2.)`, `tensor(1, float_, true)` |
| `x + 2`, `2 * x`, `x ** 2`, `x @ w` | `x.add(2)`, `mul(2, x)`, `x.pow(2)`, `x.matmul(w)` |
| `x.requires_grad`, `x.is_leaf`, `x.grad`, `x.grad_fn` | `x.requiresGrad()`, `x.isLeaf()`, `x.grad()`, `x.gradFn()` |
| `y.backward(retain_graph=True)` | `y.backward(null, true)` |
| `with torch.no_grad():` | `try (var g = noGrad()) { ... }` |
| `x.data`, `x.detach()` | `x.data()`, `x.detach()` |
| `y[0] = expr` | `y.set(0, expr)` |
| `h = y.register_hook(fn)`, `h.remove()` | `var h = y.registerHook(g -> ...)`, `h.remove()` |
| `torch.autograd.grad(z, y)` | `Autograd.grad(z, y)` |
| `z.grad_fn.next_functions[0][0]` | `z.gradFn().nextFunctions().get(0).node()` |
| `a, b` at the end of a cell | `tuple(a, b)` |
| `print(a, b)` | `print(a, b)` |
| a trailing `;` hides the value | the same |
| a picture of the graph | `draw(z)` |
| `class F(torch.autograd.Function)`, `F.apply(x)` | `class F extends Autograd.Function`, `new F().apply(x)` |
| `torch.autograd.functional.jacobian(f, x)`, `hessian`, `vjp`, `jvp` | `Autograd.functional.jacobian(t -> ..., x)`, `hessian`, `vjp`, `jvp` |
| `with fwAD.dual_level():`, `fwAD.make_dual(x, v)`, `fwAD.unpack_dual(y).tangent` | `try (var l = ForwardAD.dualLevel())`, `ForwardAD.makeDual(x, v)`, `ForwardAD.unpackDual(y).tangent()` |
| `torch.autograd.gradcheck(f, (x,))` | `Autograd.gradcheck(xs -> f(xs.get(0)), x)` |
| `with torch.autograd.detect_anomaly():` | `try (var a = Autograd.detectAnomaly())` |
"""))
    return nb


def execute(nb, kernel_name="gradbook", cwd=HERE):
    client = NotebookClient(nb, timeout=300, kernel_name=kernel_name, allow_errors=True, resources={"metadata": {"path": str(cwd)}})
    client.execute()
    return nb


def main():
    for stem, title, cells in course.NOTEBOOKS:
        nb = execute(make(title, cells))
        nbformat.write(nb, HERE / (stem + ".ipynb"))
        print("wrote", stem + ".ipynb")
    nbformat.write(index_notebook(), HERE / "index.ipynb")
    print("wrote index.ipynb")


if __name__ == "__main__":
    main()
