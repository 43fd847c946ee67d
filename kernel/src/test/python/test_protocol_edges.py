# SPDX-License-Identifier: Apache-2.0
"""Protocol edges a real session meets: replayed signed messages (refused, as ipykernel's digest history does),
JSON strings longer than Jackson's default limit (read), and JSON the reader refuses (answered with an error
naming the limit, never left hanging)."""
import hashlib
import hmac
import json
import uuid

import pytest
import zmq

from helpers import result_text, run


def _signed(key, content=None, raw_content=None, msg_type="execute_request"):
    header = {"msg_id": str(uuid.uuid4()), "session": "edges", "username": "x", "date": "2026-11-29T00:00:00.000000Z",
              "msg_type": msg_type, "version": "5.3"}
    parts = [json.dumps(header).encode(), b"{}", b"{}", raw_content if raw_content is not None else json.dumps(content).encode()]
    return [b"<IDS|MSG>", hmac.new(key, b"".join(parts), hashlib.sha256).hexdigest().encode()] + parts


def _replies(sock, timeout_ms):
    """Every reply (header, content) that arrives on sock within timeout_ms."""
    out = []
    while sock.poll(timeout_ms):
        frames = sock.recv_multipart()
        d = frames.index(b"<IDS|MSG>")
        out.append((json.loads(frames[d + 2]), json.loads(frames[d + 5])))
        timeout_ms = 500
    return out


@pytest.fixture(scope="module")
def shell_socket(kernel):
    km, kc = kernel
    info = km.get_connection_info()
    ctx = zmq.Context()
    s = ctx.socket(zmq.DEALER)
    s.setsockopt(zmq.LINGER, 0)
    s.connect("tcp://%s:%d" % (info["ip"], info["shell_port"]))
    key = info["key"].encode() if isinstance(info["key"], str) else info["key"]
    yield km, kc, key, s
    s.close()
    ctx.term()


def test_a_replayed_message_is_refused(shell_socket):
    km, kc, key, s = shell_socket
    run(kc, "int replays = 0;")
    frames = _signed(key, {"code": "++replays", "silent": False})
    s.send_multipart(frames)
    first = _replies(s, 30000)
    assert [c["status"] for _, c in first] == ["ok"]
    s.send_multipart(frames)  # the same bytes, signature and all
    assert _replies(s, 2000) == []
    reply, msgs = run(kc, "replays")
    assert result_text(msgs) == "1"


def test_a_string_over_jacksons_default_limit_is_read(shell_socket):
    km, kc, key, s = shell_socket
    s.send_multipart(_signed(key, {"code": "\"read\".length()", "silent": False, "padding": "y" * 25_000_000}))
    replies = _replies(s, 60000)
    assert [c["status"] for _, c in replies] == ["ok"], replies


def test_json_over_a_reader_limit_is_answered_with_an_error_naming_it(shell_socket):
    km, kc, key, s = shell_socket
    deep = b'{"code": "1", "deep": ' + b"[" * 5000 + b"]" * 5000 + b"}"
    s.send_multipart(_signed(key, raw_content=deep))
    replies = _replies(s, 30000)
    assert len(replies) == 1, replies
    header, content = replies[0]
    assert header["msg_type"] == "execute_reply" and content["status"] == "error"
    assert "nesting depth" in content["evalue"] and "1000" in content["evalue"], content["evalue"]
    # malformed JSON in a signed request is answered too
    s.send_multipart(_signed(key, raw_content=b"{not json"))
    (header, content), = _replies(s, 30000)
    assert content["status"] == "error" and "malformed JSON in content" in content["evalue"]
    reply, msgs = run(kc, "6 * 7")
    assert result_text(msgs) == "42"
