# SPDX-License-Identifier: Apache-2.0
"""IOPub answers each subscription with an iopub_welcome (protocol 5.5, as ipykernel 7 does): a client learns that its
subscription is live, and jupyter_client 7's wait_for_ready, which takes a kernel_info reply as ready only when an
IOPub message follows it, no longer loses a round when its IOPub socket connected after the first kernel_info
(bench/RESULTS.md, start-up)."""
import zmq
from jupyter_client.session import Session

from helpers import result_text, run


def _subscriber(km, ctx):
    s = ctx.socket(zmq.SUB)
    s.setsockopt(zmq.LINGER, 0)
    s.setsockopt(zmq.SUBSCRIBE, b"")
    s.connect("tcp://%s:%d" % (km.ip, km.iopub_port))
    return s


def _first_message(kc, sock, timeout_ms=30_000):
    assert sock.poll(timeout_ms), "no IOPub message within %d ms of subscribing" % timeout_ms
    # a session of its own: the client's keeps every signature it has seen and refuses a message it got twice
    session = Session(key=kc.session.key)
    _, msg = session.feed_identities(sock.recv_multipart())
    return session.deserialize(msg)  # checks the signature with the connection file's key


def test_every_subscriber_is_welcomed_and_the_session_goes_on(kernel):
    km, kc = kernel
    ctx = zmq.Context()
    try:
        first, second = _subscriber(km, ctx), _subscriber(km, ctx)
        for sock in (first, second):  # the second subscribes to the same topic: XPUB_VERBOSE passes it up too
            msg = _first_message(kc, sock)
            assert msg["msg_type"] == "iopub_welcome"
            assert msg["content"] == {"subscription": ""}
            assert msg["parent_header"] == {}
        # the client that was there before got the welcomes too (PUB sends to all) and passes them over
        reply, msgs = run(kc, "6 * 7")
        assert reply["status"] == "ok" and result_text(msgs) == "42"
    finally:
        ctx.destroy(linger=0)


def test_a_subscription_after_the_kernel_info_reply_still_gets_a_message(kernel):
    """What wait_for_ready needs: a kernel_info answered before IOPub connected is followed by an IOPub message."""
    km, kc = kernel
    kc.kernel_info()
    assert kc.get_shell_msg(timeout=30)["msg_type"] == "kernel_info_reply"
    ctx = zmq.Context()
    try:
        late = _subscriber(km, ctx)
        # the kernel_info's own idle status may still be on its way and reach the new subscriber first (CI saw it
        # once): what must come is the welcome, within the first three messages and after status messages only
        seen = []
        while "iopub_welcome" not in seen:
            seen.append(_first_message(kc, late)["msg_type"])
            assert seen[-1] in ("status", "iopub_welcome") and len(seen) <= 3, seen
    finally:
        ctx.destroy(linger=0)
