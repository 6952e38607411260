"""A headless Chromium driven through the DevTools protocol over a pipe
(--remote-debugging-pipe), with Python's standard library only: enough to
open a page, run a little JavaScript in it, take a screenshot and print it."""

import base64
import json
import os
import shutil
import subprocess
import tempfile
import time

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


class Chromium:
    def __init__(self):
        self._profile = tempfile.mkdtemp(prefix="h2h-chromium-")
        to_child_r, self._to_child = os.pipe()
        self._from_child, from_child_w = os.pipe()

        def fds():  # Chromium reads commands on fd 3 and writes replies on fd 4.
            a, b = os.dup(to_child_r), os.dup(from_child_w)  # out of the way of 3 and 4
            os.dup2(a, 3)
            os.dup2(b, 4)

        self.proc = subprocess.Popen(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
             "--no-first-run", "--disable-background-networking", "--disable-component-update",
             "--disable-sync", "--disable-dev-shm-usage", f"--user-data-dir={self._profile}",
             "--remote-debugging-pipe", "about:blank"],
            preexec_fn=fds, pass_fds=(3, 4), stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_child_r)
        os.close(from_child_w)
        self._buffer = b""
        self._id = 0
        self.session = None

    def send(self, method, params=None, session=True):
        self._id += 1
        message = {"id": self._id, "method": method, "params": params or {}}
        if session and self.session:
            message["sessionId"] = self.session
        os.write(self._to_child, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._read()
            if reply.get("id") == self._id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})

    def _read(self):
        while b"\0" not in self._buffer:
            chunk = os.read(self._from_child, 1 << 16)
            if not chunk:
                raise RuntimeError("Chromium closed the pipe")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def open(self, url, width=390, height=844, mobile=True, own_cookies=False):
        """A new tab, phone-sized unless told, at `url`; with own_cookies, in a
        browser context of its own (another phone). Returns the tab, for use()."""
        params = {"url": "about:blank"}
        if own_cookies:
            params["browserContextId"] = self.send("Target.createBrowserContext", {},
                                                   session=False)["browserContextId"]
        target = self.send("Target.createTarget", params, session=False)
        self.session = self.send("Target.attachToTarget",
                                 {"targetId": target["targetId"], "flatten": True},
                                 session=False)["sessionId"]
        self.send("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 2 if mobile else 1,
                   "mobile": mobile})
        self.send("Page.navigate", {"url": url})
        self.wait_for("document.readyState === 'complete'")
        return self.session

    def use(self, tab):
        """Talks to this tab from now on."""
        self.session = tab

    def eval(self, expression):
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                                "awaitPromise": True})
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait_for(self, expression, timeout=15):
        end = time.time() + timeout
        while time.time() < end:
            if self.eval(expression):
                return
            time.sleep(0.1)
        raise AssertionError(f"never true: {expression}")

    def screenshot(self, path, beyond_viewport=True):
        data = self.send("Page.captureScreenshot", {"format": "png",
                                                    "captureBeyondViewport": beyond_viewport})
        with open(path, "wb") as f:
            f.write(base64.b64decode(data["data"]))

    def print_pdf(self, path, paper_width, paper_height):
        """Prints the page as the print dialog would on paper of this size
        (inches), with the page's own margins and no browser header."""
        data = self.send("Page.printToPDF", {"paperWidth": paper_width,
                                             "paperHeight": paper_height,
                                             "printBackground": True,
                                             "displayHeaderFooter": False,
                                             "preferCSSPageSize": False})
        with open(path, "wb") as f:
            f.write(base64.b64decode(data["data"]))

    def close(self):
        try:
            self.send("Browser.close", session=False)
        except Exception:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        os.close(self._to_child)
        os.close(self._from_child)
        shutil.rmtree(self._profile, ignore_errors=True)
