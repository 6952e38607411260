"""A room of 500 on loopback: simulated phones (room_load.py) join, keep
their connections alive, long-poll as the page does and answer; nothing
fails and the session file holds exactly the 500 answers. (Latency figures
live in tests/bench/serve.py, never here.)"""

import asyncio

import yaml

from h2h_e2e import EX_OK, H2HTestCase
from room_load import Stats, phone
from test_serve import Server

ROOM = 500


class Room(H2HTestCase):
    def test_500_phones_answer_and_see_the_reveal(self):
        out = self.tmp / "hall.yaml"
        s = Server("--dilemmas", "growth", "-o", out)
        self.addCleanup(lambda: s.proc.poll() is None and s.proc.kill())
        port = int(s.url.rsplit(":", 1)[1].strip("/"))
        stats = Stats()

        async def hall():
            phones = [asyncio.create_task(phone(i, port, s.code, stats, "revealed", answers=2))
                      for i in range(ROOM)]
            # Reveal once every answer (two per phone) has been acknowledged.
            while len(stats.times.get("answer", [])) + len(stats.errors) < 2 * ROOM:
                await asyncio.sleep(0.1)
            s.command("reveal")
            return await asyncio.wait_for(asyncio.gather(*phones), 60)

        seen = asyncio.run(hall())
        self.assertEqual(stats.errors, [])
        self.assertEqual(len(stats.times["join"]), ROOM)
        self.assertEqual(len(stats.times["answer"]), 2 * ROOM)
        self.assertTrue(all(p and p[-1] == "revealed" for p in seen))
        s.wait_for(r"Answered 500 of 500\.")
        s.command("next")
        code, _ = s.finish()
        self.assertEqual(code, EX_OK, s.err[-2000:])
        rec = yaml.safe_load(out.read_text())
        self.assertEqual(len(rec["participants"]), ROOM)
        self.assertEqual(len(rec["answers"]), ROOM)
        self.assertEqual(len({a["participant"] for a in rec["answers"]}), ROOM)

    def test_the_501st_is_refused(self):
        s = Server("--dilemmas", "growth", "-o", self.tmp / "full.yaml")
        self.addCleanup(lambda: s.proc.poll() is None and s.proc.kill())
        port = int(s.url.rsplit(":", 1)[1].strip("/"))
        from room_load import Conn, source_address

        async def joins():
            async def one(i):
                c = Conn(port, source_address(i))
                r = await c.request("POST", "/api/join", {"code": s.code, "name": f"P {i}"})
                c.close()
                return r[0]
            return await asyncio.gather(*(one(i) for i in range(ROOM + 1)))

        codes = asyncio.run(joins())
        self.assertEqual(sorted(codes), [200] * ROOM + [403])
        s.command("quit")
        self.assertEqual(s.finish()[0], EX_OK)
