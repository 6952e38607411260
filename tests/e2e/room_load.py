"""Simulated phones for h2h run --serve, as the page behaves: each keeps its
connections alive (one for the long poll, one for posts), joins, long-polls
/api/state, answers the open dilemma. Each phone speaks from its own loopback
address (127.1.x.y), as phones on a network have their own addresses, so
that the per-address limits apply to each phone and not to the whole room.
Python's standard library only (asyncio); used by test_serve_room.py and by
tests/bench/serve.py."""

import asyncio
import json
import random
import time


class Conn:
    def __init__(self, port, source):
        self.port, self.source = port, source
        self.reader = self.writer = None

    async def request(self, method, path, body=None, cookie=None, timeout=30):
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(
                "127.0.0.1", self.port, local_addr=(self.source, 0))
        data = json.dumps(body).encode() if body is not None else b""
        head = f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{self.port}\r\n"
        if body is not None:
            head += f"Content-Type: application/json\r\nContent-Length: {len(data)}\r\n"
        if cookie:
            head += f"Cookie: h2h_token={cookie}\r\n"
        self.writer.write(head.encode() + b"\r\n" + data)
        await self.writer.drain()
        status_line = await asyncio.wait_for(self.reader.readline(), timeout)
        if not status_line:
            raise ConnectionError("closed")
        status = int(status_line.split()[1])
        headers = {}
        while True:
            line = (await self.reader.readline()).decode().rstrip("\r\n")
            if not line:
                break
            k, v = line.split(":", 1)
            headers[k.lower()] = v.strip()
        payload = await self.reader.readexactly(int(headers.get("content-length", 0)))
        if headers.get("connection", "").lower() == "close":
            self.close()
        return status, headers, json.loads(payload) if payload else {}

    def close(self):
        if self.writer:
            self.writer.close()
        self.writer = None


def source_address(i):
    return f"127.1.{i // 250}.{i % 250 + 1}"


class Stats:
    def __init__(self):
        self.times = {}      # kind -> [seconds]
        self.errors = []     # (kind, status or exception)

    def add(self, kind, seconds, status):
        self.times.setdefault(kind, []).append(seconds)
        if status != 200:
            self.errors.append((kind, status))

    @staticmethod
    def percentile(values, p):
        v = sorted(values)
        return v[min(len(v) - 1, int(round(p / 100 * (len(v) - 1))))] if v else float("nan")


async def timed(stats, kind, conn, *args, **kw):
    start = time.perf_counter()
    try:
        status, headers, body = await conn.request(*args, **kw)
    except Exception as e:  # counted, never hidden
        stats.errors.append((kind, repr(e)))
        conn.close()
        return None, {}, {}
    stats.add(kind, time.perf_counter() - start, status)
    return status, headers, body


async def phone(i, port, code, stats, until_phase, answers=1, think=0.5):
    """Joins, long-polls, answers `answers` times (each a changed answer)
    while the dilemma is open, and polls until the phase is `until_phase`."""
    src = source_address(i)
    posts, polls = Conn(port, src), Conn(port, src)
    await asyncio.sleep(random.random() * think)
    status, headers, state = await timed(stats, "join", posts, "POST", "/api/join",
                                         {"code": code, "name": f"Phone {i}"})
    if status != 200:
        return None
    cookie = headers["set-cookie"].split(";")[0].split("=", 1)[1]
    version = state["version"]
    phase = state["phase"]
    seen = [phase]
    done_answering = asyncio.Event()

    async def answer():
        rng = random.Random(i)
        for _ in range(answers):
            await asyncio.sleep(rng.random() * think)
            body = {"dilemma": state["dilemma"]["id"], "a": rng.randint(0, 10), "b": rng.randint(0, 10)}
            await timed(stats, "answer", posts, "POST", "/api/answer", body, cookie=cookie)
        done_answering.set()

    await timed(stats, "state", polls, "GET", "/api/state", cookie=cookie)  # the page's first look
    task = asyncio.create_task(answer())
    while phase != until_phase:
        status, _, s = await timed(stats, "wait", polls, "GET", f"/api/state?after={version}",
                                   cookie=cookie, timeout=40)
        if status != 200:
            await asyncio.sleep(1)
            continue
        version, phase = s["version"], s["phase"]
        seen.append(phase)
    await task
    posts.close()
    polls.close()
    return seen
