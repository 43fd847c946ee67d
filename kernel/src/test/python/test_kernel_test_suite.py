# SPDX-License-Identifier: Apache-2.0
"""Debian's jupyter_kernel_test suite, in full, against the Gradbook kernel."""
import unittest

import jupyter_kernel_test


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


if __name__ == "__main__":
    unittest.main()
