"""Helpers for the end-to-end tests: run the built h2h the way a user would.

CTest sets H2H (the binary) and H2H_SOURCE_DIR (the project)."""

import os
import re
import shutil
import subprocess
import tempfile
import unittest
from pathlib import Path

H2H = os.environ.get("H2H", str(Path(__file__).resolve().parents[2] / "build" / "h2h"))
SOURCE_DIR = Path(os.environ.get("H2H_SOURCE_DIR", Path(__file__).resolve().parents[2]))
DATA = SOURCE_DIR / "tests" / "data"

# EX_* as documented in man/h2h.1 (EXIT STATUS).
EX_OK, EX_FAILURE, EX_USAGE, EX_DATA, EX_INTERRUPTED = 0, 1, 2, 3, 130


def clean_env(**extra):
    """A predictable environment: English, no colour settings, an empty
    user deck folder unless one is given."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE", "NO_COLOR", "XDG_DATA_HOME")}
    env["LANG"] = "C.UTF-8"
    env["XDG_DATA_HOME"] = extra.pop("XDG_DATA_HOME", "/nonexistent-h2h-test")
    env.update({k: v for k, v in extra.items() if v is not None})
    return env


def run(*args, input=None, cwd=None, env=None, timeout=60):
    """Runs h2h; returns the CompletedProcess with text stdout and stderr."""
    return subprocess.run([H2H, *map(str, args)], input=input, capture_output=True, text=True,
                          cwd=cwd, env=env or clean_env(), timeout=timeout)


class H2HTestCase(unittest.TestCase):
    maxDiff = None

    def setUp(self):
        self._tmp = tempfile.TemporaryDirectory(prefix="h2h-e2e-")
        self.tmp = Path(self._tmp.name)

    def tearDown(self):
        self._tmp.cleanup()

    def assertExit(self, result, code):
        self.assertEqual(result.returncode, code,
                         f"exit {result.returncode}, wanted {code}\n"
                         f"stdout:\n{result.stdout}\nstderr:\n{result.stderr}")


# Debian 12's libxml2 (2.9) parses HTML 4: it notes HTML5 and SVG elements
# as "Tag X invalid" (and still exits 0). Everything else it says counts.
HTML5_AND_SVG = {"section", "svg", "g", "rect", "line", "text", "circle", "title", "path",
                 "polyline", "polygon", "ellipse", "tspan", "main", "header", "footer",
                 "figure", "figcaption", "nav", "article"}


def xmllint_html_problems(path):
    """What `xmllint --html --noout` reports about a file, less the notes on
    HTML5 and SVG elements; None when xmllint is not installed."""
    if not shutil.which("xmllint"):
        return None
    r = subprocess.run(["xmllint", "--html", "--noout", str(path)], capture_output=True,
                       text=True)
    problems, skip = [], 0
    for line in r.stderr.splitlines():
        if skip:
            skip -= 1
            continue
        m = re.search(r"HTML parser error : Tag (\w+) invalid", line)
        if m and m.group(1) in HTML5_AND_SVG:
            skip = 2  # the excerpt and the caret under it
            continue
        problems.append(line)
    if r.returncode != 0:
        problems.append(f"exit {r.returncode}")
    return problems
