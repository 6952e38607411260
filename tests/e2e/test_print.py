"""The HTML report on paper: printed by headless Chromium (Debian's) on A4
and on Letter, each page headed with the deck and the date and numbered,
one dilemma a page with its grid and figures, never split. The pages are
kept as PNGs (poppler-utils' pdftoppm) in the build directory
(test-artifacts/print-*.png); pdfinfo gives the paper size and pdftotext
each page's text."""

import json
import os
import re
import shutil
import subprocess

import yaml

from h2h_e2e import EX_OK, H2HTestCase, run

PAPERS = {"a4": (8.27, 11.69, "A4"), "letter": (8.5, 11.0, "letter")}


def flat(text):
    return re.sub(r"\s+", " ", text).strip()


class Print(H2HTestCase):
    def setUp(self):
        super().setUp()
        for tool in ("pdfinfo", "pdftotext", "pdftoppm"):
            if not shutil.which(tool):
                self.fail(f"{tool} is needed (Debian package poppler-utils)")
        # Five people answer the five dilemmas; every mean is a multiple of
        # 0.2, so the one decimal the report prints is exact.
        lines = []
        for d in range(5):
            for p in range(5):
                a, b = (p * 2 + d) % 11, (10 - p - d) % 11
                lines.append(f"{a} {b}")
                if a >= 7 and b >= 7:
                    lines.append(f"an idea of P{p + 1} for dilemma {d + 1}")
        self.session = self.tmp / "sales.yaml"
        r = run("run", "--participants", "Anna,Bram,Chris,Dirk,Eva", "--team", "Sales",
                "--no-checkin", "--no-input", "-o", self.session,
                input="\n".join(lines) + "\n")
        self.assertExit(r, EX_OK)
        self.html = self.tmp / "sales.html"
        self.assertExit(run("report", self.session, "--format", "html", "-o", self.html), EX_OK)
        self.figures = json.loads(run("report", self.session, "--format", "json").stdout)
        self.deck = json.loads(run("list", "--format", "json").stdout)
        started = yaml.safe_load(self.session.read_text())["started"]
        self.day = str(started)[:10]

    def artefacts(self, pdf, name):
        folder = os.path.join(os.environ.get("H2H_BUILD_DIR", str(self.tmp)), "test-artifacts")
        os.makedirs(folder, exist_ok=True)
        for old in os.listdir(folder):
            if old.startswith(f"print-{name}-"):
                os.remove(os.path.join(folder, old))
        subprocess.run(["pdftoppm", "-r", "60", "-png", str(pdf),
                        os.path.join(folder, f"print-{name}")], check=True, timeout=120)
        return sorted(f for f in os.listdir(folder) if f.startswith(f"print-{name}-"))

    def pages(self, pdf):
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True,
                              check=True).stdout
        count = int(re.search(r"^Pages: +(\d+)", info, re.M).group(1))
        size = re.search(r"^Page size: +(.*)$", info, re.M).group(1)
        texts = [subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), str(pdf), "-"],
                                capture_output=True, text=True, check=True).stdout
                 for n in range(1, count + 1)]
        return size, texts

    def check_pages(self, pdf, name, paper_name):
        size, texts = self.pages(pdf)
        self.assertIn(f"({paper_name})", size)
        pngs = self.artefacts(pdf, name)
        self.assertEqual(len(pngs), len(texts))
        deck_title = self.deck["deck"]["title"]
        for n, text in enumerate(texts, 1):
            with self.subTest(paper=name, page=n):
                # The running head: the deck, the date, the page of how many.
                head = flat(text)
                self.assertIn(f"{deck_title} · {self.day}", head)
                self.assertRegex(head, rf"(?<!\d){n} ?/ ?{len(texts)}(?!\d)")
        for i, (d, fig) in enumerate(zip(self.deck["dilemmas"], self.figures["dilemmas"]), 1):
            self.assertEqual(d["id"], fig["id"])
            title = f"{i}. {d['title']}"
            on = [n for n, text in enumerate(texts) if title in flat(text)]
            with self.subTest(paper=name, dilemma=d["id"]):
                self.assertEqual(len(on), 1, f"{title!r} is on pages {on}")
                page = flat(texts[on[0]])
                # Its grid (with the grid's key), its figures and its closing
                # question are on the same page as its title.
                self.assertIn("A (OF OF) / B (OF OF)", page)
                self.assertIn(f"Mean A {fig['a']['mean']:.1f}", page)
                self.assertIn(f"mean B {fig['b']['mean']:.1f}", page)
                both_and = json.loads(run("show", d["id"], "--format", "json").stdout)["en_en"]
                self.assertIn(flat(both_and), page)

    def test_a4_and_letter_from_the_print_dialog(self):
        from cdp import CHROMIUM, Chromium
        if not os.path.exists(CHROMIUM):
            self.fail(f"{CHROMIUM} is needed (Debian package chromium)")
        browser = Chromium()
        self.addCleanup(browser.close)
        browser.open(self.html.as_uri(), 1280, 900, mobile=False)
        for name, (width, height, paper_name) in PAPERS.items():
            pdf = self.tmp / f"{name}.pdf"
            browser.print_pdf(pdf, width, height)
            self.check_pages(pdf, name, paper_name)

    def test_the_command_the_man_page_gives(self):
        # chromium --headless --no-pdf-header-footer --print-to-pdf=FILE.pdf FILE.html
        from cdp import CHROMIUM
        if not os.path.exists(CHROMIUM):
            self.fail(f"{CHROMIUM} is needed (Debian package chromium)")
        pdf = self.tmp / "sales.pdf"
        r = subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
                            f"--user-data-dir={self.tmp / 'profile'}", "--no-pdf-header-footer",
                            f"--print-to-pdf={pdf}", self.html.as_uri()],
                           capture_output=True, text=True, timeout=180)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.check_pages(pdf, "command", "letter")


if __name__ == "__main__":
    import unittest
    unittest.main()
