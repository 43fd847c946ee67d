# SPDX-License-Identifier: Apache-2.0
"""The SIMD kernels inside the kernel: the benchmark row x.sin().mul(x).exp().sum() fwd+bwd on 1000x1000 as cells,
with math.Simd on and off alternately in one kernel process (so both see the same JIT and load), under install.sh's
JVM options and compiler directives. Checks that the Vector API reaches C2 there: were it left to C1 or the
interpreter, the SIMD runs would be tens of times slower than the scalar ones, not faster.

    mvn -B -ntp -o -q -pl kernel -am package -DskipTests
    /usr/bin/python3 bench/kernel_simd.py . /usr/lib/jvm/temurin-25-jdk-amd64/bin/java \
        --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow

(arguments: the repository, the java to run, then the JVM options install.sh adds for that JDK).
"""
import json, os, pathlib, sys, tempfile, time
from jupyter_client.manager import KernelManager
repo = pathlib.Path(sys.argv[1])
java = sys.argv[2]
target = repo / "kernel" / "target"
jar = sorted(target.glob("gradbook-kernel-*.jar"))[0]
root = pathlib.Path(tempfile.mkdtemp())
spec = root / "kernels" / "gbcheck"
spec.mkdir(parents=True)
argv = [java, "-Xss8m", "-XX:+UseSerialGC", "-XX:+UnlockDiagnosticVMOptions",
        "-XX:CompilerDirectivesFile=%s" % (repo / "kernel/src/main/kernelspec/compiler-directives.json"),
        "-Dfile.encoding=UTF-8", "--add-opens", "jdk.jshell/jdk.jshell=ALL-UNNAMED", "--add-opens",
        "jdk.jshell/jdk.jshell.execution=ALL-UNNAMED"] + sys.argv[3:] + [
        "-cp", "%s:%s/*" % (jar, target / "lib"), "io.gradbook.kernel.Main", "{connection_file}"]
(spec / "kernel.json").write_text(json.dumps({"argv": argv, "display_name": "gbcheck", "language": "java",
                                              "interrupt_mode": "message", "env": {"OMP_NUM_THREADS": "1"}}))
os.environ["JUPYTER_PATH"] = str(root)
km = KernelManager(kernel_name="gbcheck")
km.start_kernel()
kc = km.client()
kc.start_channels()
kc.wait_for_ready(timeout=120)

def run(code):
    outs = []
    def hook(msg):
        c = msg["content"]
        if msg["msg_type"] == "stream":
            outs.append(c["text"])
        elif msg["msg_type"] in ("execute_result", "display_data"):
            outs.append(c["data"].get("text/plain", ""))
        elif msg["msg_type"] == "error":
            outs.append("ERROR " + c["ename"] + " " + c["evalue"])
    kc.execute_interactive(code, output_hook=hook, timeout=600)
    return "".join(outs).strip()

print("simd enabled:", run("io.gradbook.autograd.math.Simd.enabled()"))
run("var sx = randn(1000, 1000).requiresGrad_();")
cell = "long t0 = System.nanoTime(); for (int i = 0; i < 5; i++) sx.sin().mul(sx).exp().sum().backward(); (System.nanoTime() - t0) / 1e6"
for rnd in range(4):
    for on in ("true", "false"):
        run("io.gradbook.autograd.math.Simd.setEnabled(%s);" % on)
        ts = sorted(float(run(cell)) for _ in range(3))
        print("round %d simd=%s: median %.1f ms (5 fwd+bwd), runs %s" % (rnd, on, ts[1], ts))
kc.stop_channels()
km.shutdown_kernel(now=True)
del kc
