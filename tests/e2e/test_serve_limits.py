"""h2h run --serve under hostile and real conditions: slow clients, too many
connections, oversize and chunked bodies, too many headers, guessing the
join code, one client taking every slot, cross-site posts, replayed and
stale answers, a full disk, no console and signals."""

import os
import resource
import select
import signal
import socket
import subprocess
import threading
import time

import yaml

from h2h_e2e import EX_FAILURE, H2HTestCase
from test_serve import Phone, Server


def port_of(s):
    return int(s.url.rsplit(":", 1)[1].strip("/"))


def raw(s, data, source="127.0.0.1", read=True, timeout=5, host="127.0.0.1"):
    """Sends bytes on a fresh connection from `source`; returns the reply."""
    c = socket.create_connection((host, port_of(s)), timeout=timeout, source_address=(source, 0))
    try:
        c.sendall(data)
        if not read:
            return b""
        reply = b""
        while True:
            try:
                chunk = c.recv(65536)
            except (ConnectionResetError, socket.timeout):
                break
            if not chunk:
                break
            reply += chunk
            if b"\r\n\r\n" in reply:
                head, _, body = reply.partition(b"\r\n\r\n")
                length = [int(l.split(b":")[1]) for l in head.split(b"\r\n") if l.lower().startswith(b"content-length")]
                if length and len(body) >= length[0]:
                    break
        return reply
    finally:
        c.close()


def status(reply):
    return int(reply.split(b" ", 2)[1]) if reply else None


def post(path, body, extra=b"", ctype=b"application/json"):
    return (b"POST " + path + b" HTTP/1.1\r\nHost: x\r\nContent-Type: " + ctype + b"\r\n" + extra +
            b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body)


def small_files():
    """A full disk, as a server started with this sees it: writes over 800
    bytes fail (with EFBIG rather than the signal)."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (800, 800))


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        return next(int(l.split()[1]) for l in f if l.startswith("VmRSS"))


class Limits(H2HTestCase):
    def setUp(self):
        super().setUp()
        self.servers = []

    def tearDown(self):
        # Stopped before the temporary folder goes: they write into it.
        for s in self.servers:
            if s.proc.poll() is None:
                s.proc.kill()
            s.proc.wait(10)
        super().tearDown()

    def server(self, *args, **kw):
        s = Server("--dilemmas", "growth,guidance", "-o", self.tmp / "limits.yaml", *args, **kw)
        self.servers.append(s)
        return s

    def test_slow_clients_do_not_hold_up_the_room(self):
        s = self.server()
        # Slowloris: 60 connections from 30 addresses, each trickling a request.
        slow = []
        for i in range(60):
            c = socket.create_connection(("127.0.0.1", port_of(s)), source_address=(f"127.2.0.{i % 30 + 1}", 0))
            c.sendall(b"POST /api/join HTTP/1.1\r\nHost: x\r\n")
            slow.append(c)
        # One address cannot hold more than 40 connections at once.
        hog = [socket.create_connection(("127.0.0.1", port_of(s)), source_address=("127.2.1.1", 0))
               for _ in range(45)]
        closed, end = set(), time.time() + 5
        while len(closed) < 5 and time.time() < end:
            ready, _, _ = select.select([c for c in hog if c not in closed], [], [], 0.2)
            closed.update(c for c in ready if c.recv(1) == b"")
        time.sleep(0.3)  # and no more than 5
        ready, _, _ = select.select([c for c in hog if c not in closed], [], [], 0)
        self.assertEqual((len(closed), ready), (5, []))
        # Meanwhile everyone else is served at once.
        start = time.time()
        for i in range(20):
            reply = raw(s, post(b"/api/join", b'{"code": "%s", "name": "Quick %d"}' % (s.code.encode(), i)), f"127.2.2.{i + 1}")
            self.assertEqual(status(reply), 200)
        self.assertLess(time.time() - start, 5)
        # A request that does not arrive whole in 10 s gets 408 and is closed.
        slow[0].settimeout(15)
        for c in slow[1:5]:
            c.sendall(b"X-Slow: 1\r\n")
        reply = slow[0].recv(1000)
        self.assertEqual(status(reply), 408, reply)
        for c in slow + hog:
            c.close()

    def test_oversize_and_chunked_bodies_and_headers_are_capped(self):
        s = self.server()
        self.assertEqual(status(raw(s, post(b"/api/join", b"{" + b" " * 5000 + b"}"))), 413)
        self.assertEqual(status(raw(s, b"POST /api/join HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999\r\n\r\n")), 400)
        # Chunked: 64 MiB offered, refused after 4 KiB; the server stays small.
        before = rss_kib(s.proc.pid)
        c = socket.create_connection(("127.0.0.1", port_of(s)), timeout=5)
        c.sendall(b"POST /api/answer HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                  b"Transfer-Encoding: chunked\r\n\r\n")
        chunk = b"10000\r\n" + b"x" * 0x10000 + b"\r\n"
        sent = 0
        try:
            for _ in range(1024):
                c.sendall(chunk)
                sent += 1
        except (BrokenPipeError, ConnectionResetError):
            pass
        reply = b""
        try:
            reply = c.recv(1000)
        except ConnectionResetError:
            pass
        c.close()
        self.assertLess(sent, 1024)  # the server stopped reading long before 64 MiB
        if reply:
            self.assertEqual(status(reply), 413)
        self.assertLess(rss_kib(s.proc.pid) - before, 20 * 1024)
        ok = raw(s, b"POST /api/join HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    b"Transfer-Encoding: chunked\r\n\r\n4\r\n{\"co\r\n0\r\n\r\n")
        self.assertEqual(status(ok), 400)  # a small chunked body is read (and is not JSON)
        self.assertEqual(status(raw(s, b"POST /api/join HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
                                      b"Content-Length: 5\r\n\r\n")), 400)
        headers = b"".join(b"X-%d: y\r\n" % i for i in range(200))
        self.assertEqual(status(raw(s, b"GET / HTTP/1.1\r\nHost: x\r\n" + headers + b"\r\n")), 431)
        self.assertEqual(status(raw(s, b"GET / HTTP/1.1\r\nX: " + b"y" * 9000 + b"\r\n\r\n")), 431)
        self.assertEqual(status(raw(s, b"GARBAGE\r\n\r\n")), 400)
        self.assertEqual(Phone(s).join("Still fine")[0], 200)

    def test_guessing_locks_out_one_address_not_the_room(self):
        s = self.server()
        guess = lambda code, src: status(raw(s, post(b"/api/join", b'{"code": "%s", "name": "G"}' % code.encode()), src))
        wrong = f"{(int(s.code) + 1) % 1000000:06}"
        self.assertEqual([guess(wrong, "127.3.0.1") for _ in range(9)], [403] * 9)
        self.assertEqual(guess(wrong, "127.3.0.1"), 429)  # the 10th: locked out
        self.assertEqual(guess(s.code, "127.3.0.1"), 429)  # even with the right code
        self.assertEqual(guess(s.code, "127.3.0.2"), 200)  # others join as ever
        # One address cannot take every slot: 8 joins, then no more.
        codes = [status(raw(s, post(b"/api/join", b'{"code": "%s", "name": "N%d"}' % (s.code.encode(), i)), "127.3.0.3"))
                 for i in range(9)]
        self.assertEqual(codes, [200] * 8 + [429])

    def test_cross_site_posts_are_refused(self):
        s = self.server()
        body = b'{"code": "%s", "name": "X"}' % s.code.encode()
        self.assertEqual(status(raw(s, post(b"/api/join", body, ctype=b"text/plain"))), 415)
        self.assertEqual(status(raw(s, post(b"/api/join", b"code=1&name=x", ctype=b"application/x-www-form-urlencoded"))), 415)
        self.assertEqual(status(raw(s, post(b"/api/join", body, b"Origin: http://evil.example\r\n"))), 403)
        self.assertEqual(status(raw(s, post(b"/api/join", body, b"Origin: http://x\r\n"))), 200)  # itself
        page = raw(s, b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        self.assertIn(b"frame-ancestors 'none'", page)
        self.assertIn(b"X-Frame-Options: DENY", page)
        self.assertEqual(status(raw(s, b"GET /nothing HTTP/1.1\r\nHost: x\r\n\r\n")), 404)
        self.assertEqual(status(raw(s, b"DELETE /api/state HTTP/1.1\r\nHost: x\r\n\r\n")), 405)

    def test_the_screen_needs_this_computer_or_its_key(self):
        try:  # a fresh system may not resolve its own name (no line in /etc/hosts)
            lan = [a for a in socket.gethostbyname_ex(socket.gethostname())[2] if not a.startswith("127.")]
        except OSError:
            lan = []
        lan = lan or [a for a in subprocess.run(["hostname", "-I"], capture_output=True, text=True).stdout.split() if "." in a]
        self.assertTrue(lan, "this test needs a network address other than loopback")
        s = self.server(listen="0.0.0.0:0")
        s.wait_for(r"screen\?key=\S+")  # printed after the join address; slower under ASan
        key = next(l for l in s.err.splitlines() if "screen?key=" in l).split("screen?key=")[1].split()[0].rstrip(".")
        get = lambda path: status(raw(s, b"GET " + path + b" HTTP/1.1\r\nHost: x\r\n\r\n", lan[0], host=lan[0]))
        self.assertIn(f"http://{lan[0]}:", s.err)  # the real address is printed
        self.assertEqual(get(b"/screen"), 403)
        self.assertEqual(get(b"/api/screen"), 403)
        self.assertEqual(get(b"/screen?key=" + key.encode()), 200)
        self.assertEqual(get(b"/api/screen?key=" + key.encode()), 200)
        self.assertEqual(status(raw(s, b"GET /screen HTTP/1.1\r\nHost: x\r\n\r\n")), 200)  # loopback

    def test_stale_replayed_and_undated_answers(self):
        s = self.server()
        p = Phone(s)
        p.join("Anna")
        self.assertEqual(p.answer(8, 8, dilemma="growth")[0], 200)
        self.assertEqual(p.call("api/answer", {"a": 1, "b": 1})[0], 400)
        self.assertEqual(p.answer(1, 1, dilemma="nonsense")[0], 409)
        s.command("reveal")
        s.wait_for("Enter for the next")
        code, body = p.answer(2, 2, dilemma="growth")  # after the reveal: closed
        self.assertEqual(code, 409)
        self.assertEqual(body["state"]["phase"], "revealed")
        s.command("next")
        s.wait_for("2/2")
        self.assertEqual(p.answer(3, 3, dilemma="growth")[0], 409)  # replayed onto the next: no
        s.command("quit")
        s.finish()
        answers = yaml.safe_load((self.tmp / "limits.yaml").read_text())["answers"]
        self.assertEqual([(a["dilemma"], a["a"]) for a in answers], [("growth", 8)])

    def test_a_long_poll_hears_of_a_change_within_a_second(self):
        s = self.server()
        p = Phone(s)
        version = p.join("Anna")[1]["version"]
        got = {}

        def wait():
            start = time.time()
            got["reply"] = p.call(f"api/state?after={version}")
            got["after"] = time.time() - start
        t = threading.Thread(target=wait)
        t.start()
        time.sleep(0.5)
        changed = time.time()
        s.command("reveal")
        t.join(5)
        self.assertEqual(got["reply"][1]["phase"], "revealed")
        self.assertLess(time.time() - changed, 1.0)
        s.command("quit")
        s.finish()

    def fill_the_disk(self, s):
        """Joins six people with long names: the session file outgrows what
        a server started with small_files may write."""
        for i in range(6):
            self.assertEqual(Phone(s).join(f"Participant with a rather long name, number {i:02} of the room, here {'x' * 10}")[0], 200)

    def not_saved_then_quit(self, s, code, body):
        """The phone was told its entry was not saved (507), the console
        says so, and the run ends with exit 1."""
        self.assertEqual(code, 507)
        self.assertFalse(body["saved"])
        s.wait_for("NOT saved|could not be written")
        s.command("quit")
        self.assertEqual(s.finish()[0], EX_FAILURE)

    def test_full_disk_answers_are_not_acknowledged_and_are_printed(self):
        s = self.server(preexec_fn=small_files)
        anna = Phone(s)
        anna.join("Anna")
        self.assertEqual(anna.answer(8, 3, dilemma="growth")[0], 200)
        self.fill_the_disk(s)
        code, body = anna.answer(9, 9, "an idea that matters", dilemma="growth")
        self.not_saved_then_quit(s, code, body)
        self.assertIn("an idea that matters", s.err)  # printed, so nothing is lost

    def test_full_disk_check_in_ratings_are_not_acknowledged_and_are_printed(self):
        s = Server("--dilemmas", "growth,guidance", "--checkin", "-o", self.tmp / "full.yaml",
                   preexec_fn=small_files)
        self.servers.append(s)
        anna = Phone(s)
        first = anna.join("Anna")[1]["checkin"]
        code, st = anna.call("api/checkin", {"item": first["item"], "value": 4})
        self.assertEqual(code, 200)
        self.assertIs(st["saved"], True)
        self.fill_the_disk(s)
        second = st["checkin"]
        self.assertNotEqual(second["item"], first["item"])
        code, body = anna.call("api/checkin", {"item": second["item"], "value": 2})
        self.not_saved_then_quit(s, code, body)
        # Everything is printed, the unsaved rating too, so nothing is lost.
        dump = yaml.safe_load(s.err.split("so nothing is lost:", 1)[1])
        ratings = {(r["participant"], r["item"]): r.get("value") for r in dump["checkin"]}
        self.assertEqual(ratings[("p1", first["item"])], 4)
        self.assertEqual(ratings[("p1", second["item"])], 2)

    def test_without_a_console_it_serves_until_a_signal(self):
        for attempt in range(5):
            out = self.tmp / f"eof{attempt}.yaml"
            s = Server("--dilemmas", "growth", "-o", out, stdin=subprocess.DEVNULL)
            self.servers.append(s)
            s.wait_for("No console")
            p = Phone(s)
            p.join("Anna")
            self.assertEqual(p.answer(4, 6, dilemma="growth")[0], 200)
            sig = signal.SIGTERM if attempt % 2 == 0 else signal.SIGINT
            s.proc.send_signal(sig)
            code, _ = s.finish()
            self.assertEqual(code, 143 if sig == signal.SIGTERM else 130, s.err)
            rec = yaml.safe_load(out.read_text())
            self.assertEqual([(a["a"], a["b"]) for a in rec["answers"]], [(4, 6)])
            self.assertTrue(os.path.exists(f"{out}.tokens"))  # to rejoin after --resume
