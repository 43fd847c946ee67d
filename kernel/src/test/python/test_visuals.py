# SPDX-License-Identifier: Apache-2.0
"""Plots, live outputs and IPython's magics, through jupyter_client as a front end sees them."""
import re

from helpers import drain, result_text, run, stdout


def test_plot_of_f_and_its_derivative_is_one_html_picture(kernel):
    km, kc = kernel
    drain(kc)
    reply, msgs = run(kc, "plot(x -> x.pow(2).mul(x.exp()), -3, 3)")
    assert reply["status"] == "ok"
    data = [m for m in msgs if m["msg_type"] == "execute_result"][0]["content"]["data"]
    assert set(data) == {"text/plain", "text/html"}, "sent once, as HTML (no duplicate SVG)"
    assert data["text/html"].count("<svg") == 1 and "f'(x) (autograd)" in data["text/html"]
    assert data["text/plain"].startswith("<Plot: f(x) (201 points")
    # the same cell draws the same bytes
    _, again = run(kc, "plot(x -> x.pow(2).mul(x.exp()), -3, 3)")
    assert [m for m in again if m["msg_type"] == "execute_result"][0]["content"]["data"]["text/html"] == data["text/html"]


def test_live_loss_updates_in_place_throttled_and_ends_exact(kernel):
    km, kc = kernel
    drain(kc)
    code = """var live = liveLoss("training");
long t0 = System.nanoTime();
for (int step = 0; step < 3000; step++) {
    live.add(step, 1.0 / (step + 1));
    if (step % 300 == 0) Thread.sleep(60);   // a loop of about 0.6 s
}
live.messagesSent()"""
    reply, msgs = run(kc, code)
    assert reply["status"] == "ok", reply
    shows = [m for m in msgs if m["msg_type"] == "display_data"]
    updates = [m for m in msgs if m["msg_type"] == "update_display_data"]
    assert len(shows) == 1, "shown once"
    display_id = shows[0]["content"]["transient"]["display_id"]
    assert all(u["content"]["transient"]["display_id"] == display_id for u in updates)
    # 3000 adds in ~0.6 s: at most one message per 200 ms plus the final one
    assert 1 <= len(updates) <= 8, len(updates)
    final = updates[-1]["content"]["data"]
    assert final["text/plain"].startswith("step 2999: loss 0.000333333 (3000 points"), final["text/plain"]
    assert "<svg" in final["text/html"]
    # the cell's value counted the messages before the end-of-cell flush, which sends the final state if pending
    assert int(result_text(msgs)) in (len(updates), 1 + len(updates))


def test_progress_bar_reaches_the_total(kernel):
    km, kc = kernel
    drain(kc)
    reply, msgs = run(kc, "int sum = 0;\nfor (int i : progress(500, \"epochs\")) sum += i;\nsum")
    assert reply["status"] == "ok"
    assert result_text(msgs) == str(sum(range(500)))
    last = [m for m in msgs if m["msg_type"] in ("display_data", "update_display_data")][-1]["content"]["data"]
    assert re.match(r"epochs: 100%\|██████████\| 500/500 \[\d\d:\d\d<\d\d:\d\d, [\d.]+(it/s|s/it)\]$", last["text/plain"]), last["text/plain"]
    assert 'value="500" max="500"' in last["text/html"]
