# SPDX-License-Identifier: Apache-2.0
"""Socket teardowns while students' cells run (the ClosedChannelException a student once saw in a first cell): several
kernels at once through jupyter_client on loopback, each started, run for a few cells while other threads connect to
and tear down ZeroMQ sockets on all five of its ports (clean closes, resets, half-done handshakes), then restarted
or shut down, over and over. Every cell's stream output must be exactly what the cell printed: nothing of the
kernel's own threads (jeromq's reports go to the kernel's log, on its stderr). KernelOwnOutputTest is the bounded
check in the suite; this is the long one for a loaded machine.
Usage: mvn -B -ntp -o -q -pl kernel -am package -DskipTests && /usr/bin/python3 bench/kernel_teardown_soak.py [rounds] [kernels]"""
import concurrent.futures
import pathlib
import random
import socket
import struct
import sys
import threading
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "kernel" / "src" / "test" / "python"))
import conftest  # noqa: E402,F401  (writes the kernelspec for the built jars)
import zmq  # noqa: E402
from jupyter_client.manager import start_new_kernel  # noqa: E402

from helpers import run  # noqa: E402

GREETING = b"\xff" + b"\x00" * 8 + b"\x7f" + b"\x03\x00" + b"NULL".ljust(20, b"\x00") + b"\x00" + b"\x00" * 31
CELL = 'for (int i = 0; i < 20; i++) { Thread.sleep(25); } System.out.println("done " + 6 * 7);'
WANT = {"stdout": "done 42\n"}


def churn(info, stop, rnd):
    """Connects to and tears down sockets on the kernel's ports until stopped."""
    ctx = zmq.Context()
    kinds = {"shell_port": zmq.DEALER, "control_port": zmq.DEALER, "stdin_port": zmq.DEALER, "hb_port": zmq.REQ, "iopub_port": zmq.SUB}
    try:
        while not stop.is_set():
            name = rnd.choice(list(kinds))
            port = info[name]
            try:
                mode = rnd.randrange(3)
                if mode == 0:
                    s = ctx.socket(kinds[name])
                    s.setsockopt(zmq.LINGER, 0)
                    s.connect("tcp://%s:%d" % (info["ip"], port))
                    if kinds[name] == zmq.REQ:
                        s.send(b"ping")
                    time.sleep(rnd.random() * 0.01)
                    s.close()
                else:
                    r = socket.create_connection((info["ip"], port), timeout=2)
                    r.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # close with a reset
                    if mode == 2:
                        r.sendall(GREETING[:rnd.randrange(1, len(GREETING))])
                    time.sleep(rnd.random() * 0.005)
                    r.close()
            except OSError:
                pass
    finally:
        ctx.destroy(linger=0)


def one_kernel(k, rounds, cells):
    """Rounds of start, cells under churn, restart or shutdown; returns the unexpected stream output seen."""
    rnd = random.Random(k)
    bad = []
    km, kc = start_new_kernel(kernel_name="gradbook", startup_timeout=120)
    try:
        for r in range(rounds):
            stop = threading.Event()
            threads = [threading.Thread(target=churn, args=(km.get_connection_info(), stop, random.Random(rnd.random()))) for _ in range(2)]
            for t in threads:
                t.start()
            try:
                for c in range(cells):
                    reply, msgs = run(kc, CELL, timeout=120)
                    streams = {}
                    for m in msgs:
                        if m["msg_type"] == "stream":
                            streams[m["content"]["name"]] = streams.get(m["content"]["name"], "") + m["content"]["text"]
                    if reply["status"] != "ok" or streams != WANT:
                        bad.append("kernel %d round %d cell %d: %s %r" % (k, r, c, reply["status"], streams))
            finally:
                stop.set()
                for t in threads:
                    t.join()
            if rnd.random() < 0.5:
                km.restart_kernel(now=rnd.random() < 0.5)
                kc.wait_for_ready(timeout=120)
            else:
                kc.stop_channels()
                km.shutdown_kernel(now=rnd.random() < 0.5)
                km, kc = start_new_kernel(kernel_name="gradbook", startup_timeout=120)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    return bad


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    kernels = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    t0 = time.time()
    with concurrent.futures.ThreadPoolExecutor(kernels) as pool:
        bad = [b for f in [pool.submit(one_kernel, k, rounds, 3) for k in range(kernels)] for b in f.result()]
    print("%d kernels x %d rounds x 3 cells in %.0f s: %d cells with unexpected output" % (kernels, rounds, time.time() - t0, len(bad)))
    for b in bad[:20]:
        print("  " + b)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
