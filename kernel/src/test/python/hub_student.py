# SPDX-License-Identifier: Apache-2.0
"""One simulated student on a JupyterHub, through the hub's REST API and the proxy only, as a browser would: gets a
token with their password, starts their server, uploads and opens a course notebook, starts a Gradbook kernel for
it (a notebook session) and runs its code cells over the kernel's websocket (/api/kernels/<id>/channels)."""
import json
import queue
import re
import threading
import time
import uuid

import requests
import websocket

TIMEOUT = 120  # one request or cell; the whole test has its own bound
# as the notebook's front end (kernel.js reconnects a closed kernel websocket, up to 7 tries with backoff): a dropped
# websocket is opened again with the same session id, and the server replays what it buffered meanwhile; more drops
# than this for one student fail the test, and so does a kernel that died, or restarted once a cell had run (recv)
RECONNECTS = 3
ADDRESS = re.compile(r"0x[0-9a-fA-F]+")
# cells whose output differs from run to run by design: timings, object ids, progress bars
NONDETERMINISTIC = re.compile(r"%%?time|\.id\(\)|progress\(|liveLoss\(")


def outputs_of(raw):
    """A cell's outputs in comparable form: consecutive streams of one name joined, data by MIME type, errors by name
    and value; object addresses masked."""
    out = []
    for o in raw:
        kind = o["output_type"]
        if kind == "stream":
            if out and out[-1][0] == "stream" and out[-1][1] == o["name"]:
                out[-1] = ("stream", o["name"], out[-1][2] + o["text"])
            else:
                out.append(("stream", o["name"], o["text"]))
        elif kind in ("execute_result", "display_data"):
            data = {k: v if isinstance(v, str) else "".join(v) for k, v in o["data"].items()}
            out.append(("data", tuple(sorted(data.items()))))
        elif kind == "error":
            out.append(("error", o["ename"], o["evalue"]))
    return [tuple(ADDRESS.sub("0x...", x) if isinstance(x, str) else
                  tuple((k, ADDRESS.sub("0x...", v)) for k, v in x) if isinstance(x, tuple) else x for x in item)
            for item in out]


class Student:
    def __init__(self, hub, name):
        self.hub = hub
        self.name = name
        self.http = requests.Session()
        self.base = "%s/user/%s" % (hub.url, name)
        self.ws = None
        self.session_id = uuid.uuid4().hex
        self.times = {}
        self.cells = 0
        self.reconnects = []  # (time, what was waiting) for each websocket the server closed and we opened again
        self.restarts = []  # when the kernel restarted before its first cell
        self.in_cell = False

    # ---- hub -----------------------------------------------------------------------------------------------
    def login(self):
        """A token from the hub's API, authenticated by the Authenticator with the student's password."""
        r = self.http.post("%s/hub/api/users/%s/tokens" % (self.hub.url, self.name), timeout=TIMEOUT,
                           json={"auth": {"username": self.name, "password": self.hub.password}, "note": "hub test"})
        assert r.status_code in (200, 201), (self.name, r.status_code, r.text)
        self.http.headers["Authorization"] = "token " + r.json()["token"]

    def start_server(self):
        t0 = time.time()
        r = self.http.post("%s/hub/api/users/%s/server" % (self.hub.url, self.name), timeout=TIMEOUT)
        assert r.status_code in (201, 202), (self.name, r.status_code, r.text)
        deadline = t0 + 300
        while True:
            model = self.http.get("%s/hub/api/users/%s" % (self.hub.url, self.name), timeout=TIMEOUT).json()
            server = model.get("servers", {}).get("")
            if server and server.get("ready"):
                break
            assert time.time() < deadline, (self.name, "server not ready in 300 s", model)
            time.sleep(0.5)
        self.times["server_start"] = time.time() - t0

    # ---- the student's server, through the proxy -----------------------------------------------------------
    def open_notebook(self, path, notebook):
        """Uploads the notebook into the student's home and opens it (the contents API, as the web UI does)."""
        r = self.http.put("%s/api/contents/%s" % (self.base, path), timeout=TIMEOUT,
                          json={"type": "notebook", "format": "json", "content": notebook})
        assert r.status_code in (200, 201), (self.name, r.status_code, r.text)
        r = self.http.get("%s/api/contents/%s" % (self.base, path), timeout=TIMEOUT)
        assert r.status_code == 200, (self.name, r.status_code, r.text)
        return r.json()["content"]

    def start_kernel(self, path, kernel_name="gradbook"):
        """A notebook session with a new kernel, then its websocket; the start time ends at the kernel's first
        kernel_info_reply (the kernel is ready for cells)."""
        t0 = time.time()
        r = self.http.post("%s/api/sessions" % self.base, timeout=TIMEOUT,
                           json={"path": path, "name": path, "type": "notebook", "kernel": {"name": kernel_name}})
        assert r.status_code == 201, (self.name, r.status_code, r.text)
        self.kernel_id = r.json()["kernel"]["id"]
        self.notebook_session = r.json()["id"]
        self.connect()
        self.times["kernel_start"] = time.time() - t0

    def connect(self):
        """The kernel's websocket, ready when the kernel answers kernel_info."""
        self._open_websocket()
        reply = self.request("shell", "kernel_info_request", {})
        assert reply["content"]["status"] == "ok", reply
        return reply

    def _open_websocket(self):
        """A thread reads the websocket all the time, as a browser does: the server pings every 30 s and closes a
        websocket whose pongs stop for 90 s, and websocket-client answers a ping only while something reads."""
        url = "%s/api/kernels/%s/channels?session_id=%s" % (self.base.replace("http://", "ws://"), self.kernel_id,
                                                            self.session_id)
        self.ws = websocket.create_connection(url, timeout=TIMEOUT,
                                              header=["Authorization: " + self.http.headers["Authorization"]])
        self.ws.settimeout(None)  # the reader waits as long as the student is idle; callers time out on the queue
        self.inbox = queue.Queue()
        threading.Thread(target=self._read, args=(self.ws, self.inbox), name="ws-" + self.name, daemon=True).start()

    def _reconnect(self, waiting_for, frame):
        """The server closed the websocket: open it again as the front end does, after checking that the kernel is
        still there (a dead kernel is a failure, not a network event)."""
        when = time.strftime("%H:%M:%S")
        self.reconnects.append((when, waiting_for, repr(frame)[:200]))
        assert len(self.reconnects) <= RECONNECTS, (self.name, "the kernel's websocket closed %d times" %
                                                    len(self.reconnects), self.reconnects)
        r = self.http.get("%s/api/kernels/%s" % (self.base, self.kernel_id), timeout=TIMEOUT)
        assert r.status_code == 200, (self.name, "kernel gone after its websocket closed", when, r.status_code, r.text)
        assert r.json().get("execution_state") != "dead", (self.name, "kernel", r.json(), when)
        time.sleep(min(2 ** len(self.reconnects) * 0.25, 4))
        self._open_websocket()

    def request(self, channel, msg_type, content):
        msg_id = self.send(channel, msg_type, content)
        while True:
            msg = self.recv(waiting_for=msg_type)
            if msg is None:  # reconnected: a request sent before the drop may be lost with it, so it goes again
                msg_id = self.send(channel, msg_type, content)
            elif msg["parent_header"].get("msg_id") == msg_id and msg["channel"] == channel:
                return msg

    def send(self, channel, msg_type, content):
        msg_id = uuid.uuid4().hex
        self.ws.send(json.dumps({
            "header": {"msg_id": msg_id, "username": self.name, "session": self.session_id, "msg_type": msg_type,
                       "version": "5.3", "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())},
            "parent_header": {}, "metadata": {}, "content": content, "channel": channel, "buffers": []}))
        return msg_id

    @staticmethod
    def _read(ws, inbox):
        while True:
            try:
                frame = ws.recv()
            except Exception as e:  # closed by us (close()) or by the server
                inbox.put(e)
                return
            inbox.put(frame)
            if frame == "":
                return

    def recv(self, timeout=TIMEOUT, waiting_for="a message"):
        """The next message, or None after the websocket was closed by the server and opened again."""
        try:
            frame = self.inbox.get(timeout=timeout)
        except queue.Empty:
            raise AssertionError((self.name, "no message from the kernel's websocket in %d s" % timeout)) from None
        if not isinstance(frame, (str, bytes)) or frame == "":
            self._reconnect(waiting_for, frame)
            return None
        assert isinstance(frame, str), "binary websocket frame (buffers) not expected from these cells"
        msg = json.loads(frame)
        if msg.get("msg_type") == "status" and msg["content"].get("execution_state") in ("restarting", "dead"):
            # a kernel that lost its port to another student's at start dies and is restarted once, before any
            # cell (README, JupyterHub): nothing is lost and the websocket stays usable; any other restart loses
            # the student's state, and a dead kernel is the end of the class for them
            state = msg["content"]["execution_state"]
            assert state == "restarting" and self.cells == 0 and not self.in_cell, (
                self.name, "the kernel is %s" % state, "after %d cells" % self.cells, time.strftime("%H:%M:%S"))
            self.restarts.append(time.strftime("%H:%M:%S"))
            assert len(self.restarts) <= 1, (self.name, "the kernel restarted %d times" % len(self.restarts))
        return msg

    def _replayed(self, msg_id, wait=5):
        """The first message of request msg_id among those the server replays after a reconnect, or None."""
        end = time.time() + wait
        while time.time() < end:
            try:
                frame = self.inbox.get(timeout=max(0.01, end - time.time()))
            except queue.Empty:
                return None
            self.inbox.queue.appendleft(frame)  # recv() takes it as usual, with its checks
            msg = self.recv()
            if msg is not None and msg["parent_header"].get("msg_id") == msg_id:
                return msg
        return None

    def execute(self, code, timeout=TIMEOUT):
        """Runs one cell: (execute_reply content, outputs as nbformat writes them)."""
        request = {"code": code, "silent": False, "store_history": True, "user_expressions": {},
                   "allow_stdin": False, "stop_on_error": True}
        msg_id = self.send("shell", "execute_request", request)
        reply, idle, outputs, seen = None, False, [], False
        self.in_cell = True
        deadline = time.time() + timeout
        while reply is None or not idle:
            assert time.time() < deadline, (self.name, "cell did not finish in %d s" % timeout, code)
            msg = self.recv(waiting_for="cell %d" % (self.cells + 1))
            if msg is None and not seen:
                # the websocket closed before anything of this cell came back: the request may have gone with it.
                # What the kernel did get, the server buffered and now replays; if nothing of the cell arrives, the
                # request is sent again (once the kernel has seen it, it is never sent twice: cells are not idempotent)
                msg = self._replayed(msg_id)
                if msg is None:
                    msg_id = self.send("shell", "execute_request", request)
                    continue
            if msg is None or msg["parent_header"].get("msg_id") != msg_id:
                continue
            seen = True
            kind, content = msg["msg_type"], msg["content"]
            if msg["channel"] == "shell" and kind == "execute_reply":
                reply = content
            elif kind == "status":
                idle = content["execution_state"] == "idle"
            elif kind == "stream":
                outputs.append({"output_type": "stream", "name": content["name"], "text": content["text"]})
            elif kind in ("execute_result", "display_data"):
                outputs.append({"output_type": kind, "data": content["data"]})
            elif kind == "error":
                outputs.append({"output_type": "error", "ename": content["ename"], "evalue": content["evalue"]})
            elif kind == "clear_output":
                outputs = []
        self.cells += 1
        self.in_cell = False
        return reply, outputs

    def run_notebook(self, notebook):
        """Every code cell in order; each reply must be ok (or error, for a cell tagged raises-exception) and each
        deterministic cell must print what the stored executed notebook shows. Returns the mismatches."""
        bad = []
        for k, cell in enumerate(c for c in notebook["cells"] if c["cell_type"] == "code"):
            source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
            reply, outputs = self.execute(source)
            # as nbclient: a cell tagged raises-exception may end in an error (the course's cells show it with
            # expectError, whose reply is ok); any other cell must be ok
            allowed = ("ok", "error") if "raises-exception" in cell["metadata"].get("tags", []) else ("ok",)
            if reply["status"] not in allowed:
                bad.append((self.name, k, "status %s" % reply["status"], reply.get("evalue")))
                continue
            if not NONDETERMINISTIC.search(source) and outputs_of(outputs) != outputs_of(cell["outputs"]):
                bad.append((self.name, k, "outputs", outputs_of(outputs), outputs_of(cell["outputs"])))
        return bad

    def leave(self):
        """The end of class: the notebook closed and halted (its kernel shut down by the server), then the server
        stopped through the hub's API, as the hub's control panel does."""
        r = self.http.delete("%s/api/sessions/%s" % (self.base, self.notebook_session), timeout=TIMEOUT)
        assert r.status_code == 204, (self.name, r.status_code, r.text)
        r = self.http.delete("%s/hub/api/users/%s/server" % (self.hub.url, self.name), timeout=TIMEOUT)
        assert r.status_code in (202, 204), (self.name, r.status_code, r.text)
        deadline = time.time() + 120
        while self.http.get("%s/hub/api/users/%s" % (self.hub.url, self.name), timeout=TIMEOUT).json().get("servers"):
            assert time.time() < deadline, (self.name, "server not stopped in 120 s")
            time.sleep(0.5)

    def close(self):
        if self.ws is not None:  # as a closed browser tab: the connection goes; the reader thread ends with it
            try:
                self.ws.abort()
                self.ws.close(timeout=1)
            except Exception:
                pass
        self.http.close()
