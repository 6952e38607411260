"""h2h decks, list, show, validate and template through the real binary."""

import json
import shutil
import unittest

from h2h_e2e import (DATA, EX_DATA, EX_FAILURE, EX_OK, EX_USAGE, SOURCE_DIR, H2HTestCase,
                     clean_env, run)

DECKS = DATA / "decks"


class ListAndShow(H2HTestCase):
    def test_list_in_english_and_dutch(self):
        en = run("list")
        self.assertExit(en, EX_OK)
        self.assertIn("transparency", en.stdout)
        self.assertIn("Belonging", en.stdout)
        self.assertEqual(en.stderr, "")
        nl = run("list", "--lang", "nl")
        self.assertExit(nl, EX_OK)
        self.assertIn("Binding", nl.stdout)
        self.assertIn("Behoeften:", nl.stdout)

    def test_language_from_the_locale(self):
        nl = run("list", env=clean_env(LANG="nl_NL.UTF-8"))
        self.assertIn("Binding", nl.stdout)
        en = run("list", env=clean_env(LANG="nl_NL.UTF-8", LC_ALL="en_US.UTF-8"))
        self.assertIn("Belonging", en.stdout)
        flag_wins = run("--lang", "en", "list", env=clean_env(LANG="nl_NL.UTF-8"))
        self.assertIn("Belonging", flag_wins.stdout)

    def test_fits_80_columns_and_no_colour_in_a_pipe(self):
        for args in (["list"], ["list", "--deck", "customer"], ["show", "workload"],
                     ["decks"], ["show", "authority", "--deck", "customer", "--lang", "nl"],
                     ["show", "inside-out", "--deck", "collaboration", "--lang", "nl"]):
            r = run(*args)
            self.assertExit(r, EX_OK)
            self.assertNotIn("\x1b", r.stdout)
            for line in r.stdout.splitlines():
                self.assertLessEqual(len(line), 80, f"{args}: {line!r}")

    def test_show_in_full(self):
        r = run("show", "transparency")
        self.assertExit(r, EX_OK)
        for part in ("Share everything openly", "Guard confidentiality", "+ ", "- ",
                     "Early warning:", "Greater purpose: A culture of trust", "Deeper fear:",
                     "Feeds:", "EN EN"):
            self.assertIn(part, r.stdout)

    def test_show_json(self):
        r = run("show", "self-service", "--deck", "customer", "--format", "json", "--lang", "nl")
        self.assertExit(r, EX_OK)
        data = json.loads(r.stdout)
        self.assertEqual(data["deck"]["id"], "customer")
        self.assertEqual(data["language"], "nl")
        self.assertEqual(set(data["poles"]), {"a", "b"})
        self.assertEqual(set(data["poles"]["a"]["needs"]), {"autonomy", "belonging", "competence"})

    def test_show_the_polarity_map_of_a_deck_that_has_one(self):
        deck = self.tmp / "mine.yaml"
        deck.write_text(run("template").stdout, encoding="utf-8")
        en = run("show", "meetings", "--deck", deck)
        self.assertExit(en, EX_OK)
        for part in ("Greater purpose: Good decisions the team stands behind.",
                     "Early warning: Small things wait for the next meeting.",
                     "Early warning: Colleagues are surprised by decisions that affect them.",
                     "Deeper fear: Poor decisions nobody stands behind."):
            self.assertIn(part, en.stdout)
        # The map reads top to bottom: purpose, the poles, fear, then EN EN.
        self.assertLess(en.stdout.index("Greater purpose"), en.stdout.index("A  "))
        self.assertLess(en.stdout.index("B  "), en.stdout.index("Deeper fear"))
        self.assertLess(en.stdout.index("Deeper fear"), en.stdout.index("EN EN"))
        nl = run("show", "meetings", "--deck", deck, "--lang", "nl")
        for part in ("Hoger doel: Goede besluiten", "Vroeg signaal: Kleine dingen",
                     "Diepste zorg: Slechte besluiten"):
            self.assertIn(part, nl.stdout)
        data = json.loads(run("show", "meetings", "--deck", deck, "--format", "json").stdout)
        self.assertEqual(data["purpose"], "Good decisions the team stands behind.")
        self.assertEqual(data["fear"], "Poor decisions nobody stands behind.")
        self.assertEqual(data["poles"]["a"]["early_warnings"],
                         ["Small things wait for the next meeting."])
        # Without them: null and [], and no empty lines of text.
        plain = self.tmp / "plain.yaml"
        text = deck.read_text(encoding="utf-8")
        text = "\n".join(line for line in text.splitlines()
                         if not line.lstrip().startswith(("purpose:", "fear:", "early_warnings:"))
                         and "Small things" not in line and "Colleagues are" not in line)
        plain.write_text(text + "\n", encoding="utf-8")
        data = json.loads(run("show", "meetings", "--deck", plain, "--format", "json").stdout)
        self.assertIsNone(data["purpose"])
        self.assertIsNone(data["fear"])
        self.assertEqual(data["poles"]["b"]["early_warnings"], [])
        r = run("show", "meetings", "--deck", plain)
        self.assertExit(r, EX_OK)
        for part in ("Greater purpose", "Deeper fear", "Early warning"):
            self.assertNotIn(part, r.stdout)

    def test_list_json(self):
        data = json.loads(run("list", "--format", "json").stdout)
        self.assertEqual([d["id"] for d in data["dilemmas"]],
                         ["transparency", "sustainability", "workload", "growth", "guidance"])
        self.assertEqual([n["id"] for n in data["needs"]], ["autonomy", "belonging", "competence"])

    def test_unknown_dilemma_and_deck(self):
        r = run("show", "nope")
        self.assertExit(r, EX_USAGE)
        self.assertIn("transparency", r.stderr)
        r = run("list", "--deck", "nope")
        self.assertExit(r, EX_USAGE)
        self.assertIn("h2h: error: no deck 'nope'", r.stderr)

    def test_deck_from_a_file_from_any_directory(self):
        shutil.copy(SOURCE_DIR / "dilemmas" / "customer.yaml", self.tmp / "mine.yaml")
        r = run("list", "--deck", "mine.yaml", cwd=self.tmp)
        self.assertExit(r, EX_OK)
        self.assertIn("self-service", r.stdout)

    def test_an_invalid_deck_never_runs(self):
        for cmd in (["list"], ["show", "meetings"]):
            r = run(*cmd, "--deck", DECKS / "bad-weights.yaml")
            self.assertExit(r, EX_DATA)
            self.assertEqual(r.stdout, "")
            self.assertIn("bad-weights.yaml:45:27:", r.stderr)


class Decks(H2HTestCase):
    def test_built_in_decks(self):
        r = run("decks")
        self.assertExit(r, EX_OK)
        self.assertRegex(r.stdout, r"h2h\s+5\s+nl,en")
        self.assertRegex(r.stdout, r"customer\s+7\s+nl,en")
        self.assertRegex(r.stdout, r"collaboration\s+5\s+nl,en")

    def test_user_decks_and_json(self):
        folder = self.tmp / "h2h" / "dilemmas"
        folder.mkdir(parents=True)
        (folder / "mine.yaml").write_text(run("template").stdout)
        (folder / "broken.yaml").write_text("id: [\n")
        env = clean_env(XDG_DATA_HOME=str(self.tmp))
        r = run("decks", env=env)
        self.assertExit(r, EX_OK)
        self.assertIn("my-deck", r.stdout)
        self.assertIn("broken.yaml", r.stdout)
        data = json.loads(run("decks", "--format", "json", env=env).stdout)["decks"]
        self.assertEqual([d["id"] for d in data], ["collaboration", "customer", "h2h", None, "my-deck"])
        self.assertEqual([d["valid"] for d in data], [True, True, True, False, True])
        self.assertEqual(run("list", "--deck", "my-deck", env=env).returncode, EX_OK)

    def test_home_default_folder(self):
        folder = self.tmp / ".local" / "share" / "h2h" / "dilemmas"
        folder.mkdir(parents=True)
        (folder / "mine.yaml").write_text(run("template").stdout)
        env = clean_env(HOME=str(self.tmp))
        del env["XDG_DATA_HOME"]
        self.assertIn("my-deck", run("decks", env=env).stdout)


class Validate(H2HTestCase):
    def test_valid_decks_print_one_line(self):
        decks = sorted((SOURCE_DIR / "dilemmas").glob("*.yaml"))
        self.assertEqual([d.name for d in decks],
                         ["collaboration.yaml", "customer.yaml", "h2h.yaml"])
        for deck in decks:
            r = run("validate", deck)
            self.assertExit(r, EX_OK)
            self.assertEqual(len(r.stdout.splitlines()), 1)
            self.assertIn("valid deck", r.stdout)
            self.assertEqual(r.stderr, "")

    def test_template_passes_unchanged_in_both_languages(self):
        for lang in ("en", "nl"):
            template = run("template", "--lang", lang)
            self.assertExit(template, EX_OK)
            r = run("--lang", lang, "validate", "-", input=template.stdout)
            self.assertExit(r, EX_OK)
            # The template has one dilemma: said in the singular.
            self.assertIn({"en": "valid deck 'my-deck' with 1 dilemma\n",
                           "nl": "geldig deck 'my-deck' met 1 dilemma\n"}[lang], r.stdout)
        self.assertIn("# ", run("template", "--lang", "nl").stdout)

    def test_broken_decks_report_every_problem_with_its_place(self):
        cases = sorted(DECKS.glob("*.yaml"))
        self.assertGreaterEqual(len(cases), 14)
        for deck in cases:
            for lang, suffix in (("en", ".err"), ("nl", ".nl.err")):
                with self.subTest(deck=deck.name, lang=lang):
                    r = run("--lang", lang, "validate", deck.name, cwd=DECKS)
                    self.assertExit(r, EX_DATA)
                    self.assertEqual(r.stdout, "")
                    expected = deck.with_suffix(suffix).read_text()
                    self.assertEqual(r.stderr, expected)
                    for line in r.stderr.splitlines():
                        self.assertRegex(line, rf"^{deck.name}:\d+(:\d+)?: ")

    def test_too_large(self):
        big = self.tmp / "big.yaml"
        big.write_text(run("template").stdout + ("# " + "x" * 1000 + "\n") * 1100)
        r = run("validate", big)
        self.assertExit(r, EX_DATA)
        self.assertIn("big.yaml: file too large: more than 1048576 bytes", r.stderr)

    def test_several_files_and_unreadable_ones(self):
        r = run("validate", SOURCE_DIR / "dilemmas" / "h2h.yaml", DECKS / "empty.yaml")
        self.assertExit(r, EX_DATA)
        self.assertIn("valid deck 'h2h'", r.stdout)
        self.assertIn("empty.yaml:1:1: empty deck", r.stderr)
        r = run("validate", self.tmp / "missing.yaml")
        self.assertExit(r, EX_FAILURE)
        self.assertIn("missing.yaml: cannot read", r.stderr)
        r = run("validate", self.tmp)
        self.assertExit(r, EX_FAILURE)


class CommandLine(H2HTestCase):
    def test_version_and_help(self):
        r = run("--version")
        self.assertExit(r, EX_OK)
        self.assertRegex(r.stdout, r"^h2h \d+\.\d+\.\d+")
        for cmd in ("decks", "list", "show", "validate", "template"):
            r = run(cmd, "--help")
            self.assertExit(r, EX_OK)
            self.assertIn("Example", r.stdout)
            self.assertIn("Voorbeeld", run(cmd, "--help", "--lang", "nl").stdout)

    def test_usage_errors_exit_2(self):
        for args in (["--bogus"], ["list", "--format", "xml"], ["frobnicate"], ["show"],
                     ["--lang", "de", "list"]):
            r = run(*args)
            self.assertExit(r, EX_USAGE)
            self.assertTrue(r.stderr.startswith("h2h: error: "), r.stderr)
            self.assertEqual(r.stdout, "")

    def test_no_command_prints_help(self):
        r = run()
        self.assertExit(r, EX_OK)
        self.assertIn("Usage", r.stdout)


if __name__ == "__main__":
    unittest.main()
