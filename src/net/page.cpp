#include "net/page.hpp"

#include <nlohmann/json.hpp>

#include "i18n/i18n.hpp"
#include "render/document.hpp"

namespace h2h::net {

namespace {

// Every dynamic text goes in with textContent, never as HTML.
constexpr const char* kPage = R"PAGE(<!DOCTYPE html>
<html lang="@LANG@">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>h2h</title>
<style>
body { font-family: system-ui, sans-serif; margin: 0; padding: 1rem; background: #fafafa; color: #111;
       font-size: 1.1rem; line-height: 1.4; }
main { max-width: 34rem; margin: 0 auto; }
h1 { font-size: 1.4rem; margin: .2rem 0 1rem; }
h2 { font-size: 1.2rem; margin: .8rem 0 .4rem; }
label { display: block; margin: .8rem 0 .2rem; font-weight: 600; }
input, textarea, button { font-size: 1.1rem; width: 100%; box-sizing: border-box; padding: .6rem;
       border: 1px solid #888; border-radius: .4rem; }
input[type=range] { padding: 0; }
button { background: #1d4f7a; color: #fff; border: 0; margin-top: 1rem; font-weight: 600; }
.pole { display: flex; gap: .6rem; align-items: center; }
.pole output { min-width: 2rem; font-weight: 700; font-size: 1.3rem; text-align: right; }
.card { background: #fff; border: 1px solid #ddd; border-radius: .6rem; padding: 1rem; margin: .6rem 0; }
.muted { color: #555; font-size: .95rem; }
.ok { color: #1b6b2a; font-weight: 600; }
.err { color: #a11; font-weight: 600; }
table { border-collapse: collapse; width: 100%; }
td, th { border-bottom: 1px solid #ddd; padding: .3rem; text-align: left; }
td.n { text-align: right; }
pre { font-size: .7rem; overflow-x: auto; background: #fff; }
[hidden] { display: none !important; }
</style>
</head>
<body>
<main>
<h1 id="title"></h1>
<section id="join" class="card" hidden>
  <h2 id="t-join"></h2>
  <label for="code" id="t-code"></label>
  <input id="code" inputmode="numeric" autocomplete="off" maxlength="12">
  <label for="name" id="t-name"></label>
  <input id="name" maxlength="80" autocomplete="name">
  <p id="t-anon" class="muted" hidden></p>
  <button id="join-button" type="button"></button>
  <p id="join-error" class="err"></p>
</section>
<section id="wait" class="card" hidden><p id="t-wait"></p></section>
<section id="answer" class="card" hidden>
  <p class="muted" id="who"></p>
  <h2 id="d-title"></h2>
  <p id="d-question"></p>
  <label for="a"><span id="t-a"></span> <span id="d-a"></span></label>
  <div class="pole"><input id="a" type="range" min="0" max="10" step="1" value="5"><output id="a-out">5</output></div>
  <label for="b"><span id="t-b"></span> <span id="d-b"></span></label>
  <div class="pole"><input id="b" type="range" min="0" max="10" step="1" value="5"><output id="b-out">5</output></div>
  <div id="idea-box" hidden>
    <label for="idea" id="t-idea"></label>
    <textarea id="idea" rows="3" maxlength="1000"></textarea>
  </div>
  <button id="send" type="button"></button>
  <p id="sent" class="ok" aria-live="polite"></p>
</section>
<section id="reveal" class="card" hidden>
  <h2 id="r-title"></h2>
  <pre id="r-grid"></pre>
  <table><thead><tr><th id="t-who"></th><th>A</th><th>B</th><th id="t-zone"></th></tr></thead>
  <tbody id="r-rows"></tbody></table>
  <p id="r-figures" class="muted"></p>
  <p id="r-enen"></p>
</section>
<section id="done" class="card" hidden><p id="t-done"></p></section>
</main>
<script>
"use strict";
const T = @TEXTS@;
const $ = (id) => document.getElementById(id);
const text = (id, s) => { $(id).textContent = s; };
text("title", T.title); text("t-join", T.join); text("t-code", T.code); text("t-name", T.name);
text("join-button", T.join_button); text("t-wait", T.waiting); text("t-a", T.a); text("t-b", T.b);
text("t-idea", T.idea); text("send", T.send); text("t-who", T.who); text("t-zone", T.zone);
text("t-done", T.done); text("t-anon", T.anonymous);
if (T.is_anonymous) { $("t-anon").hidden = false; $("name").parentNode.removeChild($("name")); text("t-name", ""); }
let current = null, dirty = false;
const show = (id) => { for (const s of ["join", "wait", "answer", "reveal", "done"]) $(s).hidden = s !== id; };
const both = () => Number($("a").value) >= 7 && Number($("b").value) >= 7;
for (const p of ["a", "b"]) $(p).addEventListener("input", () => {
  text(p + "-out", $(p).value); $("idea-box").hidden = !both(); dirty = true; text("sent", ""); });
async function post(url, body) {
  const r = await fetch(url, { method: "POST", headers: { "Content-Type": "application/json" },
                               body: JSON.stringify(body), credentials: "same-origin" });
  return { ok: r.ok, data: await r.json().catch(() => ({})) };
}
$("join-button").addEventListener("click", async () => {
  const body = { code: $("code").value.trim(), name: T.is_anonymous ? "" : $("name").value.trim() };
  const r = await post("api/join", body);
  text("join-error", r.ok ? "" : (r.data.error || T.error));
  if (r.ok) refresh();
});
$("send").addEventListener("click", async () => {
  const body = { a: Number($("a").value), b: Number($("b").value), idea: both() ? $("idea").value : "" };
  const r = await post("api/answer", body);
  text("sent", r.ok ? T.saved : (r.data.error || T.error));
  $("sent").className = r.ok ? "ok" : "err";
  if (r.ok) dirty = false;
});
function render(s) {
  if (!s.joined) { show("join"); return; }
  text("who", s.name);
  if (s.phase === "done") { show("done"); return; }
  if (s.phase === "waiting") { show("wait"); return; }
  if (s.phase === "revealed") {
    show("reveal");
    text("r-title", s.dilemma.title); text("r-grid", s.reveal.grid);
    const rows = $("r-rows"); rows.textContent = "";
    for (const row of s.reveal.rows) {
      const tr = document.createElement("tr");
      for (const [v, cls] of [[row.label, ""], [row.a, "n"], [row.b, "n"], [row.zone, ""]]) {
        const td = document.createElement("td"); td.textContent = v; if (cls) td.className = cls; tr.appendChild(td);
      }
      rows.appendChild(tr);
    }
    text("r-figures", s.reveal.figures); text("r-enen", s.reveal.en_en);
    return;
  }
  show("answer");
  if (current !== s.dilemma.id) {
    current = s.dilemma.id; dirty = false;
    text("d-title", s.dilemma.number + "/" + s.dilemma.count + "  " + s.dilemma.title);
    text("d-question", s.dilemma.question); text("d-a", s.dilemma.a); text("d-b", s.dilemma.b);
    const mine = s.answer || { a: 5, b: 5, idea: "" };
    $("a").value = mine.a; $("b").value = mine.b; $("idea").value = mine.idea || "";
    text("a-out", mine.a); text("b-out", mine.b); $("idea-box").hidden = !both();
    text("sent", s.answer ? T.saved : "");
  }
}
async function refresh() {
  try {
    const r = await fetch("api/state", { credentials: "same-origin", cache: "no-store" });
    if (r.ok && !dirty) render(await r.json());
    else if (r.ok) { const s = await r.json(); if (s.phase !== "open" || (s.dilemma && s.dilemma.id !== current)) { dirty = false; render(s); } }
  } catch (e) { /* the facilitator's laptop is away: try again */ }
}
refresh();
setInterval(refresh, 1500);
</script>
</body>
</html>
)PAGE";

void replace(std::string& s, const std::string& from, const std::string& to) {
  const auto at = s.find(from);
  if (at != std::string::npos) s.replace(at, from.size(), to);
}

}  // namespace

std::string participant_page(const std::string& lang, bool anonymous) {
  using i18n::tr;
  nlohmann::json texts = {{"title", tr("serve.page_title")},
                          {"join", tr("serve.join")},
                          {"code", tr("serve.code")},
                          {"name", tr("serve.name")},
                          {"join_button", tr("serve.join_button")},
                          {"waiting", tr("serve.waiting")},
                          {"a", tr("serve.a")},
                          {"b", tr("serve.b")},
                          {"idea", tr("serve.idea")},
                          {"send", tr("serve.send")},
                          {"saved", tr("serve.saved")},
                          {"who", tr("run.col_name")},
                          {"zone", tr("run.col_zone")},
                          {"done", tr("serve.done")},
                          {"anonymous", tr("serve.anonymous")},
                          {"error", tr("serve.error")},
                          {"is_anonymous", anonymous}};
  std::string page = kPage;
  replace(page, "@LANG@", render::html_escape(lang));
  // JSON inside <script>: "</" must not end the script element.
  std::string blob = texts.dump(-1, ' ', true, nlohmann::json::error_handler_t::replace);
  for (std::size_t at = 0; (at = blob.find("</", at)) != std::string::npos; at += 3)
    blob.replace(at, 2, "<\\/");
  replace(page, "@TEXTS@", blob);
  return page;
}

}  // namespace h2h::net
