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
    def __init__(self, *args, listen="127.0.0.1:0", **popen):
        popen.setdefault("stdin", subprocess.PIPE)
        self.proc = subprocess.Popen([H2H, "run", "--serve", "--listen", listen, *args],
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                     env=clean_env(), **popen)
        self.err = ""
        self._lines = []
        self._pumping = threading.Thread(target=self._pump, daemon=True)
        self._pumping.start()
        end = time.time() + 10
        while time.time() < end:
            m = re.search(r"(http://[\d.]+:\d+/)\D+(\d{6})\b", self.err)
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
        # Not communicate(): it would read stderr away from the pump.
        if self.proc.stdin and not self.proc.stdin.closed:
            self.proc.stdin.close()
        out = self.proc.stdout.read()
        self.proc.wait(timeout=20)
        self._pumping.join(5)  # everything it wrote on stderr
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

    def answer(self, a, b, idea="", dilemma=None):
        if dilemma is None:
            dilemma = self.state()["dilemma"]["id"]
        return self.call("api/answer", {"dilemma": dilemma, "a": a, "b": b, "idea": idea})

    def state(self):
        return self.call("api/state")[1]


def until(condition, timeout=10):
    """Waits for the server to have done what the console was told."""
    end = time.time() + timeout
    while not condition():
        if time.time() > end:
            raise AssertionError("the server did not get there in time")
        time.sleep(0.05)


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
        self.assertEqual(Phone(s).answer(5, 5, dilemma="growth")[0], 401)  # not joined
        st = anna.state()
        self.assertEqual((st["phase"], st["dilemma"]["id"], st["name"]), ("open", "growth", "Anna"))
        # The phone shows both poles' upsides, and carries the polarity map for the reveal.
        self.assertTrue(st["dilemma"]["a_upsides"] and st["dilemma"]["b_upsides"])
        self.assertTrue(st["dilemma"]["map"]["purpose"])
        self.assertTrue(st["dilemma"]["map"]["b"]["early_warnings"])
        self.assertIn("polarityMap(s.dilemma.map", page)
        # Answers, a changed answer, bad and oversized requests.
        self.assertEqual(anna.answer(8, 3)[0], 200)
        self.assertEqual(anna.answer(9, 9, "co-op")[0], 200)  # changed before the reveal
        self.assertEqual(bram.answer(2, 9)[0], 200)
        self.assertEqual(bram.answer(11, 2)[0], 400)
        self.assertEqual(bram.call("api/answer", raw=b"{not json")[0], 400)
        self.assertEqual(bram.call("api/answer", raw=b'{"a": 1, "b": 2, "idea": "' + b"x" * 8000 + b'"}')[0], 413)
        self.assertEqual(bram.call("api/answer", {"a": 1, "b": 2})[0], 400)  # names no dilemma
        s.wait_for(r"Answered 2 of 3\. Still to answer: Chris")
        self.assertNotIn("co-op", s.err)  # who answered, not what
        # The reveal, on the console and the phones; answers close.
        s.command("reveal")
        s.wait_for(r"Enter for the next dilemma")
        st = chris.state()
        self.assertEqual(st["phase"], "revealed")
        # Dots and figures, no names: zones come from the server.
        self.assertEqual(st["reveal"]["dots"], [{"a": 2, "b": 9, "zone": "b"}, {"a": 9, "b": 9, "zone": "en-en"}])
        self.assertEqual((st["reveal"]["n"], st["reveal"]["mean_a"], st["reveal"]["zones"]["en-en"]), (2, 5.5, 1))
        self.assertEqual(st["reveal"]["ideas"], ["co-op"])
        self.assertNotIn("rows", st["reveal"])
        self.assertNotIn("Anna", json.dumps(st["reveal"]))
        self.assertEqual(chris.answer(5, 5, dilemma="growth")[0], 409)
        # The console's commands are events of the session: action, back (reopen).
        s.command("action try a pilot @Anna")
        s.wait_for("Action step saved|action step", 5)
        s.command("back")
        s.wait_for("open again")
        self.assertEqual(chris.state()["phase"], "open")
        s.command("reveal")
        s.wait_for(r"Enter for the next dilemma(.|\n)*Enter for the next dilemma")
        s.command("note we keep both")
        s.command("")
        s.wait_for(r"2/2  Guidance")
        # A resent answer to the dilemma before is stale: never stored on this one.
        self.assertEqual(anna.answer(0, 0, dilemma="growth")[0], 409)
        for phone, (a, b) in ((anna, (1, 1)), (bram, (3, 3)), (chris, (4, 6))):
            self.assertEqual(phone.answer(a, b, dilemma="guidance")[0], 200)
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
        self.assertEqual((rec["actions"][0]["text"], rec["actions"][0]["who"]), ("try a pilot", "Anna"))
        self.assertIsNotNone(rec["finished"])
        # The same reflection as for a local session.
        self.assertExit(run("report", out), EX_OK)
        self.assertNotRegex(out.read_text(), r"127\.0\.0\.1")  # no addresses stored

    def test_check_in_on_the_phones(self):
        out = self.tmp / "checkin.yaml"
        s = self.server("--dilemmas", "growth,guidance", "--checkin", "-o", out)
        anna, bram = Phone(s), Phone(s)
        st = anna.join("Anna")[1]
        self.assertEqual(st["phase"], "checkin")
        items = []
        while st["phase"] == "checkin":
            c = st["checkin"]
            self.assertEqual(c["number"], len(items) + 1)
            self.assertTrue(c["statement"])
            items.append(c["item"])
            value = None if len(items) == 2 else len(items) % 5 + 1  # the second one skipped
            code, st = anna.call("api/checkin", {"item": c["item"], "value": value})
            self.assertEqual(code, 200, st)
        self.assertEqual(st["phase"], "open")  # on to the first dilemma
        self.assertEqual(c["count"], len(items))
        # Bad ratings are refused, and nothing else changes.
        bram.join("Bram")
        first = bram.state()["checkin"]["item"]
        self.assertEqual(bram.call("api/checkin", {"item": first, "value": 6})[0], 400)
        self.assertEqual(bram.call("api/checkin", {"item": "nope", "value": 3})[0], 409)
        self.assertEqual(bram.call("api/checkin", {"item": first})[0], 400)
        self.assertEqual(bram.call("api/checkin", {"item": first, "value": 4})[0], 200)
        anna.answer(8, 3)
        # The reveal closes the check-in: Bram goes to the reveal, Chris who
        # joins later lands on the open dilemma.
        s.command("reveal")
        until(lambda: bram.state()["phase"] == "revealed")
        s.command("next")
        until(lambda: bram.state()["phase"] == "open")
        chris = Phone(s)
        self.assertEqual(chris.join("Chris")[1]["phase"], "open")
        self.assertEqual(chris.call("api/checkin", {"item": first, "value": 3})[0], 409)
        s.command("quit")
        self.assertEqual(s.finish()[0], EX_OK)
        rec = yaml.safe_load(out.read_text())
        self.assertEqual(rec["checkin_items"], items)
        ratings = {(r["participant"], r["item"]): r.get("value") for r in rec["checkin"]}
        self.assertEqual(ratings[("p1", items[0])], 2)
        self.assertIsNone(ratings[("p1", items[1])])
        self.assertEqual(ratings[("p2", first)], 4)
        self.assertEqual(len([k for k in ratings if k[0] == "p2"]), 1)
        self.assertNotIn("p3", [k[0] for k in ratings])
        # The reflection compares the check-in with the answers, as in a local session.
        r = run("report", out, "--format", "json")
        self.assertEqual(r.returncode, EX_OK, r.stderr)

    def test_console_unnote_and_the_map_on_the_screen(self):
        out = self.tmp / "unnote.yaml"
        s = self.server("--dilemmas", "growth", "-o", out)
        Phone(s).join("Anna")
        s.command("note keep this")
        s.command("note drop this")
        s.command("unnote")
        s.wait_for("Note removed: drop this")
        screen = Phone(s)
        s.command("map")  # before the reveal: only on the console
        s.command("reveal")
        until(lambda: screen.call("api/screen")[1]["phase"] == "revealed")
        self.assertFalse(screen.call("api/screen")[1]["map_shown"])
        s.command("map")
        until(lambda: screen.call("api/screen")[1]["map_shown"])
        code, st = screen.call("api/screen", {"command": "map"})  # the screen's M key
        self.assertEqual((code, st["map_shown"]), (200, False))
        self.assertEqual(screen.call("api/screen", {"command": "next"})[0], 200)
        s.command("quit")
        self.assertEqual(s.finish()[0], EX_OK)
        self.assertEqual([n["text"] for n in yaml.safe_load(out.read_text())["notes"]], ["keep this"])

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
        anna.server = s  # the same phone, its cookie kept: joined again by itself
        st = anna.state()
        self.assertEqual((st["joined"], st["name"]), (True, "Anna"))
        self.assertEqual(st["answer"], {"a": 8, "b": 3, "idea": ""})
        self.assertEqual(Phone(s).join("Anna")[0], 409)  # nobody else takes Anna over
        s.command("quit")
        self.assertEqual(s.finish()[0], EX_OK)
        self.assertEqual(len(yaml.safe_load(out.read_text())["participants"]), 1)

    def test_a_lost_phone_rejoins_with_its_own_code(self):
        out = self.tmp / "rejoin.yaml"
        s = self.server("--dilemmas", "growth,guidance", "-o", out)
        anna = Phone(s)
        code = anna.join("Anna")[1]["rejoin_code"]
        self.assertRegex(code, r"^[A-HJ-NP-Z2-9]{6}$")
        anna.answer(8, 3)
        Phone(s).join("Bram")
        # The facilitator reads the codes off the console.
        s.command("codes")
        s.wait_for(code + "  Anna")
        new_phone = Phone(s)
        self.assertEqual(new_phone.join("Anna")[0], 409)
        wrong = "ABCDEF" if code != "ABCDEF" else "ABCDEG"
        self.assertEqual(new_phone.call("api/join", {"code": s.code, "rejoin": wrong})[0], 403)
        status, st = new_phone.call("api/join", {"code": s.code, "rejoin": code.lower()})
        self.assertEqual((status, st["name"], st["answer"]["a"]), (200, "Anna", 8))
        # The lost phone's token no longer speaks for Anna.
        self.assertEqual(anna.answer(1, 1, dilemma="growth")[0], 401)
        self.assertEqual(new_phone.answer(2, 9)[0], 200)
        s.command("quit")
        self.assertEqual(s.finish()[0], EX_OK)
        # After --resume the same code still works, for a phone that never joined.
        s = Server("--resume", out)
        self.addCleanup(lambda: s.proc.poll() is None and s.proc.kill())
        status, st = Phone(s).call("api/join", {"code": s.code, "rejoin": code})
        self.assertEqual((status, st["name"], st["answer"]["b"]), (200, "Anna", 9))
        s.command("quit")
        self.assertEqual(s.finish()[0], EX_OK)
        rec = yaml.safe_load(out.read_text())
        self.assertEqual([p["name"] for p in rec["participants"]], ["Anna", "Bram"])

    def test_a_served_follow_up_asks_the_earlier_action_steps(self):
        first, second = self.tmp / "first.yaml", self.tmp / "second.yaml"
        s = self.server("--dilemmas", "growth", "-o", first)
        anna = Phone(s)
        anna.join("Anna")
        anna.answer(8, 3)
        s.command("reveal")
        until(lambda: anna.state()["phase"] == "revealed")
        s.command("action try a pilot @Anna")
        s.wait_for("Action step saved")
        s.command("next")
        self.assertEqual(s.finish()[0], EX_OK)
        s = self.server("--follow-up", first, "--dilemmas", "growth", "-o", second)
        s.wait_for("Action step from last time: try a pilot")
        bram = Phone(s)
        bram.join("Bram")
        self.assertEqual(bram.answer(6, 6)[0], 200)  # the phones answer meanwhile
        s.command("reveal")
        s.wait_for("First say what became of the action step")
        s.command("partly")
        s.command("reveal")
        until(lambda: bram.state()["phase"] == "revealed")
        s.command("next")
        self.assertEqual(s.finish()[0], EX_OK)
        rec = yaml.safe_load(second.read_text())
        self.assertEqual([(a["text"], a["outcome"]) for a in rec["actions"]], [("try a pilot", "partly")])
        self.assertIn("partly done", run("report", second).stdout)

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


    def test_loopback_by_default_and_bad_listen(self):
        r = run("run", "--serve", "--listen", "nowhere:99999", "-o", self.tmp / "x.yaml", input="")
        self.assertEqual(r.returncode, 2, r.stderr)
        r = run("run", "--serve", "--solo", "-o", self.tmp / "x.yaml", input="")
        self.assertEqual(r.returncode, 2, r.stderr)


if __name__ == "__main__":
    import unittest
    unittest.main()
