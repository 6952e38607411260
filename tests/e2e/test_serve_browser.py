"""The real pages in headless Chromium (Debian's): the big screen at
1920x1080 and two phones, each with its own cookies, joining by the address
the QR code carries, answering on the grid, and the reveal on the screen.
Screenshots of the screen before and after the reveal are kept as test
artefacts in the build directory (test-artifacts/)."""

import json
import os

import yaml

from h2h_e2e import EX_OK, H2HTestCase
from test_serve import Server


class Browser(H2HTestCase):
    def artefact(self, name):
        folder = os.path.join(os.environ.get("H2H_BUILD_DIR", str(self.tmp)), "test-artifacts")
        os.makedirs(folder, exist_ok=True)
        return os.path.join(folder, name)

    def test_screen_and_two_phones(self):
        from cdp import CHROMIUM, Chromium
        if not os.path.exists(CHROMIUM):
            self.fail(f"{CHROMIUM} is needed (Debian package chromium)")
        out = self.tmp / "browser.yaml"
        s = Server("--dilemmas", "growth,guidance", "--lang", "nl", "--checkin", "-o", out)
        self.addCleanup(lambda: s.proc.poll() is None and s.proc.kill())
        browser = Chromium()
        self.addCleanup(browser.close)
        screen = browser.open(s.url + "screen", 1920, 1080, mobile=False)
        browser.wait_for("document.getElementById('title').textContent.includes('Groei')")
        self.assertEqual(browser.eval("document.documentElement.lang"), "nl")
        # No scrolling at 1920x1080 and 1280x720; the QR code is drawn here.
        self.assertTrue(browser.eval("document.documentElement.scrollHeight <= innerHeight"))
        join_url = browser.eval("document.querySelector('#qr svg').getAttribute('aria-label')")
        self.assertEqual(join_url, f"{s.url}#code={s.code}")
        self.assertEqual(browser.eval("document.getElementById('code').textContent"), s.code)

        phones = []
        for name, (a, b) in (("Anna", (9, 8)), ("Bram", (2, 9))):
            tab = browser.open(join_url, own_cookies=True)
            phones.append(tab)
            browser.wait_for("!document.getElementById('join').hidden")
            self.assertEqual(browser.eval("document.getElementById('code').value"), s.code)
            browser.eval(f"document.getElementById('name').value = '{name}';"
                         "document.getElementById('join-button').click()")
            # The check-in first, one statement at a time: 4 each, the last one skipped.
            browser.wait_for("!document.getElementById('checkin').hidden")
            count = int(browser.eval("document.getElementById('c-number').textContent").split("/")[1])
            for i in range(1, count + 1):
                browser.wait_for(f"document.getElementById('c-number').textContent === '{i}/{count}'"
                                 " && !document.querySelector('#c-scale button').disabled")
                button = "#c-skip" if i == count else "#c-scale button:nth-child(4)"
                browser.eval(f"document.querySelector('{button}').click()")
            browser.wait_for("!document.getElementById('answer').hidden")
            self.assertIn("Groei", browser.eval("document.getElementById('d-title').textContent"))
            # No default answer: nothing can be sent before both values are chosen.
            self.assertTrue(browser.eval("document.getElementById('send').disabled"))
            cell = json.dumps(f'#pick rect[data-a="{a}"][data-b="{b}"]')
            browser.eval(f"document.querySelector({cell})"
                         ".dispatchEvent(new MouseEvent('click', {bubbles: true}))")
            self.assertFalse(browser.eval("document.getElementById('send').disabled"))
            en_en = a >= 7 and b >= 7
            self.assertEqual(browser.eval("document.getElementById('idea-box').hidden"), not en_en)
            if en_en:
                browser.eval("document.getElementById('idea').value = 'samen bouwen'")
            browser.eval("document.getElementById('send').click()")
            browser.wait_for("document.getElementById('sent').className === 'ok'"
                             " && document.getElementById('sent').textContent.length > 0")
        # A reload keeps who you are and your answer.
        browser.eval("window.beforeReload = true; location.reload()")
        browser.wait_for("!window.beforeReload && document.readyState === 'complete'"
                         " && document.getElementById('answer') && !document.getElementById('answer').hidden")
        self.assertEqual(browser.eval("document.getElementById('a-out').textContent"), "2")
        self.assertEqual(browser.eval("document.getElementById('who').textContent"), "Bram")

        browser.use(screen)
        browser.wait_for("document.getElementById('count').textContent.startsWith('2 van 2')", 5)
        before = self.artefact("serve-screen-before-reveal.png")
        browser.screenshot(before, beyond_viewport=False)
        # The facilitator reveals from the screen page's keys.
        browser.eval("document.dispatchEvent(new KeyboardEvent('keydown', {key: 'ArrowRight'}))")
        browser.wait_for("!document.getElementById('reveal').hidden", 5)
        self.assertEqual(browser.eval("document.querySelectorAll('#grid circle').length"), 2)
        self.assertIn("samen bouwen", browser.eval("document.getElementById('ideas').textContent"))
        self.assertTrue(browser.eval("document.documentElement.scrollHeight <= innerHeight"))
        after = self.artefact("serve-screen-after-reveal.png")
        browser.screenshot(after, beyond_viewport=False)
        for shot in (before, after):
            with open(shot, "rb") as f:
                self.assertEqual(f.read(8), b"\x89PNG\r\n\x1a\n")
        s.wait_for("Onthulling|onthul", 5)
        for tab in phones:  # the phones show the reveal: dots, no names
            browser.use(tab)
            browser.wait_for("!document.getElementById('reveal').hidden", 5)
            self.assertEqual(browser.eval("document.querySelectorAll('#r-grid circle').length"), 2)
            self.assertNotIn("Anna", browser.eval("document.getElementById('reveal').textContent"))
        # 1280x720: still no scrolling on the screen.
        browser.use(screen)
        browser.send("Emulation.setDeviceMetricsOverride",
                     {"width": 1280, "height": 720, "deviceScaleFactor": 1, "mobile": False})
        self.assertTrue(browser.eval("document.documentElement.scrollHeight <= innerHeight"))
        # M: the polarity map instead of the grid, all of it on the screen.
        browser.eval("document.dispatchEvent(new KeyboardEvent('keydown', {key: 'm'}))")
        browser.wait_for("!document.getElementById('map').hidden", 5)
        self.assertIn("Snel uitbreiden", browser.eval("document.getElementById('map').textContent"))
        self.assertTrue(browser.eval("[...document.querySelectorAll('#map > *, #map li')]"
                                     ".every(e => e.getBoundingClientRect().bottom <= innerHeight)"))
        browser.screenshot(self.artefact("serve-screen-map-1280x720.png"), beyond_viewport=False)
        browser.eval("document.dispatchEvent(new KeyboardEvent('keydown', {key: 'm'}))")
        browser.wait_for("!document.getElementById('reveal').hidden", 5)
        s.command("quit")  # every phone says the session stopped
        for tab in phones:
            browser.use(tab)
            browser.wait_for("!document.getElementById('done').hidden", 5)
        code, _ = s.finish()
        self.assertEqual(code, EX_OK, s.err)
        rec = yaml.safe_load(out.read_text())
        anna = next(a for a in rec["answers"] if a["participant"] == "p1")
        self.assertEqual((anna["a"], anna["b"], anna["idea"]), (9, 8, "samen bouwen"))
        values = [c["value"] for c in rec["checkin"] if c["participant"] == "p1"]
        self.assertEqual(values, [4] * (len(values) - 1) + [None])
