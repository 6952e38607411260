"""h2h run --serve: participants answer over HTTP on loopback, the facilitator
types commands; the same session file and reflection as a local session."""

import http.cookiejar
import json
import re
import subprocess
import threading
import time
import urllib.error
import urllib.request

import yaml

from h2h_e2e import EX_OK, H2H, H2HTestCase, clean_env, run


class Server:
    def __init__(self, *args):
        self.proc = subprocess.Popen([H2H, "run", "--serve", "--listen", "127.0.0.1:0", *args],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True, env=clean_env())
        self.err = ""
        self._lines = []
        threading.Thread(target=self._pump, daemon=True).start()
        end = time.time() + 10
        while time.time() < end:
            m = re.search(r"(http://127\.0\.0\.1:\d+/)\D+(\d{6})\b", self.err)
            if m:
                self.url, self.code = m.group(1), m.group(2)
                return
            time.sleep(0.02)
        raise AssertionError(f"no address in:\n{self.err}")

    def _pump(self):
        for line in self.proc.stderr:
            self.err += line

    def command(self, line):
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()

    def wait_for(self, pattern, timeout=10):
        end = time.time() + timeout
        while time.time() < end:
            if re.search(pattern, self.err):
                return
            time.sleep(0.02)
        raise AssertionError(f"{pattern!r} not in:\n{self.err}")

    def finish(self):
        out, _ = self.proc.communicate(timeout=20)
        return self.proc.returncode, out


class Phone:
    """One participant's browser: its own cookies."""

    def __init__(self, server):
        self.server = server
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def call(self, path, body=None, raw=None):
        data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
        req = urllib.request.Request(self.server.url + path, data=data,
                                     headers={"Content-Type": "application/json"})
        try:
            with self.opener.open(req, timeout=5) as r:
                return r.status, json.loads(r.read() or b"{}")
        except urllib.error.HTTPError as e:
            return e.code, json.loads(e.read() or b"{}")

    def join(self, name, code=None):
        return self.call("api/join", {"code": code or self.server.code, "name": name})

    def answer(self, a, b, idea=""):
        return self.call("api/answer", {"a": a, "b": b, "idea": idea})

    def state(self):
        return self.call("api/state")[1]


class Serve(H2HTestCase):
    def server(self, *args):
        s = Server(*args)
        self.addCleanup(lambda: s.proc.poll() is None and s.proc.kill())
        return s

    def test_a_room_answers_from_phones(self):
        out = self.tmp / "room.yaml"
        s = self.server("--dilemmas", "growth,guidance", "--team", "Room", "-o", out)
        anna, bram, chris = Phone(s), Phone(s), Phone(s)
        # The page is self-contained.
        with urllib.request.urlopen(s.url, timeout=5) as r:
            page = r.read().decode()
            self.assertIn("default-src 'none'", r.headers["Content-Security-Policy"])
        self.assertNotRegex(page, r"(src|href)=")
        # Joining: a wrong code is refused; one participant per browser.
        self.assertEqual(anna.join("Anna", code="000000")[0], 403)
        self.assertEqual(anna.join("Anna")[0], 200)
        self.assertEqual(anna.join("Anna again")[0], 200)
        self.assertEqual(bram.join("Bram")[0], 200)
        self.assertEqual(chris.join("Bram")[0], 409)  # taken
        self.assertEqual(chris.join("Chris")[0], 200)
        self.assertEqual(Phone(s).answer(5, 5)[0], 401)  # not joined
        st = anna.state()
        self.assertEqual((st["phase"], st["dilemma"]["id"], st["name"]), ("open", "growth", "Anna"))
        # Answers, a changed answer, bad and oversized requests.
        self.assertEqual(anna.answer(8, 3)[0], 200)
        self.assertEqual(anna.answer(9, 9, "co-op")[0], 200)  # changed before the reveal
        self.assertEqual(bram.answer(2, 9)[0], 200)
        self.assertEqual(bram.answer(11, 2)[0], 400)
        self.assertEqual(bram.call("api/answer", raw=b"{not json")[0], 400)
        self.assertEqual(bram.call("api/answer", raw=b'{"a": 1, "b": 2, "idea": "' + b"x" * 8000 + b'"}')[0], 413)
        s.wait_for(r"Answered 2 of 3: Anna, Bram")
        self.assertNotIn("co-op", s.err)  # who answered, not what
        # The reveal, on the console and the phones; answers close.
        s.command("reveal")
        s.wait_for(r"Enter for the next dilemma")
        st = chris.state()
        self.assertEqual(st["phase"], "revealed")
        self.assertEqual(sorted(r["a"] for r in st["reveal"]["rows"]), [2, 9])
        self.assertEqual(chris.answer(5, 5)[0], 409)
        s.command("note we keep both")
        s.command("")
        s.wait_for(r"2/2  Guidance")
        for phone, (a, b) in ((anna, (1, 1)), (bram, (3, 3)), (chris, (4, 6))):
            self.assertEqual(phone.answer(a, b)[0], 200)
        s.command("reveal")
        s.command("next")
        code, stdout = s.finish()
        self.assertEqual(code, EX_OK, s.err)
        self.assertIn("EN EN reflection", stdout)
        rec = yaml.safe_load(out.read_text())
        self.assertEqual([p["name"] for p in rec["participants"]], ["Anna", "Bram", "Chris"])
        got = [(a["dilemma"], a["participant"], a["a"], a["b"]) for a in rec["answers"]]
        self.assertEqual(sorted(got), sorted([("growth", "p1", 9, 9), ("growth", "p2", 2, 9),
                                              ("guidance", "p1", 1, 1), ("guidance", "p2", 3, 3),
                                              ("guidance", "p3", 4, 6)]))
        self.assertEqual(rec["answers"][[a["participant"] for a in rec["answers"]].index("p1")]["idea"], "co-op")
        self.assertEqual(rec["notes"][0]["text"], "we keep both")
        self.assertIsNotNone(rec["finished"])
        # The same reflection as for a local session.
        self.assertExit(run("report", out), EX_OK)
        self.assertNotRegex(out.read_text(), r"127\.0\.0\.1")  # no addresses stored

    def test_resume_a_served_session_and_rejoin(self):
        out = self.tmp / "resume.yaml"
        s = self.server("--dilemmas", "growth,guidance", "-o", out)
        anna = Phone(s)
        anna.join("Anna")
        anna.answer(8, 3)
        s.command("quit")
        self.assertEqual(s.finish()[0], EX_OK)
        s = Server("--resume", out)
        self.addCleanup(lambda: s.proc.poll() is None and s.proc.kill())
        again = Phone(s)
        self.assertEqual(again.join("Anna")[0], 200)  # the same participant again
        self.assertEqual(again.state()["answer"], {"a": 8, "b": 3, "idea": ""})
        self.assertEqual(Phone(s).join("Anna")[0], 409)  # now held by a browser
        s.command("quit")
        self.assertEqual(s.finish()[0], EX_OK)
        self.assertEqual(len(yaml.safe_load(out.read_text())["participants"]), 1)

    def test_anonymous_rooms_keep_no_names(self):
        out = self.tmp / "anon.yaml"
        s = self.server("--dilemmas", "growth", "--anonymous", "-o", out)
        p = Phone(s)
        self.assertEqual(p.join("Secret Name")[0], 200)
        self.assertEqual(p.state()["name"], "P1")
        p.answer(7, 7)
        s.command("quit")
        code, _ = s.finish()
        self.assertEqual(code, EX_OK)
        self.assertNotIn("Secret Name", out.read_text())

    def test_guessing_the_code_is_slowed_down(self):
        s = self.server("--dilemmas", "growth", "-o", self.tmp / "g.yaml")
        codes = [Phone(s).join("X", code=f"{i:06}")[0] for i in range(40)]
        self.assertIn(429, codes)
        s.command("quit")
        self.assertEqual(s.finish()[0], EX_OK)

    def test_loopback_by_default_and_bad_listen(self):
        r = run("run", "--serve", "--listen", "nowhere:99999", "-o", self.tmp / "x.yaml", input="")
        self.assertEqual(r.returncode, 2, r.stderr)
        r = run("run", "--serve", "--solo", "-o", self.tmp / "x.yaml", input="")
        self.assertEqual(r.returncode, 2, r.stderr)


if __name__ == "__main__":
    import unittest
    unittest.main()


class Browser(H2HTestCase):
    """The real page in headless Chromium (Debian's), through join, answer and
    reveal; the screenshot is kept as a test artefact."""

    def test_join_answer_and_reveal_in_a_phone_browser(self):
        import os
        from cdp import CHROMIUM, Chromium
        if not os.path.exists(CHROMIUM):
            self.fail(f"{CHROMIUM} is needed (Debian package chromium)")
        out = self.tmp / "browser.yaml"
        s = Server("--dilemmas", "growth", "--lang", "nl", "-o", out)
        self.addCleanup(lambda: s.proc.poll() is None and s.proc.kill())
        other = Phone(s)
        other.join("Bram")
        other.answer(2, 9)
        browser = Chromium()
        self.addCleanup(browser.close)
        browser.open(s.url)
        browser.wait_for("!document.getElementById('join').hidden")
        self.assertEqual(browser.eval("document.documentElement.lang"), "nl")
        browser.eval(f"document.getElementById('code').value = '{s.code}';"
                     "document.getElementById('name').value = 'Anna';"
                     "document.getElementById('join-button').click()")
        browser.wait_for("!document.getElementById('answer').hidden")
        self.assertIn("Groei", browser.eval("document.getElementById('d-title').textContent"))
        # Both 8 or more: the idea field appears.
        browser.eval("for (const [id, v] of [['a', 9], ['b', 8]]) {"
                     "  const e = document.getElementById(id); e.value = v;"
                     "  e.dispatchEvent(new Event('input')); }")
        self.assertFalse(browser.eval("document.getElementById('idea-box').hidden"))
        browser.eval("document.getElementById('idea').value = 'samen bouwen';"
                     "document.getElementById('send').click()")
        browser.wait_for("document.getElementById('sent').textContent.length > 0")
        s.wait_for(r"2 van 2 hebben geantwoord")
        s.command("reveal")
        browser.wait_for("!document.getElementById('reveal').hidden")
        rows = browser.eval("[...document.querySelectorAll('#r-rows tr')].map(r => r.textContent)")
        self.assertEqual(len(rows), 2)
        self.assertTrue(any("Anna" in r for r in rows), rows)
        artefacts = os.environ.get("H2H_BUILD_DIR", str(self.tmp))
        shot = os.path.join(artefacts, "test-artifacts", "serve-reveal.png")
        os.makedirs(os.path.dirname(shot), exist_ok=True)
        browser.screenshot(shot)
        with open(shot, "rb") as f:
            self.assertEqual(f.read(8), b"\x89PNG\r\n\x1a\n")
        s.command("next")
        code, _ = s.finish()
        self.assertEqual(code, EX_OK, s.err)
        rec = yaml.safe_load(out.read_text())
        anna = next(a for a in rec["answers"] if a["participant"] == "p2")
        self.assertEqual((anna["a"], anna["b"], anna["idea"]), (9, 8, "samen bouwen"))
