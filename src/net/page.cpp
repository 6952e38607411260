#include "net/page.hpp"

#include <nlohmann/json.hpp>

#include "i18n/i18n.hpp"
#include "net/screen_page.hpp"
#include "net/views.hpp"
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
input[type=range].unset { opacity: .45; }
button { background: #1d4f7a; color: #fff; border: 0; margin-top: 1rem; font-weight: 600; }
button:disabled { background: #8a9aa8; }
.pole { display: flex; gap: .6rem; align-items: center; }
.pole output { min-width: 2rem; font-weight: 700; font-size: 1.3rem; text-align: right; }
.card { background: #fff; border: 1px solid #ddd; border-radius: .6rem; padding: 1rem; margin: .6rem 0; }
.muted { color: #555; font-size: .95rem; }
.ok { color: #1b6b2a; font-weight: 600; }
.err { color: #a11; font-weight: 600; }
svg.grid { width: 100%; max-width: 22rem; display: block; margin: .6rem auto; touch-action: manipulation; }
table { border-collapse: collapse; width: 100%; }
td, th { border-bottom: 1px solid #ddd; padding: .3rem; text-align: left; }
td.n { text-align: right; }
#lost { background: #fff3cd; padding: .5rem; border-radius: .4rem; }
.scale { display: flex; gap: .4rem; }
.scale button { font-size: 1.4rem; }
button.quiet { background: #fff; color: #1d4f7a; border: 1px solid #1d4f7a; }
[hidden] { display: none !important; }
</style>
</head>
<body>
<main>
<h1 id="title"></h1>
<p id="lost" hidden></p>
<section id="join" class="card" hidden>
  <h2 id="t-join"></h2>
  <label for="code" id="t-code"></label>
  <input id="code" inputmode="numeric" autocomplete="off" maxlength="12">
  <label for="name" id="t-name"></label>
  <input id="name" maxlength="80" autocomplete="name">
  <p id="t-anon" class="muted" hidden></p>
  <details id="rejoin-box"><summary id="t-rejoin"></summary>
    <label for="rejoin" id="t-rejoin-code"></label>
    <input id="rejoin" autocomplete="off" autocapitalize="characters" maxlength="6">
  </details>
  <button id="join-button" type="button"></button>
  <p id="join-error" class="err" aria-live="polite"></p>
</section>
<section id="answer" class="card" hidden>
  <p class="muted" id="who"></p>
  <h2 id="d-title"></h2>
  <p id="d-question"></p>
  <p class="muted" id="t-tap"></p>
  <svg id="pick" class="grid" viewBox="-1.4 -0.4 12.8 12.8" aria-hidden="true"></svg>
  <label for="a"><span id="t-a"></span> <span id="d-a"></span></label>
  <div class="pole"><input id="a" type="range" min="0" max="10" step="1" value="5" class="unset"><output id="a-out">-</output></div>
  <p class="muted ups" id="d-a-up"></p>
  <label for="b"><span id="t-b"></span> <span id="d-b"></span></label>
  <div class="pole"><input id="b" type="range" min="0" max="10" step="1" value="5" class="unset"><output id="b-out">-</output></div>
  <p class="muted ups" id="d-b-up"></p>
  <div id="idea-box" hidden>
    <label for="idea" id="t-idea"></label>
    <textarea id="idea" rows="3" maxlength="1000"></textarea>
  </div>
  <button id="send" type="button" disabled></button>
  <p id="sent" aria-live="polite"></p>
</section>
<section id="checkin" class="card" hidden>
  <p class="muted" id="c-who"></p>
  <h2 id="t-checkin"></h2>
  <p class="muted" id="t-checkin-intro"></p>
  <p class="muted" id="c-number"></p>
  <p id="c-statement"></p>
  <div class="scale" id="c-scale"></div>
  <button id="c-skip" type="button" class="quiet"></button>
  <p id="c-error" class="err" aria-live="polite"></p>
</section>
<section id="reveal" class="card" hidden>
  <h2 id="r-title"></h2>
  <svg id="r-grid" class="grid" viewBox="-1.4 -0.4 12.8 12.8" role="img"></svg>
  <table><tbody id="r-zones"></tbody></table>
  <p id="r-figures" class="muted"></p>
  <p id="r-enen"></p>
  <div id="r-map"></div>
  <table id="r-names" hidden><thead><tr><th id="t-who"></th><th>A</th><th>B</th><th id="t-zone"></th></tr></thead>
  <tbody id="r-rows"></tbody></table>
</section>
<section id="done" class="card" hidden><p id="t-done"></p></section>
<p id="my-code" class="muted" hidden></p>
</main>
<script>
"use strict";
const T = @TEXTS@;
const $ = (id) => document.getElementById(id);
const text = (id, s) => { $(id).textContent = s; };
text("title", T.title); text("t-join", T.join); text("t-code", T.code); text("t-name", T.name);
text("join-button", T.join_button); text("t-a", T.a); text("t-b", T.b); text("t-tap", T.tap);
text("t-idea", T.idea); text("send", T.send); text("t-who", T.who); text("t-zone", T.zone);
text("t-anon", T.anonymous); text("lost", T.lost);
text("t-rejoin", T.rejoin); text("t-rejoin-code", T.rejoin_code);
text("t-checkin", T.checkin); text("t-checkin-intro", T.checkin_intro); text("c-skip", T.checkin_skip);
if (T.is_anonymous) { $("t-anon").hidden = false; $("name").parentNode.removeChild($("name")); text("t-name", ""); }
// The join code from the QR code (#code=...): scanning joins without typing.
const fromQr = new URLSearchParams(location.hash.slice(1)).get("code");
if (fromQr) $("code").value = fromQr;
let current = null, chosen = { a: null, b: null }, dirty = false, version = 0, phase = "", joined = false;
const show = (id) => { for (const s of ["join", "checkin", "answer", "reveal", "done"]) $(s).hidden = s !== id; };
const NS = "http://www.w3.org/2000/svg";
function el(name, attrs, parent) {
  const e = document.createElementNS(NS, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  parent.appendChild(e); return e;
}
// The both-and grid, zones shaded as the server says (T.zones), A across, B up.
const shade = { "en-en": "#cfe8d8", "a": "#d8def0", "b": "#ecd8ec", "compromise": "#f2e8c8", "neither": "#e2e2e2", "mixed": "#f6f6f6" };
function grid(g) {
  g.textContent = "";
  for (let a = 0; a <= 10; a++) for (let b = 0; b <= 10; b++) {
    const r = el("rect", { x: a, y: 10 - b, width: 1, height: 1, fill: shade[T.zones[a][b]], stroke: "#fff", "stroke-width": 0.05 }, g);
    r.dataset.a = a; r.dataset.b = b;
  }
  for (const i of [0, 5, 10]) {
    el("text", { x: i + 0.5, y: 11.8, "font-size": 0.7, "text-anchor": "middle" }, g).textContent = i;
    el("text", { x: -0.6, y: 10.75 - i, "font-size": 0.7, "text-anchor": "middle" }, g).textContent = i;
  }
  el("text", { x: 11.2, y: 11.8, "font-size": 0.7, "font-weight": 700 }, g).textContent = "A";
  el("text", { x: -1.3, y: 0.2, "font-size": 0.7, "font-weight": 700 }, g).textContent = "B";
}
grid($("pick"));
function mark() {
  const g = $("pick"); const old = g.querySelector("circle"); if (old) old.remove();
  for (const p of ["a", "b"]) {
    $(p).classList.toggle("unset", chosen[p] === null);
    text(p + "-out", chosen[p] === null ? "-" : chosen[p]);
    if (chosen[p] !== null) $(p).value = chosen[p];
  }
  const both = chosen.a !== null && chosen.b !== null;
  if (both) el("circle", { cx: chosen.a + 0.5, cy: 10.5 - chosen.b, r: 0.42, fill: "#1d4f7a" }, g);
  $("idea-box").hidden = !(both && T.zones[chosen.a][chosen.b] === "en-en");
  $("send").disabled = !both;  // nothing is recorded until both values are chosen
}
function choose(a, b) { if (a !== null) chosen.a = a; if (b !== null) chosen.b = b; dirty = true; text("sent", ""); mark(); }
$("pick").addEventListener("click", (e) => { const t = e.target; if (t.dataset && t.dataset.a !== undefined) choose(Number(t.dataset.a), Number(t.dataset.b)); });
for (const p of ["a", "b"]) $(p).addEventListener("input", () => choose(p === "a" ? Number($("a").value) : null, p === "b" ? Number($("b").value) : null));
async function post(url, body) {
  const r = await fetch(url, { method: "POST", headers: { "Content-Type": "application/json" },
                               body: JSON.stringify(body), credentials: "same-origin" });
  return { ok: r.ok, status: r.status, data: await r.json().catch(() => ({})) };
}
async function join() {
  const body = { code: $("code").value.trim(), name: T.is_anonymous ? "" : $("name").value.trim(),
                 rejoin: $("rejoin").value.trim() };
  try {
    const r = await post("api/join", body);
    text("join-error", r.ok ? "" : (r.data.error || T.error));
    if (r.ok) { history.replaceState(null, "", location.pathname); render(r.data); }
  } catch (e) { text("join-error", T.error); }
}
$("join-button").addEventListener("click", join);
$("send").addEventListener("click", async () => {
  if (chosen.a === null || chosen.b === null) return;
  const en = T.zones[chosen.a][chosen.b] === "en-en";
  $("send").disabled = true;
  try {
    const r = await post("api/answer", { dilemma: current, a: chosen.a, b: chosen.b, idea: en ? $("idea").value : "" });
    text("sent", r.ok ? T.saved : (r.data.error || T.error));
    $("sent").className = r.ok ? "ok" : "err";
    if (r.ok) dirty = false;
    if (r.status === 409 && r.data.state) { dirty = false; render(r.data.state); }
  } catch (e) { text("sent", T.not_saved); $("sent").className = "err"; }
  $("send").disabled = chosen.a === null || chosen.b === null;
});
// The polarity map after the reveal: purpose, both poles' upsides,
// downsides and early warnings, fear. Text only (textContent).
function polarityMap(m, box) {
  box.textContent = "";
  if (!m) return;
  const add = (tag, s, cls) => { const e = document.createElement(tag); e.textContent = s; if (cls) e.className = cls; box.appendChild(e); return e; };
  if (m.purpose) add("p", T.map_purpose + " " + m.purpose, "strong");
  for (const [letter, p] of [["A", m.a], ["B", m.b]]) {
    add("h3", letter + ": " + p.label);
    for (const [title, items] of [[T.map_upsides, p.upsides], [T.map_downsides, p.downsides], [T.map_warnings, p.early_warnings]]) {
      if (!items.length) continue;
      add("p", title, "muted");
      const ul = add("ul", "");
      for (const i of items) { const li = document.createElement("li"); li.textContent = i; ul.appendChild(li); }
    }
  }
  if (m.fear) add("p", T.map_fear + " " + m.fear, "strong");
}
// The check-in: one statement at a time, 1..5 or skipped; the reply is the next step.
let rating = null;
for (let n = 1; n <= 5; n++) {
  const b = document.createElement("button"); b.type = "button"; b.textContent = n;
  b.addEventListener("click", () => rate(n)); $("c-scale").appendChild(b);
}
$("c-skip").addEventListener("click", () => rate(null));
async function rate(value) {
  if (!rating) return;
  for (const b of document.querySelectorAll("#checkin button")) b.disabled = true;
  try {
    const r = await post("api/checkin", { item: rating, value: value });
    text("c-error", r.ok ? "" : (r.data.error || T.error));
    if (r.ok) render(r.data); else if (r.data.state) render(r.data.state);
  } catch (e) { text("c-error", T.not_saved); }
  for (const b of document.querySelectorAll("#checkin button")) b.disabled = false;
}
function checkin(s) {
  show("checkin");
  rating = s.checkin.item;
  text("c-who", s.name); text("c-number", s.checkin.number + "/" + s.checkin.count);
  text("c-statement", s.checkin.statement);
}
function reveal(s) {
  show("reveal");
  const r = s.reveal, g = $("r-grid");
  text("r-title", s.dilemma.title); grid(g);
  const counts = new Map();
  for (const d of r.dots) { const k = d.a + "," + d.b; counts.set(k, (counts.get(k) || 0) + 1); }
  for (const [k, n] of counts) {
    const [a, b] = k.split(",").map(Number);
    el("circle", { cx: a + 0.5, cy: 10.5 - b, r: Math.min(0.48, 0.22 + 0.06 * Math.sqrt(n)), fill: "#1d4f7a" }, g);
    if (n > 1) el("text", { x: a + 0.5, y: 10.7 - b, "font-size": 0.45, fill: "#fff", "text-anchor": "middle" }, g).textContent = n;
  }
  const zones = $("r-zones"); zones.textContent = "";
  for (const [z, n] of Object.entries(r.zones)) {
    const tr = document.createElement("tr");
    for (const [v, c] of [[r.zone_labels[z], ""], [n, "n"]]) { const td = document.createElement("td"); td.textContent = v; td.className = c; tr.appendChild(td); }
    zones.appendChild(tr);
  }
  text("r-figures", r.figures); text("r-enen", r.en_en);
  polarityMap(s.dilemma.map, $("r-map"));
  $("r-names").hidden = !r.rows;
  const rows = $("r-rows"); rows.textContent = "";
  for (const row of r.rows || []) {
    const tr = document.createElement("tr");
    for (const [v, cls] of [[row.label, ""], [row.a, "n"], [row.b, "n"], [row.zone, ""]]) {
      const td = document.createElement("td"); td.textContent = v; if (cls) td.className = cls; tr.appendChild(td);
    }
    rows.appendChild(tr);
  }
}
function render(s) {
  if (s.version !== undefined) version = s.version;
  joined = s.joined;
  if (!s.joined) {
    show("join");
    if (fromQr && T.is_anonymous && !dirty) { dirty = true; join(); }
    return;
  }
  phase = s.phase;
  text("who", s.name);
  if (s.rejoin_code) { $("my-code").hidden = false; text("my-code", T.your_code.replace("{code}", s.rejoin_code)); }
  if (s.phase === "done" || s.phase === "ended") { show("done"); text("t-done", s.phase === "done" ? T.done : T.ended); return; }
  if (s.phase === "revealed") { reveal(s); return; }
  if (s.phase === "checkin") { checkin(s); return; }
  show("answer");
  if (current !== s.dilemma.id || !dirty) {
    const fresh = current !== s.dilemma.id;
    current = s.dilemma.id; dirty = false;
    text("d-title", s.dilemma.number + "/" + s.dilemma.count + "  " + s.dilemma.title);
    text("d-question", s.dilemma.question); text("d-a", s.dilemma.a); text("d-b", s.dilemma.b);
    const ups = (list) => (list || []).map((u) => "+ " + u).join("   ");
    text("d-a-up", ups(s.dilemma.a_upsides)); text("d-b-up", ups(s.dilemma.b_upsides));
    chosen = s.answer ? { a: s.answer.a, b: s.answer.b } : { a: null, b: null };
    if (fresh || s.answer) $("idea").value = s.answer ? s.answer.idea || "" : "";
    mark();
    text("sent", s.answer ? T.saved : ""); $("sent").className = "ok";
  }
}
// Long polling: the server answers when something changed for this phone.
async function loop() {
  let failures = 0;
  while (phase !== "done" && phase !== "ended") {
    try {
      const r = await fetch("api/state?after=" + (joined ? version : 0), { credentials: "same-origin", cache: "no-store" });
      if (r.ok) { failures = 0; $("lost").hidden = true; render(await r.json()); }
      else await new Promise((ok) => setTimeout(ok, 2000));
      if (!joined) await new Promise((ok) => setTimeout(ok, 3000));  // not parked: ask now and then
    } catch (e) {
      // The facilitator's laptop is away (or restarting with --resume): try again.
      if (++failures > 1) $("lost").hidden = false;
      await new Promise((ok) => setTimeout(ok, 2000));
    }
  }
}
loop();
</script>
</body>
</html>
)PAGE";

}  // namespace

std::string participant_page(const std::string& lang, bool anonymous) {
  using i18n::tr;
  nlohmann::json texts = {
      {"title", tr("serve.page_title")},
      {"join", tr("serve.join")},
      {"code", tr("serve.code")},
      {"name", tr("serve.name")},
      {"join_button", tr("serve.join_button")},
      {"a", tr("serve.a")},
      {"b", tr("serve.b")},
      {"idea", tr("serve.idea")},
      {"send", tr("serve.send")},
      {"saved", tr("serve.saved")},
      {"who", tr("run.col_name")},
      {"zone", tr("run.col_zone")},
      {"done", tr("serve.done")},
      {"ended", tr("serve.ended")},
      {"lost", tr("serve.lost")},
      {"tap", tr("serve.tap")},
      {"not_saved", tr("serve.not_saved")},
      {"zones", zone_map()},
      {"anonymous", tr("serve.anonymous")},
      {"error", tr("serve.error")},
      {"is_anonymous", anonymous},
      {"checkin", tr("serve.checkin")},
      {"checkin_intro", tr(anonymous ? "run.checkin_intro_anonymous" : "run.checkin_intro")},
      {"checkin_skip", tr("serve.checkin_skip")},
      {"rejoin", tr("serve.rejoin")},
      {"rejoin_code", tr("serve.rejoin_code")},
      {"your_code", tr("serve.your_code")},
      {"map_purpose", tr("serve.map_purpose")},
      {"map_fear", tr("serve.map_fear")},
      {"map_upsides", tr("report.map.upsides")},
      {"map_downsides", tr("report.map.downsides")},
      {"map_warnings", tr("report.map.warnings")}};
  std::string page = kPage;
  fill_slot(page, "@LANG@", render::html_escape(lang));
  fill_slot(page, "@TEXTS@",
            script_json(texts.dump(-1, ' ', true, nlohmann::json::error_handler_t::replace)));
  return page;
}

}  // namespace h2h::net
