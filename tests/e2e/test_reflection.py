"""The reflection says no more than the answers hold: patterns only from
three answers, a need singled out only when it stands apart, "you" for one
person, no change between unordered teams, Dutch decimals; the polarity map,
action steps, early warnings and follow-ups, through the real binary."""

import json
import re

from h2h_e2e import DATA, EX_DATA, EX_OK, H2HTestCase, run

DECK = DATA / "reflection" / "deck.yaml"

# Words of a verdict, which the reflection never uses (it describes and asks).
VERDICTS = re.compile(r"\b(trap|should|ought|mistake|valkuil|verkeerd|zou moeten|hoort)\b", re.I)


class Reflection(H2HTestCase):
    def session(self, answers, names="Anna,Bram,Chris", lang="en", extra=(), name="s.yaml"):
        """Runs a piped team session; `answers` holds every line after the
        check-in (answers, ideas, commands)."""
        out = self.tmp / name
        args = ["run", "--deck", DECK, "--lang", lang, "-o", out, "--no-checkin", *extra]
        if names is None:
            args += ["--solo", "--name", "Sam"]
        else:
            args += ["--participants", names]
        r = run(*args, input="".join(line + "\n" for line in answers))
        self.assertExit(r, EX_OK)
        return out, r

    def report(self, *args, lang="en"):
        r = run("report", *args, "--deck", DECK, "--lang", lang)
        self.assertExit(r, EX_OK)
        return r.stdout

    def json_report(self, *args):
        return json.loads(self.report(*args, "--format", "json"))

    def test_all_middle_and_all_high_single_out_no_need(self):
        for value, pattern in ((5, "compromise"), (10, "en-en")):
            with self.subTest(value=value):
                line = f"{value} {value}"
                lines = []
                for _ in range(3):  # three dilemmas, three people
                    for _ in range(3):
                        lines.append(line)
                        if value == 10:
                            lines.append("")  # no idea
                path, _ = self.session(lines, name=f"s{value}.yaml")
                data = self.json_report(path)
                self.assertEqual(data["stands_apart"], {"weight": None, "checkin": None})
                self.assertEqual([d["pattern"] for d in data["dilemmas"]], [pattern] * 3)
                for lang, close, apart in (("en", "lie close together", "has the lowest weight"),
                                           ("nl", "liggen dicht bij elkaar",
                                            "heeft het laagste belang")):
                    text = self.report(path, lang=lang)
                    self.assertIn(close, text)
                    self.assertNotIn(apart, text)

    def test_a_need_that_stands_apart_is_named(self):
        # Openness: everyone strongly A (autonomy), B (belonging) low.
        lines = ["9 1", "9 2", "8 1", "5 5", "5 5", "5 5", "5 5", "5 5", "5 5"]
        path, _ = self.session(lines)
        data = self.json_report(path)
        self.assertEqual(data["stands_apart"]["weight"], "belonging")
        self.assertEqual(data["dilemmas"][0]["pattern"], "of-of")
        text = self.report(path)
        self.assertIn("Belonging has the lowest weight", text)
        self.assertIn("Pattern: one pole leads", text)

    def test_two_camps_and_a_divided_team(self):
        # Openness: two strongly A, two strongly B; pace: 2 EN EN and 2 middle.
        lines = ["9 1", "1 9", "9 2", "2 9", "9 9", "", "9 9", "", "5 5", "5 5",
                 "1 1", "1 1", "1 1", "1 1"]
        path, _ = self.session(lines, names="Anna,Bram,Chris,Dirk")
        data = self.json_report(path)
        self.assertEqual([d["pattern"] for d in data["dilemmas"]],
                         ["two-camps", "divided", "scattered"])
        text = self.report(path)
        self.assertIn("Pattern: two camps. Clearly towards A: 2; clearly towards B: 2.", text)
        self.assertIn("What does each camp see that the other misses", text)
        self.assertIn("Is this a real dilemma for you?", text)
        self.assertNotIn("Which pole are you giving up", text)
        nl = self.report(path, lang="nl")
        self.assertIn("Patroon: twee kampen.", nl)
        self.assertIn("Is dit voor jullie wel een dilemma?", nl)

    def test_fewer_than_three_answers_make_no_pattern(self):
        path, _ = self.session(["9 9", "", "1 9", "5 5", "5 5", "5 5", "5 5"], names="Anna,Bram")
        data = self.json_report(path)
        self.assertEqual([d["pattern"] for d in data["dilemmas"]], [None, None, None])
        text = self.report(path)
        self.assertIn("2 answers: too few to speak of a pattern", text)
        self.assertIn("1/9: B (OF OF); 9/9: EN EN", text.replace("\n", " "))
        self.assertNotIn("Pattern:", text)
        self.assertIn("No dilemma has 3 or more answers yet", text)

    def test_solo_speaks_to_one_person(self):
        path, r = self.session(["8 3", "9 9", "both by doing x", "5 5"], names=None, lang="nl")
        for text in (r.stdout, self.report(path, lang="nl")):
            self.assertIn("1 sessie, 1 deelnemer, 3 antwoorden", text.replace("\n", " "))
            self.assertIn("Jouw antwoord: A 8, B 3", text)
            self.assertIn("Je idee om ze allebei te krijgen", text)
            self.assertNotIn("jullie", text.lower())
            self.assertNotIn("het team", text.lower())
            self.assertNotIn("Patroon:", text)
        en = self.report(path)
        self.assertIn("1 session, 1 participant, 3 answers", en.replace("\n", " "))
        self.assertNotIn("the team", en)

    def test_dutch_decimals_and_no_verdicts(self):
        path, _ = self.session(["8 3", "9 2", "7 3", "5 5", "6 5", "4 4", "1 9", "9 1", "5 5"])
        nl = self.report(path, lang="nl")
        self.assertIn("Gemiddelde A 8,0 (sd 1,0)", nl)
        self.assertNotRegex(nl, r"\d\.\d")
        html = self.report(path, "--format", "html", lang="nl")
        self.assertIn("8,0", html)
        md = self.report(path, "--format", "markdown", lang="nl")
        self.assertIn("8,0", md)
        data = self.json_report(path)
        self.assertEqual(data["dilemmas"][0]["a"]["mean"], 8.0)  # JSON keeps numbers
        for lang in ("en", "nl"):
            for fmt in ("text", "markdown", "html"):
                out = self.report(path, "--format", fmt, lang=lang)
                self.assertIsNone(VERDICTS.search(out), f"{lang} {fmt}: {VERDICTS.search(out)}")

    def test_change_only_between_ordered_sessions(self):
        first, _ = self.session(["8 3", "9 2", "7 3"] + ["5 5"] * 6, name="a.yaml")
        second, _ = self.session(["8 3", "9 2", "7 4"] + ["5 5"] * 3 + ["9 9", "", "9 9", "",
                                                                          "9 9", ""],
                                 name="b.yaml", extra=("--team", "Blue"))
        teams = self.report(first, second, "--by", "team")
        self.assertNotRegex(teams, r"Group .*Change")  # no column
        self.assertIn("in no particular order, so there is no Change column", teams.replace("\n", " "))
        sessions = self.report(first, second, "--by", "session")
        self.assertIn("Change", sessions)
        self.assertIn("≈", sessions)  # openness moved 0.0 on EN EN
        self.assertIn("+4.0", sessions)  # lead went from 5.0 to 9.0

    def test_the_promise_of_the_check_in_is_true(self):
        r = run("run", "--deck", DECK, "--participants", "Anna", "--checkin", "-o",
                self.tmp / "c.yaml", input="4\n4\n4\n" + "5 5\n" * 3)
        self.assertExit(r, EX_OK)
        self.assertIn("reports show only averages", r.stderr)
        self.assertIn("kept under your name in the session file", r.stderr)
        self.assertNotIn("Only you see", r.stderr)
        r = run("run", "--deck", DECK, "--participants", "Anna", "--anonymous", "--checkin", "-o",
                self.tmp / "d.yaml", input="4\n4\n4\n" + "5 5\n" * 3)
        self.assertIn("under a pseudonym only", r.stderr)

    def test_the_reveal_grid_shows_participants_by_number(self):
        _, r = self.session(["8 3", "2 9", "5 5"] + ["5 5"] * 6, names="Bram,Anna,Chris")
        reveal = r.stdout.split("The answers: Pace")[0]
        rows = [line for line in reveal.splitlines() if re.match(r"^ *\d+ \|", line)]
        self.assertEqual(len(rows), 11)
        grid = "\n".join(rows)
        self.assertNotRegex(grid, r"[A-Za-z]")  # no initials beside the axis letters
        self.assertRegex(grid, re.compile(r"^  3 \|.* 1\s*(\.|$)", re.M))  # Bram, 8/3, is number 1
        self.assertIn("Numbers: the participants in the table below", reveal)
        self.assertIn("1    Bram", reveal)

    def test_the_polarity_map_is_shown_and_reported(self):
        _, r = self.session(["map", "8 3", "2 9", "5 5"] + ["5 5"] * 6)
        self.assertIn("Half-made plans cause unrest", r.stderr)  # the map command
        self.assertIn("+ Everyone sees why", r.stderr)  # upsides on the card
        self.assertIn("Greater purpose: A culture of trust", r.stdout)  # after the reveal
        path = self.tmp / "s.yaml"
        md = self.report(path, "--format", "markdown")
        self.assertIn("| Early warnings | Half-made plans cause unrest | People hear it second-hand |",
                      md)
        html = self.report(path, "--format", "html", lang="nl")
        self.assertIn("Hoger doel: Een cultuur van vertrouwen", html)
        self.assertIn("Diepste zorg: Wantrouwen en lekken", html)

    def test_action_steps_and_warnings_are_saved_and_reported(self):
        lines = ["8 3", "action share the agenda @Anna 2026-12-01", "warning nobody asks why",
                 "2 9", "5 5", "5 5", "5 5", "5 5", "actie plan de piek", "5 5", "5 5", "5 5"]
        path, _ = self.session(lines)
        saved = path.read_text()
        self.assertIn('text: "share the agenda"', saved)
        self.assertIn('who: "Anna"', saved)
        data = self.json_report(path)
        self.assertEqual(data["dilemmas"][0]["actions"],
                         [{"text": "share the agenda", "who": "Anna", "due": "2026-12-01",
                           "outcome": None}])
        self.assertEqual(data["dilemmas"][0]["warnings"], ["nobody asks why"])
        self.assertEqual(data["dilemmas"][2]["actions"][0]["text"], "plan de piek")
        md = self.report(path, "--format", "markdown")
        self.assertIn("## Agreements", md)
        self.assertIn("- Openness: share the agenda (who: Anna, by 2026-12-01)", md)
        self.assertIn("- Openness, watch for: nobody asks why", md)
        html = self.report(path, "--format", "html", lang="nl")
        self.assertIn("Afspraken", html)

    def test_a_follow_up_asks_about_earlier_actions_and_shows_then_and_now(self):
        earlier, _ = self.session(["2 8", "action share the agenda @Anna", "3 9", "2 7",
                                   "5 5", "5 5", "5 5", "5 5", "5 5", "5 5"], name="before.yaml")
        out = self.tmp / "after.yaml"
        # The outcome line comes first, before openness's answers.
        r = run("run", "--follow-up", earlier, "--deck", DECK, "--participants", "Anna,Bram,Chris",
                "--lang", "en",
                "--no-checkin", "-o", out,
                input="gedaan\n9 9\n\n8 9\n\n9 8\n\n" + "5 5\n" * 6)
        self.assertExit(r, EX_OK)
        self.assertIn("Last time: Openness", r.stderr)
        self.assertIn("3 answers, mean A 2.3, mean B 8.0", r.stderr)
        self.assertIn("Action step from last time: share the agenda (who: Anna)", r.stderr)
        # The dilemma comes first, then where the team stood, then the question.
        self.assertLess(r.stderr.index("1/3  Openness"), r.stderr.index("Last time: Openness"))
        data = self.json_report(out)
        self.assertEqual(data["dilemmas"][0]["actions"],
                         [{"text": "share the agenda", "who": "Anna", "due": None,
                           "outcome": "done"}])
        text = self.report(out)
        self.assertIn("Last time: 3 answers, mean A 2.3, mean B 8.0.", text)
        self.assertIn("share the agenda (who: Anna): done", text)
        self.assertIn("o the mean last time, * the mean now", " ".join(text.split()))
        html = self.report(out, "--format", "html")
        self.assertIn("<polygon", html)  # the arrow's head
        # A bad outcome word is asked again, nothing is lost.
        r = run("run", "--follow-up", earlier, "--deck", DECK, "--participants", "Anna",
                "--no-checkin", "-o",
                self.tmp / "again.yaml", input="maybe\nnot\n" + "5 5\n" * 3)
        self.assertExit(r, EX_OK)
        self.assertIn("Type done, partly or not", r.stderr)
        self.assertIn("outcome: not", (self.tmp / "again.yaml").read_text())

    def test_merged_reports_keep_what_was_agreed(self):
        lines = ["8 3", "action share the agenda @Anna 2026-12-01", "warning nobody asks why",
                 "2 9", "5 5"] + ["5 5"] * 6
        path, _ = self.session(lines)
        shard = self.tmp / "shard.json"
        shard.write_text(self.report(path, "--format", "json"))
        data = json.loads(self.report(shard, shard, "--format", "json"))
        self.assertEqual(data["dilemmas"][0]["warnings"], ["nobody asks why"] * 2)
        self.assertEqual(data["dilemmas"][0]["actions"][0]["who"], "Anna")
        bad = json.loads(shard.read_text())
        bad["dilemmas"][0]["actions"][0]["outcome"] = "maybe"
        shard.write_text(json.dumps(bad))
        r = run("report", shard, "--deck", DECK)
        self.assertExit(r, EX_DATA)
        self.assertIn("/dilemmas/0/actions/0/outcome", r.stderr)


class ClaimsOnlyWhatTheFiguresHold(Reflection):
    def test_patterns_say_how_many_not_most(self):
        # Openness: 2 of 5 in EN EN, the rest one each: EN EN leads, not "most".
        lines = ["9 9", "", "8 8", "", "9 1", "5 5", "0 0"] + ["5 5"] * 10
        path, _ = self.session(lines, names="Anna,Bram,Chris,Dee,Eve")
        self.assertIn("Pattern: EN EN. 2 of 5 answers give both poles 7 or more.",
                      self.report(path).replace("\n", " "))
        self.assertIn("Patroon: EN EN. 2 van de 5 antwoorden geven beide polen 7 of meer.",
                      self.report(path, lang="nl").replace("\n", " "))
        for lang in ("en", "nl"):
            self.assertNotRegex(self.report(path, lang=lang), r"\b(Most|De meesten|De meeste)\b")

    def test_a_wide_range_is_not_called_close(self):
        # Weights 80 / 28 / 50 in one team, but 50 / 90 / 50 when two answer:
        # none lies 10 below both others, and the range is far from close.
        path, _ = self.session(["1 9", "9 9", ""] + ["5 5"] * 4, names="Anna,Bram")
        for lang, wrong, right in (("en", "lie close together", "No need lies 10 or more points"),
                                   ("nl", "dicht bij elkaar", "Geen behoefte ligt 10 of meer")):
            text = self.report(path, lang=lang).replace("\n", " ")
            self.assertNotIn(wrong, text)
            self.assertIn(right, text)

    def test_one_persons_sessions_speak_to_you(self):
        a, _ = self.session(["8 3", "9 9", "", "5 5"], names=None, name="a.yaml")
        b, _ = self.session(["7 3", "9 8", "both", "5 6"], names=None, name="b.yaml")
        for args in ((a,), (a, b), (a, b, "--by", "session")):
            text = self.report(*args, lang="nl").replace("\n", " ")
            self.assertIn("Wie: Sam.", text)
            self.assertIn(" 1 deelnemer,", text)
            self.assertNotRegex(text, r"\b(jullie|geen teamnaam|De deelnemers)\b")

    def test_singular_headings_and_only_the_asked_dilemmas(self):
        path, _ = self.session(["9 9", "both ways", "action try it @Anna", "8 2"],
                               names="Anna,Bram", extra=("--dilemmas", "open"))
        text = self.report(path)
        self.assertIn("Idea for getting both:", text)
        self.assertIn("Action step:", text)
        self.assertNotIn("Ideas for getting both", text)
        self.assertNotIn("2. Pace", text)  # not asked in this session
        self.assertNotIn("No answers to this dilemma", text)

    def test_a_follow_up_keeps_the_team(self):
        first, _ = self.session(["8 3"] * 3 + ["5 5"] * 6, extra=("--team", "Blue"), name="f.yaml")
        second, _ = self.session(["8 3"] * 3 + ["5 5"] * 6, extra=("--follow-up", first),
                                 name="g.yaml")
        self.assertIn("Who: Blue.", self.report(second))

    def test_the_same_people_twice_are_counted_once(self):
        a, _ = self.session(["8 3"] * 3 + ["5 5"] * 6, extra=("--team", "Blue"), name="t1.yaml")
        b, _ = self.session(["8 3"] * 3 + ["5 5"] * 6, extra=("--team", "Blue"), name="t2.yaml")
        self.assertIn("2 sessions, 3 participants", self.report(a, b).replace("\n", " "))
        # Anonymous sessions keep only pseudonyms: those count per session.
        c, _ = self.session(["8 3"] * 3 + ["5 5"] * 6, extra=("--anonymous",), name="t3.yaml")
        self.assertIn("2 sessions, 6 participants", self.report(a, c).replace("\n", " "))

    def test_sessions_of_one_minute_stay_apart(self):
        a, _ = self.session(["8 3"] * 3 + ["5 5"] * 6, extra=("--team", "Blue"), name="m1.yaml")
        b, _ = self.session(["1 9"] * 3 + ["5 5"] * 6, extra=("--team", "Blue"), name="m2.yaml")
        # The same start, to the second: the labels are the same for sure.
        started = re.search(r"(?m)^started: (.*)$", a.read_text()).group(1)
        b.write_text(re.sub(r"(?m)^started: .*$", "started: " + started, b.read_text()))
        data = self.json_report(a, b, "--by", "session")
        self.assertEqual(len(data["groups"]), 2)
