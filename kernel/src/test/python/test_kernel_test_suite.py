# SPDX-License-Identifier: Apache-2.0
"""Debian's jupyter_kernel_test suite, in full, against the Gradbook kernel."""
import unittest

import jupyter_kernel_test
from jupyter_client.utils import run_sync
from jupyter_kernel_test.msgspec_v5 import validate_message

PATIENCE = 60  # seconds for any one message: a loaded machine's kernel is slow, never silent


class GradbookKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = "gradbook"
    language_name = "java"
    file_extension = ".jshell"

    code_hello_world = 'System.out.println("hello, world");'
    code_stderr = 'System.err.println("to stderr");'
    completion_samples = [{"text": "Syste", "matches": {"System"}}, {"text": "Math.ab", "matches": {"abs(", "absExact("}}]
    complete_code_samples = ["1 + 1", "var x = 1;", "for (int i = 0; i < 2; i++) { x += i; }"]
    incomplete_code_samples = ["for (int i = 0; i < 3; i++) {", "var y = ones(2"]
    code_page_something = "Math.max?"
    code_generate_error = 'throw new IllegalStateException("boom");'
    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": "ones(2).requiresGrad_()", "result": "tensor([1., 1.], requires_grad=True)"},
        {"code": "tuple(true, null)", "result": "(True, None)"},
    ]
    code_display_data = [
        {"code": "display(tensor(1.0, 2.0));", "mime": "text/html"},
        {"code": "display(draw(ones(2).requiresGrad_().mul(2)));", "mime": "image/svg+xml"},
    ]
    supported_history_operations = ("tail", "range", "search")
    code_history_pattern = "6 *"
    code_inspect_sample = "Math.max"
    code_clear_output = "clearOutput();"

    def execute_helper(self, code, timeout=PATIENCE, silent=False, store_history=True, stop_on_error=True):
        """jupyter_kernel_test 0.4.5's execute_helper with the same checks (the reply, then this request's busy status
        first, its execute_input, its outputs, its idle status last), waiting as long for each iopub message as for
        the reply. Its own took 1 s for the busy status and 0.1 s for each message after it: the kernel publishes
        them on another socket than the reply (idle after the reply, as ipykernel does), so a kernel slowed by a
        loaded machine could fail it with queue.Empty though every message was right (a race by reading; not seen
        in 7 runs under taskset -c 0 at load ~30, the library's own helper included). The iopub
        messages of earlier requests (a completion's busy/idle, which flush_channels' 0.1 s of quiet can miss) are
        validated and passed over, not taken for this request's."""
        msg_id = self.kc.execute(code=code, silent=silent, store_history=store_history, stop_on_error=stop_on_error)
        reply = self.get_non_kernel_info_reply(timeout=timeout)
        validate_message(reply, "execute_reply", msg_id)

        def next_own():
            while True:
                msg = run_sync(self.kc.iopub_channel.get_msg)(timeout=timeout)
                if msg["parent_header"].get("msg_id") == msg_id:
                    return msg
                validate_message(msg, msg["msg_type"], msg["parent_header"].get("msg_id"))

        busy_msg = next_own()
        validate_message(busy_msg, "status", msg_id)
        self.assertEqual(busy_msg["content"]["execution_state"], "busy")
        output_msgs = []
        while True:
            msg = next_own()
            validate_message(msg, msg["msg_type"], msg_id)
            if msg["msg_type"] == "status":
                self.assertEqual(msg["content"]["execution_state"], "idle")
                break
            elif msg["msg_type"] == "execute_input":
                self.assertEqual(msg["content"]["code"], code)
                continue
            output_msgs.append(msg)
        return reply, output_msgs


if __name__ == "__main__":
    unittest.main()
