"""Shell completion: `h2h completion bash|zsh|fish` offers every command and
option that --help lists, and the bash script, sourced into bash, completes
commands, options, choices, deck ids and dilemma ids."""

import re
import shlex
import subprocess
import unittest

from h2h_e2e import EX_OK, EX_USAGE, H2H, H2HTestCase, clean_env, run


def help_commands():
    section = run("--help").stdout.split("Subcommands:", 1)[1]
    return re.findall(r"^  ([a-z][a-z-]*)\s", section, re.M)


def help_options(args):
    """Every option name (-o, --output) that `h2h ARGS --help` defines."""
    text = run(*args, "--help").stdout
    names = set()
    for spec in re.findall(r"^ +(-[-\w,]+)", text, re.M):
        names.update(n for n in spec.split(",") if n)
    return names


class Scripts(H2HTestCase):
    def test_every_command_and_option_of_help_is_in_each_script(self):
        commands = help_commands()
        self.assertIn("report", commands)
        self.assertIn("completion", commands)
        for shell in ("bash", "zsh", "fish"):
            r = run("completion", shell)
            self.assertExit(r, EX_OK)
            script = r.stdout
            for cmd in commands:
                with self.subTest(shell=shell, command=cmd):
                    self.assertRegex(script, rf"(?<![\w-]){cmd}(?![\w-])")
            for args in [[]] + [[c] for c in commands]:
                options = help_options(args)
                self.assertIn("--help", options)
                for option in sorted(options):
                    # fish writes --output as "-l output" and -o as "-s o".
                    if shell == "fish":
                        wanted = (rf"-l {option[2:]}(?![\w-])" if option.startswith("--")
                                  else rf"-s {option[1:]}(?![\w-])")
                    else:
                        wanted = rf"(?<![\w-]){re.escape(option)}(?![\w-])"
                    with self.subTest(shell=shell, command=args, option=option):
                        self.assertRegex(script, wanted)

    def test_the_bash_script_lists_each_command_s_own_options(self):
        script = run("completion", "bash").stdout
        for cmd in help_commands():
            branch = re.search(rf"^    {cmd}\)\n(.*?);;", script, re.M | re.S)
            self.assertIsNotNone(branch, f"no branch for {cmd}")
            for option in help_options([cmd]):
                with self.subTest(command=cmd, option=option):
                    self.assertRegex(branch.group(1), rf"(?<![\w-]){re.escape(option)}(?![\w-])")

    def test_the_scripts_pass_their_shell_s_syntax_check(self):
        r = run("completion", "bash")
        check = subprocess.run(["bash", "-n"], input=r.stdout, capture_output=True, text=True)
        self.assertEqual(check.returncode, 0, check.stderr)

    def test_unknown_shell_is_a_usage_error(self):
        r = run("completion", "tcsh")
        self.assertExit(r, EX_USAGE)
        self.assertIn("tcsh", r.stderr)


class Ids(H2HTestCase):
    def test_deck_ids_one_a_line(self):
        r = run("completion", "decks")
        self.assertExit(r, EX_OK)
        self.assertEqual(r.stdout.splitlines(), ["collaboration", "customer", "h2h"])

    def test_user_decks_are_listed_too(self):
        folder = self.tmp / "h2h" / "dilemmas"
        folder.mkdir(parents=True)
        template = run("template").stdout
        (folder / "mine.yaml").write_text(template)
        deck_id = re.search(r"^id: *(\S+)", template, re.M).group(1)
        r = run("completion", "decks", env=clean_env(XDG_DATA_HOME=str(self.tmp)))
        self.assertExit(r, EX_OK)
        self.assertIn(deck_id, r.stdout.splitlines())

    def test_dilemma_ids_of_a_deck(self):
        r = run("completion", "dilemmas", "--deck", "customer")
        self.assertExit(r, EX_OK)
        self.assertIn("saying-no", r.stdout.splitlines())
        self.assertEqual(run("completion", "dilemmas").stdout.splitlines()[0], "transparency")

    def test_unknown_deck_is_a_usage_error(self):
        r = run("completion", "dilemmas", "--deck", "nosuchdeck")
        self.assertExit(r, EX_USAGE)
        self.assertEqual(r.stdout, "")


class BashCompletes(H2HTestCase):
    """Sources the script into bash and calls its function as bash would
    on Tab, with COMP_WORDS and COMP_CWORD."""

    def setUp(self):
        super().setUp()
        self.work = self.tmp / "work"  # the folder Tab is pressed in
        self.work.mkdir()

    def complete(self, *words):
        script = self.tmp / "h2h.bash"
        if not script.exists():
            script.write_text(run("completion", "bash").stdout)
        words = [H2H, *words]
        program = (f"source {shlex.quote(str(script))}\n"
                   f"COMP_WORDS=({' '.join(shlex.quote(w) for w in words)})\n"
                   f"COMP_CWORD={len(words) - 1}\n"
                   "COMPREPLY=()\n_h2h\nprintf '%s\\n' \"${COMPREPLY[@]}\"\n")
        r = subprocess.run(["bash", "--norc", "--noprofile", "-c", program], capture_output=True,
                           text=True, env=clean_env(), cwd=self.work, timeout=60)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stderr, "")
        return [line for line in r.stdout.splitlines() if line]

    def test_command_names(self):
        self.assertEqual(self.complete("re"), ["report"])
        self.assertEqual(sorted(self.complete("")), sorted(help_commands()))
        self.assertEqual(self.complete("--lang", "nl", "sh"), ["show"])

    def test_options_of_report(self):
        self.assertEqual(self.complete("report", "--fo"), ["--format", "--force"])
        self.assertIn("--skip-invalid", self.complete("report", "--"))
        self.assertNotIn("--serve", self.complete("report", "--"))
        self.assertEqual(self.complete("report", "--format", ""),
                         ["text", "markdown", "json", "csv", "html"])
        self.assertEqual(self.complete("report", "--by", "s"), ["session"])

    def test_deck_ids_after_deck(self):
        self.assertEqual(self.complete("list", "--deck", "cu"), ["customer"])
        self.assertEqual(self.complete("run", "--deck", "=", "co"), ["collaboration"])
        (self.work / "my-deck.yaml").write_text("")
        self.assertEqual(self.complete("list", "--deck", ""),
                         ["collaboration", "customer", "h2h", "my-deck.yaml"])

    def test_dilemma_ids(self):
        self.assertEqual(self.complete("show", "--deck", "customer", "sa"), ["saying-no"])
        self.assertEqual(self.complete("show", "tr"), ["transparency"])
        self.assertEqual(self.complete("run", "--dilemmas", "transparency,gr"),
                         ["transparency,growth"])

    def test_file_names_where_a_file_is_expected(self):
        (self.work / "sales.yaml").write_text("")
        (self.work / "sales.csv").write_text("")
        self.assertEqual(sorted(self.complete("report", "sal")), ["sales.csv", "sales.yaml"])
        self.assertEqual(sorted(self.complete("report", "-o", "sal")), ["sales.csv", "sales.yaml"])
        self.assertEqual(self.complete("run", "--team", "sal"), [])


if __name__ == "__main__":
    unittest.main()
