"""A small threaded HTTP proxy on loopback that breaks exchanges on purpose.

One request per client connection (answers carry ``Connection: close``). For each request
it draws a fault (seeded): the request dropped or reset before it reaches the server, the
answer lost or reset after the server acted on it, delays, bodies cut short (request or
answer), the request sent twice, 5xx answers before or after the server acted.
"""

from __future__ import annotations

import random
import socket
import struct
import threading
import time
from collections import Counter

FAULTS = (
    "drop", "reset_before", "reset_after", "delay", "truncate", "duplicate",
    "503_before", "502_after", "cut_request",
)  # fmt: skip


def _read_request(conn: socket.socket) -> bytes | None:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            return None
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(body) < length:
        chunk = conn.recv(65536)
        if not chunk:
            return None
        body += chunk
    lines = [ln for ln in head.split(b"\r\n") if not ln.lower().startswith(b"connection:")]
    return b"\r\n".join([*lines, b"Connection: close"]) + b"\r\n\r\n" + body


def _reset(conn: socket.socket) -> None:
    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    conn.close()


class FaultProxy:
    def __init__(self, upstream_port: int, rate: float = 0.3, seed: int = 1,
                 faults: tuple[str, ...] = FAULTS) -> None:  # fmt: skip
        self.upstream = ("127.0.0.1", upstream_port)
        self.rate, self.faults = rate, faults
        self.rng = random.Random(seed)
        self.lock = threading.Lock()
        self.counts: Counter = Counter()
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.port = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.running = True
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while self.running:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _draw(self) -> str:
        with self.lock:
            fault = self.rng.choice(self.faults) if self.rng.random() < self.rate else "none"
            self.counts[fault] += 1
            return fault

    def _forward(self, request: bytes, cut: bool = False) -> bytes:
        with socket.create_connection(self.upstream, timeout=60) as up:
            if cut:
                up.sendall(request[: max(1, len(request) * 2 // 3)])
                return b""
            up.sendall(request)
            chunks = []
            while True:
                chunk = up.recv(65536)
                if not chunk:
                    break
                chunks.append(chunk)
            return b"".join(chunks)

    def _serve(self, conn: socket.socket) -> None:
        try:
            request = _read_request(conn)
            if request is None:
                conn.close()
                return
            fault = self._draw()
            if fault == "drop":
                conn.close()
            elif fault == "reset_before":
                _reset(conn)
            elif fault == "503_before":
                conn.sendall(b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n"
                             b"Connection: close\r\n\r\n")  # fmt: skip
                conn.close()
            elif fault == "cut_request":
                self._forward(request, cut=True)
                _reset(conn)
            else:
                if fault == "delay":
                    time.sleep(self.rng.uniform(0.05, 0.3))
                answer = self._forward(request)
                if fault == "duplicate":
                    answer = self._forward(request)
                if fault == "reset_after":
                    _reset(conn)
                    return
                if fault == "502_after":
                    answer = (b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n"
                              b"Connection: close\r\n\r\n")  # fmt: skip
                if fault == "truncate":
                    answer = answer[: max(1, len(answer) // 2)]
                conn.sendall(answer)
                conn.close()
        except OSError:
            conn.close()

    def close(self) -> None:
        self.running = False
        self.sock.close()
