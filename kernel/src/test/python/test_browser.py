# SPDX-License-Identifier: Apache-2.0
"""The course as a student sees it, in a real browser (issue 13): a fresh install.sh into a temporary data
directory, Debian's Jupyter Notebook 6 on loopback with a token, headless Chromium through Selenium. Each course
notebook opens trusted with its stored pictures drawn, Run All goes to the end with error outputs only in the
cells tagged raises-exception, every graph's node texts lie inside their boxes (getBBox), no edge passes through
a node, every card shows PyTorch's text; an untrusted copy shows the picture's text form; the exported HTML,
opened from a directory with nothing else in it, shows typeset math. Screenshots: kernel/target/screenshots/."""
import json
import os
import pathlib
import shutil
import socket
import subprocess
import time
import urllib.request

import nbformat
import pytest

ROOT = pathlib.Path(__file__).resolve().parents[4]
SHOTS = ROOT / "kernel" / "target" / "screenshots"
COURSE = sorted(p.name for p in (ROOT / "notebooks").glob("0*.ipynb"))
WIDTH = 760  # the window the issue names: readable at 100% zoom

pytestmark = pytest.mark.skipif(not (shutil.which("chromium") and shutil.which("chromedriver") and shutil.which("jupyter-notebook")),
                                reason="needs chromium, chromium-driver and jupyter-notebook (tests/packages.txt)")

# In the page: each graph picture's boxes, the texts outside their box, the edges through a box, the scale.
GRAPH_CHECK = """
const out = [];
for (const svg of document.querySelectorAll('svg.gradbook-graph')) {
  const nodes = [...svg.querySelectorAll('g.node')].map(g => {
    const r = g.querySelector('rect').getBBox();
    return {g, r};
  });
  const overflow = [];
  for (const {g, r} of nodes) {
    for (const t of g.querySelectorAll('text')) {
      const b = t.getBBox();
      if (b.x < r.x - 0.5 || b.y < r.y - 0.5 || b.x + b.width > r.x + r.width + 0.5 || b.y + b.height > r.y + r.height + 0.5)
        overflow.push(t.textContent + ' ' + JSON.stringify([b.x, b.y, b.width, b.height]) + ' in ' + JSON.stringify([r.x, r.y, r.width, r.height]));
    }
  }
  const crossing = [];
  for (const p of svg.querySelectorAll('path.edge')) {
    const len = p.getTotalLength();
    for (let s = 0; s <= len; s += 2) {
      const q = p.getPointAtLength(s);
      for (const {g, r} of nodes) {
        if (q.x > r.x + 1 && q.x < r.x + r.width - 1 && q.y > r.y + 1 && q.y < r.y + r.height - 1) {
          crossing.push(p.getAttribute('d') + ' through ' + g.id);
          break;
        }
      }
    }
  }
  const legendFills = [...svg.querySelectorAll('g.legend rect')].map(r => r.getAttribute('fill'));
  const nodeFills = new Set(nodes.map(n => n.g.querySelector('rect').getAttribute('fill')));
  const shown = svg.getBoundingClientRect();
  const fontPx = parseFloat(getComputedStyle(svg.querySelector('g.node text')).fontSize) * shown.width / svg.viewBox.baseVal.width;
  const box = svg.parentElement.getBoundingClientRect();
  out.push({nodes: nodes.length, texts: svg.querySelectorAll('g.node text').length, overflow, crossing: [...new Set(crossing)],
            legendExtra: legendFills.filter(f => !nodeFills.has(f)), fontPx, width: shown.width, room: box.width});
}
return out;
"""

CELLS = """
return Jupyter.notebook.get_cells().filter(c => c.cell_type === 'code').map(c => ({
  source: c.get_text(), prompt: c.input_prompt_number === undefined ? null : c.input_prompt_number,
  tags: (c.metadata.tags || []), outputs: c.output_area.outputs.map(o => ({type: o.output_type, ename: o.ename || null,
    plain: o.data ? (o.data['text/plain'] || null) : null, html: o.data ? (o.data['text/html'] || null) : null}))
}));
"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """A fresh install (the course signed for this user), a Notebook 6 server over a copy of the course."""
    tmp = tmp_path_factory.mktemp("student")
    env = dict(os.environ, XDG_DATA_HOME=str(tmp / "data"), JUPYTER_DATA_DIR=str(tmp / "jupyter"),
               JUPYTER_CONFIG_DIR=str(tmp / "config"), JUPYTER_RUNTIME_DIR=str(tmp / "runtime"))
    env.pop("JUPYTER_PATH", None)  # only what install.sh registered
    done = subprocess.run(["bash", str(ROOT / "install.sh")], env=env, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "course notebooks signed" in done.stdout, done.stdout
    work = tmp / "course"
    shutil.copytree(ROOT / "notebooks", work, ignore=shutil.ignore_patterns("export", "__pycache__"))
    # an unsigned copy: what a student gets who never ran install.sh
    nb = nbformat.read(work / "004-grad-fn-and-the-graph.ipynb", as_version=4)
    nb.metadata["title"] += " (copy)"
    nbformat.write(nb, work / "untrusted-004.ipynb")
    # errors as a student makes them: Python habits and a failing method, each cell tagged so Run All goes on
    demo = nbformat.v4.new_notebook(metadata={"kernelspec": {"name": "gradbook", "display_name": "Java (Gradbook)", "language": "java"}})
    for src in ["var x = ones(2).requiresGrad_();", "x + 2", "var y = x ** 2;", "x.grad",
                "Tensor twice(Tensor t) {\n    return t.mul(2).backward();\n}", "Tensor half(Tensor t) {\n    t.sum().backward();\n    return t.div(2);\n}\nhalf(ones(3))"]:
        demo.cells.append(nbformat.v4.new_code_cell(src, metadata={"tags": ["raises-exception"]}))
    demo.cells.append(nbformat.v4.new_code_cell("x.add(2)"))
    nbformat.write(demo, work / "errors-demo.ipynb")
    token = "gradbook-browser-test"
    log = open(tmp / "server.log", "w")
    # the server binds the port itself, moving on from a taken one, and says which in its runtime file: a port found
    # free here and bound by the server seconds later (--port-retries=0) could be taken meanwhile
    server = subprocess.Popen(["jupyter-notebook", "--no-browser", "--ip=127.0.0.1", "--port=%d" % free_port(), "--port-retries=50",
                               "--NotebookApp.token=" + token, "--notebook-dir=" + str(work)] + (["--allow-root"] if os.geteuid() == 0 else []), env=env, stdout=log, stderr=subprocess.STDOUT)
    info = tmp / "runtime" / ("nbserver-%d.json" % server.pid)
    deadline = time.time() + 60
    while True:
        try:
            port = json.loads(info.read_text())["port"]  # written once the server listens
            break
        except (OSError, ValueError, KeyError):
            assert time.time() < deadline and server.poll() is None, (tmp / "server.log").read_text()
            time.sleep(0.3)
    base = "http://127.0.0.1:%d" % port
    while True:
        try:
            urllib.request.urlopen(base + "/api/status?token=" + token, timeout=2)
            break
        except OSError:
            assert time.time() < deadline and server.poll() is None, (tmp / "server.log").read_text()
            time.sleep(0.3)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    opts = webdriver.ChromeOptions()
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=%d,1000" % WIDTH,
              "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--allow-file-access-from-files"):
        opts.add_argument(a)
    opts.binary_location = shutil.which("chromium")
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=opts)
    driver.set_script_timeout(60)
    SHOTS.mkdir(parents=True, exist_ok=True)
    try:
        yield driver, base, token, tmp
    finally:
        driver.quit()
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
        subprocess.run(["bash", str(ROOT / "install.sh"), "--uninstall"], env=env, capture_output=True, timeout=120)


def wait_for(driver, script, timeout, what):
    deadline = time.time() + timeout
    while True:
        value = driver.execute_script(script)
        if value:
            return value
        assert time.time() < deadline, "timed out waiting for " + what
        time.sleep(0.25)


def screenshot(driver, path):
    """The whole notebook: the window made as tall as the page (the notebook scrolls inside #site)."""
    height = driver.execute_script(
        "const s = document.getElementById('site'); return s ? s.scrollHeight + (document.getElementById('header') || {offsetHeight: 0}).offsetHeight"
        " : document.documentElement.scrollHeight;")
    driver.set_window_size(WIDTH, min(int(height) + 40, 16000))
    time.sleep(0.5)
    # chromedriver gives the renderer a fixed 10 s to paint a capture; a page up to 16,000 px tall took longer at load
    # 35 ("Timed out receiving message from renderer: 10.000"). The picture is a record, not a check, and the page
    # does not change meanwhile: it is asked for again (what the test asserts is asserted elsewhere, once)
    from selenium.common.exceptions import TimeoutException
    for attempt in range(3):
        try:
            driver.save_screenshot(str(path))
            break
        except TimeoutException:
            if attempt == 2:
                raise
            time.sleep(5)
    driver.set_window_size(WIDTH, 1000)


def open_notebook(driver, base, token, name):
    driver.get("%s/notebooks/%s?token=%s" % (base, name, token))
    wait_for(driver, "return window.Jupyter && Jupyter.notebook && Jupyter.notebook._fully_loaded", 60, name + " to load")


def check_graphs(driver, name):
    graphs = driver.execute_script(GRAPH_CHECK)
    for g in graphs:
        assert g["nodes"] >= 2 and g["texts"] > g["nodes"], (name, g)
        assert not g["overflow"], "%s: node text outside its box: %s" % (name, g["overflow"][:5])
        assert not g["crossing"], "%s: edge through a node: %s" % (name, g["crossing"][:5])
        assert not g["legendExtra"], "%s: legend lists kinds not in the graph: %s" % (name, g["legendExtra"])
        assert g["width"] <= g["room"] + 1, "%s: picture wider than the output area: %s" % (name, g)
        assert g["fontPx"] >= 10.5, "%s: node text drawn at %.1f px in a %d px window" % (name, g["fontPx"], WIDTH)
    return graphs


@pytest.mark.parametrize("name", COURSE)
def test_student_opens_and_runs_all(course, name):
    driver, base, token, tmp = course
    open_notebook(driver, base, token, name)
    assert driver.execute_script("return Jupyter.notebook.trusted") is True, "%s opens untrusted after install.sh" % name
    # graph pictures and plots sent as SVG (a stepper's graph sits inside its HTML and is not one of them)
    stored = driver.execute_script("return [...document.querySelectorAll('.output_area svg.gradbook-graph, .output_area svg.gradbook-plot')]"
                                   ".filter(e => !e.closest('.gradbook-stepper')).length")
    pictures = sum(1 for c in nbformat.read(ROOT / "notebooks" / name, as_version=4).cells
                   for o in c.get("outputs", []) if "image/svg+xml" in o.get("data", {}))
    assert stored == pictures, "%s: %d stored pictures drawn before running, %d stored" % (name, stored, pictures)
    screenshot(driver, SHOTS / (name.replace(".ipynb", "") + "-opened.png"))

    wait_for(driver, "const k = Jupyter.notebook.kernel; return k && k.is_connected() && k.info_reply && k.info_reply.status === 'ok'", 90, "the kernel")
    driver.execute_script("Jupyter.notebook.clear_all_output(); Jupyter.notebook.execute_all_cells();")
    wait_for(driver, """const cs = Jupyter.notebook.get_cells().filter(c => c.cell_type === 'code' && c.get_text().trim());
                        return cs.length && cs.every(c => typeof c.input_prompt_number === 'number') && !Jupyter.notebook.kernel_busy;""",
             240, name + " to run to the end (Run All stopped: a cell has no execution count)")
    time.sleep(0.5)
    cells = driver.execute_script(CELLS)
    for c in cells:
        errors = [o for o in c["outputs"] if o["type"] == "error"]
        if "raises-exception" in c["tags"]:
            assert errors, "%s: the deliberate error cell shows no error: %r" % (name, c["source"])
        else:
            assert not errors, "%s: unexpected error in %r: %s" % (name, c["source"], errors)
    # cards: the text PyTorch prints, as the page shows it
    shown = driver.execute_script("return [...document.querySelectorAll('.gradbook-tensor > pre')].map(p => p.textContent)")
    expected = [o["plain"] for c in cells for o in c["outputs"] if o["html"] and "gradbook-tensor" in o["html"]]
    assert shown == expected, name
    zebra = driver.execute_script("return [...document.querySelectorAll('.gradbook-tensor tr')].map(r => getComputedStyle(r).backgroundColor)")
    assert all(b in ("rgba(0, 0, 0, 0)", "transparent") for b in zebra), "%s: notebook CSS reaches into the cards: %s" % (name, set(zebra))
    graphs = check_graphs(driver, name)
    # every graph picture is checked: those sent as SVG and the one inside each backward stepper (plots are not graphs)
    drawn = sum(1 for c in nbformat.read(ROOT / "notebooks" / name, as_version=4).cells for o in c.get("outputs", [])
                for v in (o.get("data", {}).get("image/svg+xml", ""), o.get("data", {}).get("text/html", "")) if "gradbook-graph" in v)
    assert len(graphs) == drawn, name
    screenshot(driver, SHOTS / (name.replace(".ipynb", "") + "-run-all.png"))
    driver.execute_script("Jupyter.notebook.session.delete()")  # the next notebook starts its own kernel


def test_errors_look_like_ipykernel(course):
    driver, base, token, tmp = course
    open_notebook(driver, base, token, "errors-demo.ipynb")
    wait_for(driver, "const k = Jupyter.notebook.kernel; return k && k.is_connected() && k.info_reply && k.info_reply.status === 'ok'", 90, "the kernel")
    driver.execute_script("Jupyter.notebook.execute_all_cells();")
    wait_for(driver, "return Jupyter.notebook.get_cells().every(c => typeof c.input_prompt_number === 'number')", 120, "Run All past the tagged errors")
    time.sleep(0.5)
    shown = driver.execute_script("""return [...document.querySelectorAll('.output_error pre')].map(p => ({
        text: p.textContent, red: [...p.querySelectorAll('.ansi-red-fg')].map(s => s.textContent),
        green: [...p.querySelectorAll('.ansi-green-fg')].map(s => s.textContent), cyan: [...p.querySelectorAll('.ansi-cyan-fg')].map(s => s.textContent)}))""")
    assert len(shown) == 5, shown
    for e in shown:
        assert any(r in ("CompilationError", "RuntimeError") for r in e["red"]), e
        assert any(g.startswith("----> ") for g in e["green"]), e
    assert "Hint:" in shown[0]["cyan"] and "use `x.add(2)`" in shown[0]["text"], shown[0]
    assert "use `x.pow(2)`" in shown[1]["text"] and "use `x.grad()`" in shown[2]["text"], shown[1:3]
    # a frame per call, most recent last, the method named (its line numbers are the evaluator's: issue 14)
    assert "half()" in shown[4]["cyan"] and "----> 5 half(ones(3))" in shown[4]["text"], shown[4]
    screenshot(driver, SHOTS / "errors-demo-run-all.png")
    driver.execute_script("Jupyter.notebook.session.delete()")


def test_untrusted_copy_shows_the_text_form(course):
    driver, base, token, tmp = course
    open_notebook(driver, base, token, "untrusted-004.ipynb")
    assert driver.execute_script("return Jupyter.notebook.trusted") is False
    assert driver.execute_script("return document.querySelectorAll('.output_area svg').length") == 0
    texts = driver.execute_script("return [...document.querySelectorAll('.output_area .output_text pre')].map(p => p.textContent)")
    graph = [t for t in texts if t.startswith("autograd graph")]
    assert graph and "AccumulateGrad" in graph[0] and "\n" in graph[0], texts
    screenshot(driver, SHOTS / "untrusted-004-opened.png")
    driver.execute_script("Jupyter.notebook.session.delete()")


def test_exported_html_renders_math_offline(course, tmp_path):
    driver, base, token, tmp = course
    subprocess.run(["/usr/bin/python3", str(ROOT / "notebooks" / "export.py"), "--out", str(tmp_path / "export"),
                    str(ROOT / "notebooks" / "000-autograd-basics.ipynb")], check=True, timeout=300)
    alone = tmp_path / "elsewhere"
    alone.mkdir()
    page = alone / "000-autograd-basics.html"
    shutil.copy(tmp_path / "export" / "000-autograd-basics.html", page)
    assert "<script" not in page.read_text() and "file://" not in page.read_text()
    driver.get(page.as_uri())
    math = driver.execute_script("return [...document.querySelectorAll('.MathJax_SVG svg')].filter(s => s.getBoundingClientRect().width > 0).length")
    assert math >= 5, "typeset formulas shown: %d" % math
    raw = driver.execute_script("return document.querySelector('.jp-MarkdownCell').innerText")
    assert "\\frac" not in raw and "$" not in raw, raw[:300]
    assert driver.execute_script("return document.querySelectorAll('svg.gradbook-graph g.node').length") >= 5
    check_graphs(driver, "exported 000")
    screenshot(driver, SHOTS / "000-autograd-basics-exported.png")
    # as printed on A4 (7.27 in of text at 96 px/in): no code or output line runs off the page
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    driver.set_window_size(698, 1000)
    clipped = driver.execute_script("return [...document.querySelectorAll('pre')].filter(p => p.scrollWidth > p.clientWidth + 1).map(p => p.textContent.slice(0, 60))")
    longest = driver.execute_script("return Math.max(...[...document.querySelectorAll('pre')].map(p => p.textContent.split('\\n').reduce((m, l) => Math.max(m, l.length), 0)))")
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    assert longest > 100 and not clipped, "lines clipped in print: %s" % clipped
