# SPDX-License-Identifier: Apache-2.0
"""A JupyterHub for a test class, on loopback: Debian's jupyterhub with DummyAuthenticator and the local process
spawner, its students' accounts, and a cleanup that ends every process it started (by pid, found by a marker in
their environment) and removes the accounts.

As root (CI), each student is a real unprivileged account (useradd, LocalProcessSpawner: servers and kernels run
under the student's uid, as on a real hub). Otherwise every student runs as the test's own user
(SimpleLocalProcessSpawner, homes in the run's directory)."""
import os
import pathlib
import pwd
import secrets
import shutil
import signal
import socket
import subprocess
import time

import requests

# a comment on the accounts we create: an existing account without it is somebody else's and is never touched
ACCOUNT_MARK = "gradbook hub test student"
# Jupyter's own files in a home (runtime dir, notebook signatures, checkpoints); anything else a kernel wrote
JUPYTER_OWN = (".local/share/jupyter", ".jupyter", ".ipynb_checkpoints", ".ipython")


def free_ports(n):
    """n different free ports: all held while they are drawn (one drawn and let go at a time can come back twice)."""
    socks = [socket.socket() for _ in range(n)]
    try:
        for s in socks:
            s.bind(("127.0.0.1", 0))
        return [s.getsockname()[1] for s in socks]
    finally:
        for s in socks:
            s.close()


def marked_pids(marker):
    """Processes whose environment carries this run's marker: the hub, its proxy, every server and kernel."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            env = pathlib.Path("/proc", entry, "environ").read_bytes().split(b"\0")
        except OSError:
            continue
        if marker in env:
            found.append(int(entry))
    return found


def proc_env(pid):
    try:
        raw = pathlib.Path("/proc", str(pid), "environ").read_bytes().split(b"\0")
    except OSError:
        return {}
    return dict(item.decode(errors="replace").split("=", 1) for item in raw if b"=" in item)


def proc_cmdline(pid):
    try:
        return pathlib.Path("/proc", str(pid), "cmdline").read_bytes().split(b"\0")
    except OSError:
        return []


def memory_kb(pid):
    """(RSS, PSS) in kB: RSS counts every shared page in full (the JDK's libraries, the start-up archive), PSS
    divides shared pages among the processes that map them, so PSS sums to what a class really uses."""
    rss = pss = None
    try:
        for line in pathlib.Path("/proc", str(pid), "status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                rss = int(line.split()[1])
        for line in pathlib.Path("/proc", str(pid), "smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                pss = int(line.split()[1])
    except OSError:
        pass
    return rss, pss


def cpu_seconds(pid):
    """User + system CPU time of a process so far: unlike wall times, it does not depend on what else the machine
    runs."""
    try:
        fields = pathlib.Path("/proc", str(pid), "stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def home_files(home):
    """Every path under a home, relative to it."""
    home = pathlib.Path(home)
    return {str(p.relative_to(home)) for p in home.rglob("*")} if home.exists() else set()


class Hub:
    def __init__(self, workdir, names, jupyter_path):
        self.dir = pathlib.Path(workdir)
        self.names = list(names)
        self.jupyter_path = jupyter_path
        self.real_users = os.geteuid() == 0
        self.password = secrets.token_urlsafe(12)
        self.marker = ("GRADBOOK_HUB_RUN=" + secrets.token_hex(8)).encode()
        self.port, self.hub_port, self.proxy_port = free_ports(3)
        self.url = "http://127.0.0.1:%d" % self.port
        self.proc = None
        self.log_path = self.dir / "jupyterhub.log"
        self.created = []

    # ---- accounts ------------------------------------------------------------------------------------------
    def home(self, name):
        return pwd.getpwnam(name).pw_dir if self.real_users else str(self.dir / "home" / name)

    def create_users(self):
        if not self.real_users:
            return
        for name in self.names:
            try:
                entry = pwd.getpwnam(name)
            except KeyError:
                entry = None
            if entry is not None:
                if entry.pw_gecos != ACCOUNT_MARK:
                    raise RuntimeError("account %s exists and is not one of ours; not touching it" % name)
                self._remove_user(name)  # left over from an interrupted run
            subprocess.run(["useradd", "--create-home", "--shell", "/bin/bash", "--comment", ACCOUNT_MARK, name],
                           check=True, capture_output=True, text=True)
            self.created.append(name)

    def _remove_user(self, name):
        uid = pwd.getpwnam(name).pw_uid
        subprocess.run(["userdel", "--remove", name], capture_output=True, text=True)
        # the JVM's perf data and anything else the student's processes left in /tmp (userdel keeps /tmp)
        for entry in pathlib.Path("/tmp").iterdir():
            try:
                if entry.lstat().st_uid == uid:
                    shutil.rmtree(entry) if entry.is_dir() and not entry.is_symlink() else entry.unlink()
            except OSError:
                pass

    # ---- the hub -------------------------------------------------------------------------------------------
    def write_config(self):
        spawner = "LocalProcessSpawner" if self.real_users else "SimpleLocalProcessSpawner"
        cfg = self.dir / "jupyterhub_config.py"
        cfg.write_text("\n".join([
            "c = get_config()",
            "c.JupyterHub.ip = '127.0.0.1'",
            "c.JupyterHub.port = %d" % self.port,
            "c.JupyterHub.hub_ip = '127.0.0.1'",
            "c.JupyterHub.hub_port = %d" % self.hub_port,
            "c.ConfigurableHTTPProxy.api_url = 'http://127.0.0.1:%d'" % self.proxy_port,
            "c.ConfigurableHTTPProxy.pid_file = %r" % str(self.dir / "proxy.pid"),
            "c.JupyterHub.pid_file = %r" % str(self.dir / "jupyterhub.pid"),
            "c.JupyterHub.db_url = %r" % ("sqlite:///" + str(self.dir / "jupyterhub.sqlite")),
            "c.JupyterHub.cookie_secret_file = %r" % str(self.dir / "jupyterhub_cookie_secret"),
            "c.JupyterHub.authenticator_class = 'jupyterhub.auth.DummyAuthenticator'",
            "c.DummyAuthenticator.password = %r" % self.password,
            "c.Authenticator.allowed_users = %r" % set(self.names),
            "c.JupyterHub.spawner_class = 'jupyterhub.spawner.%s'" % spawner,
            "c.SimpleLocalProcessSpawner.home_dir_template = %r" % str(self.dir / "home" / "{username}"),
            "c.Spawner.ip = '127.0.0.1'",
            "c.Spawner.cmd = ['/usr/bin/jupyterhub-singleuser']",
            # twenty servers draw their kernels' ports at once and two can draw the same one; jupyter_client 7 keeps
            # cached ports across its restarts ("new random ports" notwithstanding; its cache_ports is not
            # configurable), so the kernel that lost the race died on every restart: the install's kernel manager
            # draws new ones (hub/gradbook_fresh_ports.py; README, JupyterHub)
            "c.Spawner.args = ['--MappingKernelManager.kernel_manager_class=gradbook_fresh_ports.FreshPortsKernelManager']",
            # the kernelspec of the --system install under the test's prefix, that install's python folder (the
            # kernel manager); the marker finds every process
            "c.Spawner.environment = %r" % {"JUPYTER_PATH": self.jupyter_path,
                                            "PYTHONPATH": str(pathlib.Path(self.jupyter_path).parent / "gradbook" / "python"),
                                            self.marker.split(b"=")[0].decode(): self.marker.split(b"=")[1].decode()},
            # twenty servers starting on two shared cores: the defaults (60 s, 30 s) are for an idle machine
            "c.Spawner.start_timeout = 300",
            "c.Spawner.http_timeout = 300",
            # a server told to stop shuts its kernels down first; on a loaded machine that takes more than the 10 s
            # before the spawner's SIGTERM, which would leave the kernels running without their server
            "c.LocalProcessSpawner.interrupt_timeout = 60",
            "c.JupyterHub.cleanup_servers = True",
            "c.JupyterHub.cleanup_proxy = True",
            "",
        ]))
        return cfg

    def start(self):
        cfg = self.write_config()
        env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8", "HOME": str(self.dir),
               # Debian's configurable-http-proxy finds its modules there; Debian's node searches it by itself,
               # another node (NodeSource's, as on our CI image) does not
               "NODE_PATH": "/usr/share/nodejs"}
        key, value = self.marker.split(b"=")
        env[key.decode()] = value.decode()
        self.log = open(self.log_path, "w")
        self.proc = subprocess.Popen(["/usr/bin/jupyterhub", "-f", str(cfg)], cwd=self.dir, env=env,
                                     stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.time() + 180
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("jupyterhub exited %s:\n%s" % (self.proc.returncode, self.log_tail()))
            try:
                if requests.get(self.url + "/hub/api", timeout=5).status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.5)
        raise RuntimeError("jupyterhub did not answer in 180 s:\n" + self.log_tail())

    def log_tail(self, n=60):
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-n:])
        except OSError:
            return ""

    def stop(self):
        """The hub stops the servers it spawned (cleanup_servers) and its proxy; whatever is left is ended by pid."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=90)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=30)
        # servers shut their kernels down as they exit; a JVM still exiting on a loaded machine is given time
        deadline = time.time() + 60
        while time.time() < deadline and marked_pids(self.marker):
            time.sleep(0.5)
        left = [p for p in marked_pids(self.marker) if p != os.getpid()]
        for pid in left:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        deadline = time.time() + 30
        while time.time() < deadline and [p for p in marked_pids(self.marker) if p != os.getpid()]:
            time.sleep(0.2)
        if getattr(self, "log", None):
            self.log.close()
        return left

    def remove_users(self):
        for name in self.created:
            self._remove_user(name)
        self.created = []

