"""The documentation keeps up with the program: every command and long
option that --help shows is in man/h2h.1, the man page renders without
warnings, and the README opens with its two commands."""

import gzip
import os
import re
import shutil
import subprocess
import unittest

from h2h_e2e import EX_OK, SOURCE_DIR, H2HTestCase, run

MAN = SOURCE_DIR / "man" / "h2h.1"


def commands():
    """The subcommands listed by h2h --help."""
    text = run("--help").stdout
    section = text.split("Subcommands:", 1)[1]
    return re.findall(r"^  ([a-z][a-z-]*)\s", section, re.M)


def long_options(args):
    return set(re.findall(r"(?<![\w-])(--[a-z][a-z-]*)", run(*args, "--help").stdout))


def command_sections():
    """Each command's entry under COMMANDS in man/h2h.1, by name, and the
    OPTIONS section that holds the options every command shares."""
    text = man_text()
    commands_part = text.split(".SH COMMANDS", 1)[1].split("\n.SH ", 1)[0]
    entries = re.split(r"^\.TP\n\.BI? +([a-z]+)\b.*$", commands_part, flags=re.M)
    sections = {entries[i]: entries[i + 1] for i in range(1, len(entries) - 1, 2)}
    shared = text.split("\n.SH OPTIONS", 1)[1].split("\n.SH ", 1)[0]
    return sections, shared


def defined_options(args):
    """The long options a command's --help lists as its own (not those its
    texts merely mention)."""
    text = run(*args, "--help").stdout
    return set(re.findall(r"^ +(?:-\w,)?(--[a-z][a-z-]*)", text, re.M))


def man_text():
    """The man page with roff's escaped minus signs made plain."""
    return MAN.read_text().replace("\\-", "-")


class ManPage(H2HTestCase):
    def test_every_command_and_option_is_documented(self):
        cmds = commands()
        self.assertGreaterEqual(len(cmds), 5)
        text = man_text()
        for cmd in cmds:
            self.assertRegex(text, rf"\.B{{1,2}}I? +{cmd}\b|\.B h2h {cmd}\b",
                             f"command {cmd} not in man/h2h.1")
        for args in [[]] + [[c] for c in cmds]:
            for option in long_options(args):
                with self.subTest(command=args, option=option):
                    self.assertIn(option, text, f"{option} of {args} not in man/h2h.1")

    def test_each_command_documents_its_options_in_its_own_entry(self):
        # Every long option a command's --help lists is described in that
        # command's entry under COMMANDS, or under OPTIONS (shared ones).
        sections, shared = command_sections()
        cmds = commands()
        self.assertEqual(sorted(sections), sorted(cmds))
        for cmd in cmds:
            for option in sorted(defined_options([cmd])):
                with self.subTest(command=cmd, option=option):
                    self.assertTrue(option in sections[cmd] or option in shared,
                                    f"{option} of h2h {cmd} is not in its man page entry")
        self.assertIn("--serve", sections["run"])
        self.assertIn("--listen", sections["run"])

    def test_form_output_writes_the_form(self):
        text = run("form", "--help").stdout
        line = next(l for l in text.splitlines() if "--output" in l)
        self.assertIn("form", line)
        self.assertNotIn("report", line)

    def test_renders_without_warnings(self):
        r = subprocess.run(["groff", "-man", "-ww", "-z", str(MAN)], capture_output=True, text=True)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stderr, "")
        if shutil.which("mandoc"):
            r = subprocess.run(["mandoc", "-T", "lint", "-W", "warning", str(MAN)],
                               capture_output=True, text=True)
            self.assertEqual(r.stdout + r.stderr, "")

    def test_exit_codes_documented(self):
        text = man_text()
        section = text.split(".SH EXIT STATUS", 1)[1].split(".SH", 1)[0]
        for code in ("0", "1", "2", "3", "130"):
            self.assertIn(f".B {code}\n", section)
        header = (SOURCE_DIR / "src" / "core" / "exit_code.hpp").read_text()
        self.assertEqual(sorted(re.findall(r"= (\d+),?\s", header), key=int),
                         ["0", "1", "2", "3", "130"])


class Readme(unittest.TestCase):
    def test_opens_with_two_commands(self):
        text = (SOURCE_DIR / "README.md").read_text()
        blocks = re.findall(r"```(?:sh|bash)?\n(.*?)```", text, re.S)
        self.assertGreaterEqual(len(blocks), 2)
        first, second = blocks[0].strip(), blocks[1].strip()
        self.assertIn("apt-get install", first)
        self.assertIn("h2h", first.splitlines()[-1])
        self.assertIn("ctest", second)
        # The first builds h2h alone, with what building and running need.
        self.assertIn("-DH2H_BUILD_TESTS=OFF", first)
        self.assertNotIn("ctest", first)
        packages = [set(re.search(r"apt-get install -y ([^&]*)&&", b).group(1).split())
                    for b in (first, second)]
        self.assertLess(packages[0], packages[1])
        for test_only in ("doctest-dev", "python3-yaml", "groff-base", "mandoc", "libxml2-utils",
                          "mawk", "time", "chromium", "poppler-utils", "dpkg-dev", "man-db"):
            self.assertNotIn(test_only, packages[0])
        ci = (SOURCE_DIR / ".ci" / "run").read_text()
        self.assertIn(second, ci, ".ci/run must run the README's test command")


class Install(H2HTestCase):
    def test_cmake_install_puts_binary_man_page_and_decks(self):
        build = os.environ.get("H2H_BUILD_DIR", str(SOURCE_DIR / "build"))
        r = subprocess.run(["cmake", "--install", build, "--prefix", str(self.tmp)],
                           capture_output=True, text=True)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertTrue((self.tmp / "bin" / "h2h").exists())
        man = self.tmp / "share" / "man" / "man1" / "h2h.1.gz"
        self.assertEqual(gzip.decompress(man.read_bytes()), MAN.read_bytes())
        share = self.tmp / "share"
        for script, shell in [("bash-completion/completions/h2h", "bash"),
                              ("zsh/vendor-completions/_h2h", "zsh"),
                              ("fish/vendor_completions.d/h2h.fish", "fish")]:
            with self.subTest(shell=shell):
                self.assertEqual((share / script).read_text(),
                                 run("--lang", "en", "completion", shell).stdout)
        self.assertTrue((self.tmp / "share" / "h2h" / "dilemmas" / "h2h.yaml").exists())
        self.assertTrue((self.tmp / "share" / "h2h" / "dilemmas" / "customer.yaml").exists())
        self.assertTrue((self.tmp / "share" / "h2h" / "dilemmas" / "collaboration.yaml").exists())
        r = subprocess.run([str(self.tmp / "bin" / "h2h"), "list"], capture_output=True, text=True,
                           cwd="/")
        self.assertEqual(r.returncode, EX_OK)


if __name__ == "__main__":
    unittest.main()
