# SPDX-License-Identifier: Apache-2.0
"""Every request type through jupyter_client, as a front end sends them."""
import time

from helpers import collect, drain, interrupt_running, result_text, run, shell_reply, stdout


def test_kernel_info(kernel):
    km, kc = kernel
    msg_id = kc.kernel_info()
    c = shell_reply(kc, msg_id)["content"]
    assert c["status"] == "ok"
    assert c["protocol_version"].startswith("5.")
    assert c["language_info"]["name"] == "java"
    assert c["banner"] and c["help_links"]


def test_execute_counts_results_and_state(kernel):
    km, kc = kernel
    drain(kc)
    r1, m1 = run(kc, "var counter = 40;")
    r2, m2 = run(kc, "counter + 2")
    assert r2["execution_count"] == r1["execution_count"] + 1
    assert result_text(m2) == "42"
    assert [m["msg_type"] for m in m1 if m["msg_type"] != "status"][:1] == ["execute_input"]
    # silent: no outputs, no count
    r3, m3 = run(kc, "counter + 3", silent=True)
    assert r3["status"] == "ok" and [m for m in m3 if m["msg_type"] != "status"] == []
    r4, _ = run(kc, "counter", store_history=False)
    r5, _ = run(kc, "counter")
    assert r5["execution_count"] == r2["execution_count"] + 1


def test_an_import_in_its_own_cell_holds_for_later_cells(kernel):
    km, kc = kernel
    drain(kc)
    for code in ("import java.util.stream.*;", "import static java.util.Collections.nCopies;"):
        reply, _ = run(kc, code)
        assert reply["status"] == "ok", reply
    reply, msgs = run(kc, "IntStream.range(0, 4).sum() + nCopies(2, 1).size()")
    assert reply["status"] == "ok", reply
    assert result_text(msgs) == "8"


def test_tensor_result_is_pytorchs_repr_with_html_card(kernel):
    km, kc = kernel
    reply, msgs = run(kc, "var x = ones(2, 2).requiresGrad_();\nvar y = x.add(2);\ny")
    data = [m for m in msgs if m["msg_type"] == "execute_result"][0]["content"]["data"]
    assert data["text/plain"] == "tensor([[3., 3.],\n        [3., 3.]], grad_fn=<AddBackward0>)"
    assert "AddBackward0" in data["text/html"] and "<table" in data["text/html"]
    reply, msgs = run(kc, "y.gradFn()")
    text = result_text(msgs)
    assert text.startswith("<AddBackward0 at 0x")


def test_null_result_shows_nothing_and_print_streams(kernel):
    km, kc = kernel
    reply, msgs = run(kc, "Object nothing = null;\nnothing")
    assert result_text(msgs) is None
    reply, msgs = run(kc, 'print(tensor(1.0), true, null); System.out.print("a"); System.out.println("b");')
    assert stdout(msgs) == "tensor(1.) True None\nab\n"


def test_user_expressions(kernel):
    km, kc = kernel
    reply, _ = run(kc, "int base = 5;", user_expressions={"twice": "base * 2", "bad": "nosuch + 1"})
    ue = reply["user_expressions"]
    assert ue["twice"]["status"] == "ok" and ue["twice"]["data"]["text/plain"] == "10"
    assert ue["bad"]["status"] == "error"


def test_errors_keep_state_and_name_the_real_exception(kernel):
    km, kc = kernel
    run(kc, "var keep = tensor(7.0);")
    reply, msgs = run(kc, "var w = ones(3).requiresGrad_();\nw.add_(1);")
    assert reply["status"] == "error"
    assert reply["ename"] == "RuntimeError"
    assert reply["evalue"] == "a leaf Variable that requires grad is being used in an in-place operation."
    reply, msgs = run(kc, "int[] a = new int[2];\n\na[5] = 1;")
    assert reply["ename"] == "java.lang.ArrayIndexOutOfBoundsException"
    assert any("line 3" in line and "----> 3" in line for line in reply["traceback"]), reply["traceback"]  # Cell In[N], line 3
    assert not any("io.gradbook" in line for line in reply["traceback"])
    reply, msgs = run(kc, "undefinedThing + 1")
    assert reply["ename"] == "CompilationError" and "undefinedThing" in reply["evalue"]
    assert any("^" in line for line in reply["traceback"])
    reply, msgs = run(kc, "keep")
    assert result_text(msgs) == "tensor(7.)"


def test_stop_on_error_aborts_queued_cells(kernel):
    km, kc = kernel
    drain(kc)
    first = kc.execute('throw new RuntimeException("stop here");')
    second = kc.execute("1 + 1")
    r1 = shell_reply(kc, first)["content"]
    r2 = shell_reply(kc, second)["content"]
    assert r1["status"] == "error"
    assert r2["status"] == "aborted"
    drain(kc)
    first = kc.execute('throw new RuntimeException("carry on");', stop_on_error=False)
    second = kc.execute("2 + 2")
    assert shell_reply(kc, first)["content"]["status"] == "error"
    assert shell_reply(kc, second)["content"]["status"] == "ok"
    drain(kc)


def test_complete_inspect_is_complete(kernel):
    km, kc = kernel
    run(kc, "var myTensor = ones(3);")
    msg_id = kc.complete("myTen", 5)
    c = shell_reply(kc, msg_id)["content"]
    assert "myTensor" in c["matches"] and c["cursor_start"] == 0 and c["cursor_end"] == 5
    msg_id = kc.complete("myTensor.requiresG")
    c = shell_reply(kc, msg_id)["content"]
    assert any(m.startswith("requiresGrad") for m in c["matches"])
    # cursor positions count code points: an emoji before the cursor is one position
    msg_id = kc.complete('String s = "\U0001F600"; myTen', 21)
    c = shell_reply(kc, msg_id)["content"]
    assert "myTensor" in c["matches"] and c["cursor_start"] == 16 and c["cursor_end"] == 21
    msg_id = kc.inspect("Math.max", 8)
    c = shell_reply(kc, msg_id)["content"]
    assert c["found"] and "max" in c["data"]["text/plain"]
    # the Gradbook API's own Javadoc, read from the sources its jar carries
    msg_id = kc.inspect("myTensor.isLeaf", 15)
    text = shell_reply(kc, msg_id)["content"]["data"]["text/plain"]
    assert text.startswith("boolean Tensor.isLeaf()\nWhether this tensor is a leaf of the graph (x.is_leaf)"), text
    msg_id = kc.inspect("try (var g = noGrad", 19)
    assert "torch.no_grad()" in shell_reply(kc, msg_id)["content"]["data"]["text/plain"]
    for code, status in [("1 + 1", "complete"), ("if (true) {", "incomplete"), ("var a = ones(", "incomplete")]:
        msg_id = kc.is_complete(code)
        assert shell_reply(kc, msg_id)["content"]["status"] == status, code


def test_nd4j_interop_in_cells(kernel):
    # cells compile against the API alone until one names ND4J; then its jars join the compiler
    km, kc = kernel
    msg_id = kc.complete("Nd4jInterop.toINDArray(ones(2)).sumNu", 36)
    assert any(m.startswith("sumNumber") for m in shell_reply(kc, msg_id)["content"]["matches"])
    reply, msgs = run(kc, "var nd = Nd4jInterop.toINDArray(tensor(new double[][] {{1, 2}, {3, 4}}));\nnd.sumNumber()")
    assert reply["status"] == "ok", reply
    assert result_text(msgs) == "10.0"
    reply, msgs = run(kc, "Nd4jInterop.fromINDArray(nd.transpose()).requiresGrad_()")
    assert result_text(msgs) == "tensor([[1., 3.],\n        [2., 4.]], requires_grad=True)"


def test_help_question_mark_pages_the_docs(kernel):
    # IPython's `name?` shows documentation in the pager instead of running
    km, kc = kernel
    run(kc, "var helped = ones(2).requiresGrad_();")
    reply, msgs = run(kc, "helped.isLeaf?")
    assert reply["status"] == "ok" and len(reply["payload"]) == 1, reply
    page = reply["payload"][0]
    assert page["source"] == "page" and "Whether this tensor is a leaf" in page["data"]["text/plain"]
    reply, msgs = run(kc, "noSuchThing?")
    assert reply["status"] == "ok" and reply["payload"] == []
    assert stdout(msgs) == "Object `noSuchThing` not found.\n"
    # a real conditional expression is still Java
    reply, msgs = run(kc, "helped.isLeaf() ? 1 : 2")
    assert result_text(msgs) == "1"


def test_history_and_comm_info(kernel):
    km, kc = kernel
    run(kc, "int historyMarker = 1;")
    msg_id = kc.history(hist_access_type="tail", n=1, output=False, raw=True)
    h = shell_reply(kc, msg_id)["content"]["history"]
    assert h[-1][2] == "int historyMarker = 1;"
    msg_id = kc.comm_info()
    c = shell_reply(kc, msg_id)["content"]
    assert c["status"] == "ok" and c["comms"] == {}


def test_stdin_input_request(kernel):
    km, kc = kernel
    drain(kc)
    msg_id = kc.execute('var sc = new java.util.Scanner(System.in);\nString name = sc.nextLine();\nprint("hello " + name);', allow_stdin=True)
    req = kc.get_stdin_msg(timeout=30)
    assert req["msg_type"] == "input_request"
    kc.input("Ada")
    msgs = collect(kc, msg_id)
    assert shell_reply(kc, msg_id)["content"]["status"] == "ok"
    assert stdout(msgs) == "hello Ada\n"


def test_display_tuple_and_dir(kernel):
    km, kc = kernel
    reply, msgs = run(kc, "display(true, tensor(1.0, 2.0), null);")
    shown = [m for m in msgs if m["msg_type"] == "display_data"]
    assert shown[0]["content"]["data"]["text/plain"] == "(True, tensor([1., 2.]), None)"
    reply, msgs = run(kc, "dir(ones(1).requiresGrad_().mul(2).gradFn())")
    assert "'nextFunctions'" in result_text(msgs) and "'registerHook'" in result_text(msgs)


def test_warning_goes_to_stderr_in_pythons_words(kernel):
    km, kc = kernel
    reply, msgs = run(kc, "var nl = ones(3).requiresGrad_().mul(2);\nnl.grad()")
    err = stdout(msgs, "stderr")
    assert "UserWarning: The .grad attribute of a Tensor that is not a leaf Tensor is being accessed." in err
    assert result_text(msgs) is None


def test_stack_overflow_and_out_of_memory_leave_the_kernel_alive(kernel):
    km, kc = kernel
    run(kc, "int survivor = 99;")
    reply, _ = run(kc, "int down(int n) { return down(n + 1) + 1; }\ndown(0)")
    assert reply["status"] == "error" and "StackOverflowError" in reply["ename"]
    reply, _ = run(kc, "long[][] hog = new long[100000][];\nfor (int i = 0; i < hog.length; i++) hog[i] = new long[10_000_000];")
    assert reply["status"] == "error" and "OutOfMemoryError" in reply["ename"]
    run(kc, "hog = null;")
    reply, msgs = run(kc, "survivor")
    assert result_text(msgs) == "99"


def test_huge_string_literal_is_refused_without_breaking_jshell(kernel):
    km, kc = kernel
    reply, _ = run(kc, 'String big = "' + "x" * 70000 + '";')
    assert reply["status"] == "error" and "too long" in reply["evalue"]
    reply, msgs = run(kc, '"still " + "working"')
    assert result_text(msgs) == "'still working'"


# The interrupts below come once the kernel runs the cell (helpers.interrupt_running): a timer started with the
# request fired, on a loaded machine, before the kernel had read it, the interrupt did nothing and the 50 backward
# passes ran to their end. The time bounds count from the interrupt (they counted from the request, timer included).
def test_interrupt_stops_an_infinite_loop_and_keeps_variables(kernel):
    km, kc = kernel
    run(kc, "var kept = tensor(3.0);")
    reply, _, took = interrupt_running(km, kc, "while (true) {}", delay=0.5, timeout=30)
    assert reply["status"] == "error" and reply["ename"] == "KeyboardInterrupt"
    assert took < 2.0, took
    reply, msgs = run(kc, "kept")
    assert result_text(msgs) == "tensor(3.)"


def test_interrupt_stops_a_long_backward(kernel):
    km, kc = kernel
    reply, _ = run(kc, "var leaf = tensor(1.0).requiresGrad_();\nvar deep = leaf;\nfor (int i = 0; i < 2_000_000; i++) deep = deep.mul(1.0);")
    assert reply["status"] == "ok", reply
    reply, _, took = interrupt_running(km, kc, "for (int i = 0; i < 50; i++) deep.backward(null, true);", delay=0.3)
    assert reply["status"] == "error"
    assert took < 4.7, took
    reply, msgs = run(kc, "leaf.isLeaf()")
    assert result_text(msgs) == "True"
    # each pass that ran to its end added 1 to the leaf's gradient: the interrupt came long before the 50th
    reply, msgs = run(kc, "leaf.grad() == null ? 0.0 : leaf.grad().item()")
    assert float(result_text(msgs)) < 50, result_text(msgs)
    run(kc, "deep = null;")


def test_sigint_does_not_kill_the_kernel(kernel):
    import signal
    km, kc = kernel
    km.signal_kernel(signal.SIGINT)
    time.sleep(0.5)
    assert km.is_alive()
    reply, msgs = run(kc, "1 + 2")
    assert result_text(msgs) == "3"
