"""The command line speaks h2h's language: a misspelled command or option
gets "did you mean" in the chosen language, CLI11's own words are
translated in Dutch help, and option errors are h2h's own sentences."""

from h2h_e2e import EX_OK, EX_USAGE, H2HTestCase, clean_env, run


class Conventions(H2HTestCase):
    def test_a_misspelled_command_gets_did_you_mean(self):
        r = run("reprot", "s.yaml")
        self.assertExit(r, EX_USAGE)
        self.assertIn("unknown command 'reprot'; did you mean 'report'?", r.stderr)
        self.assertNotIn("not expected", r.stderr)
        r = run("--lang", "nl", "reprot")
        self.assertIn("onbekend commando 'reprot'; bedoel je 'report'?", r.stderr)
        self.assertIn("Gebruik --help", r.stderr)
        r = run("xyzzy")
        self.assertExit(r, EX_USAGE)
        self.assertIn("unknown command 'xyzzy'\n", r.stderr)

    def test_a_misspelled_option_gets_did_you_mean_in_the_language(self):
        r = run("run", "--partcipants", "Anna,Bram")
        self.assertExit(r, EX_USAGE)
        self.assertIn("unknown option '--partcipants'; did you mean '--participants'?", r.stderr)
        r = run("run", "--partcipants", "Anna,Bram", env=clean_env(LANG="nl_NL.UTF-8"))
        self.assertExit(r, EX_USAGE)
        self.assertIn("onbekende optie '--partcipants'; bedoel je '--participants'?", r.stderr)
        r = run("--lang", "nl", "report", "--fromat", "json", "x.yaml")
        self.assertIn("bedoel je '--format'?", r.stderr)
        r = run("list", "--lnag", "nl")
        self.assertIn("did you mean '--lang'?", r.stderr)
        r = run("show", "growth", "extra")
        self.assertExit(r, EX_USAGE)
        self.assertIn("h2h show does not take 'extra'", r.stderr)

    def test_option_errors_are_h2h_sentences_in_dutch(self):
        cases = [(["run", "--solo", "--participants", "3"], "gaan niet samen"),
                 (["run", "--name", "Sam"], "--name werkt alleen samen met --solo"),
                 (["run", "--deck"], "--deck heeft een waarde nodig"),
                 (["show"], "is verplicht"),
                 (["report", "--format", "pdf", "x.yaml"], "'pdf' is geen van")]
        for args, words in cases:
            with self.subTest(args=args):
                r = run("--lang", "nl", *args)
                self.assertExit(r, EX_USAGE)
                self.assertIn(words, r.stderr)
                self.assertNotRegex(r.stderr, r"requires|excludes|required|not in|Expected")

    def test_dutch_help_has_no_cli11_english(self):
        for args in ([], ["run"], ["show"], ["report"]):
            with self.subTest(args=args):
                r = run("--lang", "nl", *args, "--help")
                self.assertExit(r, EX_OK)
                self.assertIn("Gebruik: h2h", r.stdout)
                self.assertIn("Opties:", r.stdout)
                for word in ("Usage", "Options", "OPTIONS", "Positionals", "Subcommands",
                             "REQUIRED", "Excludes", "Needs"):
                    self.assertNotIn(word, r.stdout)
        self.assertIn("Argumenten:", run("--lang", "nl", "show", "--help").stdout)
        self.assertIn("Commando's:", run("--lang", "nl", "--help").stdout)
        english = run("--help").stdout
        self.assertIn("Usage: h2h", english)
        self.assertIn("Subcommands:", english)


if __name__ == "__main__":
    import unittest
    unittest.main()
