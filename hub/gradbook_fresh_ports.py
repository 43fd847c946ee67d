# SPDX-License-Identifier: Apache-2.0
"""A kernel manager for a Jupyter server on a machine that many users' servers share (one JupyterHub host): it
draws new ports whenever Jupyter restarts a kernel, which jupyter_client 7 does not.

Two servers that start kernels at the same moment can draw the same free port; the kernel that binds it second
cannot, and exits saying which port is held (README, "Teaching on JupyterHub"). Jupyter then restarts it "with new
random ports", but jupyter_client 7.4 caches a kernel's ports (KernelManager.cache_ports, True for tcp) and keeps
them across restarts, so the kernel died again on each of its 5 restarts and the student was left with a dead
kernel (CI's test_hub.py, sixteenth session). cache_ports is not configurable in 7.4 (``--KernelManager.cache_ports
=False`` is ignored with a warning), hence this subclass. Notebook 6's single-user server takes it with::

    c.Spawner.args = ['--MappingKernelManager.kernel_manager_class=gradbook_fresh_ports.FreshPortsKernelManager']
    c.Spawner.environment = {'PYTHONPATH': '/usr/local/share/gradbook/python'}   # install.sh --system puts it there

A collision then costs the student one kernel restart (a few seconds). Kernels in their own network namespace (one
pod per user, Zero to JupyterHub) never collide and need none of this.
"""
from jupyter_client.ioloop import IOLoopKernelManager
from traitlets import default


class FreshPortsKernelManager(IOLoopKernelManager):
    """IOLoopKernelManager whose ports are drawn at each start, so a restart with new ports gets new ones."""

    @default("cache_ports")
    def _default_cache_ports(self):
        return False
