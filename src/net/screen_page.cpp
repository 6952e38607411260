#include "net/screen_page.hpp"

#include <nlohmann/json.hpp>

#include "i18n/i18n.hpp"
#include "net/views.hpp"
#include "render/document.hpp"

namespace h2h::net {

namespace {

constexpr const char* kScreen = R"PAGE(<!DOCTYPE html>
<html lang="@LANG@">
<head>
<meta charset="utf-8">
<title>h2h</title>
<style>
html, body { margin: 0; height: 100%; overflow: hidden; background: #10202e; color: #f4f4f4;
  font-family: system-ui, sans-serif; }
body { display: grid; grid-template-columns: 1fr 30vw; gap: 2vw; padding: 2.5vh 2.5vw; box-sizing: border-box; }
#main { min-width: 0; min-height: 0; display: flex; flex-direction: column; overflow: hidden; }
#side { display: flex; flex-direction: column; align-items: center; gap: 1.2vh; min-height: 0; }
#qr { width: min(24vw, 46vh); height: min(24vw, 46vh); background: #fff; border-radius: .6vw; }
#qr svg { width: 100%; height: 100%; display: block; }
.big { font-size: 4.2vh; font-weight: 700; }
.mid { font-size: 3vh; }
.small { font-size: 2.2vh; color: #c9d6e2; }
#url { font-size: 2.6vh; word-break: break-all; text-align: center; }
#code { font-size: 7vh; font-weight: 800; letter-spacing: .4vw; }
#count { font-size: 4vh; font-weight: 700; text-align: center; }
#timer { font-size: 4vh; font-weight: 700; color: #ffd166; }
h1 { font-size: 5.2vh; margin: 0 0 1.5vh; line-height: 1.15; }
#question { font-size: 3.4vh; margin: 0 0 2vh; line-height: 1.3; }
.poles { display: grid; grid-template-columns: 1fr 1fr; gap: 1.5vw; }
.pole { background: #1d3a52; border-radius: .8vw; padding: 1.5vh 1.2vw; }
.pole h2 { font-size: 3.4vh; margin: 0 0 1vh; }
.pole ul { margin: 0; padding-left: 1.4em; font-size: 2.6vh; line-height: 1.35; }
#reveal { display: grid; grid-template-columns: auto 1fr; gap: 2vw; min-height: 0; flex: 1; }
#grid { height: 62vh; width: 62vh; }
#figures { font-size: 2.8vh; line-height: 1.4; overflow: hidden; }
#figures table { border-collapse: collapse; font-size: 2.6vh; margin-bottom: 1.5vh; }
#figures td { padding: .2vh .8vw; }
#figures td.n { text-align: right; font-weight: 700; }
#ideas { font-size: 2.4vh; margin: 1vh 0 0; padding-left: 1.2em; }
#summary { font-size: 1.9vh; line-height: 1.25; white-space: pre-wrap; overflow: hidden; margin: 0; flex: 1; }
#map { display: grid; grid-template-columns: 1fr 1fr; gap: 1vh 1.5vw; min-height: 0; flex: 1; overflow: hidden; }
#map .wide { grid-column: 1 / 3; font-size: 2.8vh; font-weight: 700; margin: 0; }
#map .q { background: #1d3a52; border-radius: .8vw; padding: 1vh 1vw; min-height: 0; overflow: hidden; }
#map .q.down { background: #3a2a36; }
#map h2 { font-size: 2.8vh; margin: 0 0 .6vh; }
#map ul { margin: 0; padding-left: 1.2em; font-size: 2.2vh; line-height: 1.3; }
#map .warn { font-size: 1.9vh; color: #ffd166; margin-top: .6vh; }
#notice { font-size: 6vh; font-weight: 700; margin: auto; text-align: center; }
#keys { position: fixed; bottom: 1vh; left: 2.5vw; font-size: 1.8vh; color: #8aa2b6; }
[hidden] { display: none !important; }
</style>
</head>
<body>
<section id="main">
  <h1 id="title"></h1>
  <p id="question"></p>
  <div id="open" class="poles">
    <div class="pole"><h2 id="pole-a"></h2><ul id="ups-a"></ul></div>
    <div class="pole"><h2 id="pole-b"></h2><ul id="ups-b"></ul></div>
  </div>
  <div id="reveal" hidden>
    <svg id="grid" viewBox="-1.6 -0.8 13.2 13.2" role="img"></svg>
    <div id="figures"><table><tbody id="zones"></tbody></table>
      <div id="means"></div><p id="enen" class="mid"></p><ul id="ideas"></ul></div>
  </div>
  <div id="map" hidden></div>
  <pre id="summary" hidden></pre>
  <p id="notice" hidden></p>
</section>
<aside id="side">
  <div id="qr">@QR@</div>
  <div id="url"></div>
  <div class="small" id="t-code"></div>
  <div id="code"></div>
  <div id="count"></div>
  <div id="timer"></div>
</aside>
<div id="keys"></div>
<script>
"use strict";
const T = @TEXTS@;
const $ = (id) => document.getElementById(id);
const text = (id, s) => { $(id).textContent = s; };
const key = new URLSearchParams(location.search).get("key") || "";
const q = key ? "&key=" + encodeURIComponent(key) : "";
text("url", T.url); text("code", T.code); text("t-code", T.code_label); text("keys", T.keys);
let version = 0, phase = "", deadline = null, busy = false;
const NS = "http://www.w3.org/2000/svg";
function el(name, attrs, parent) {
  const e = document.createElementNS(NS, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  parent.appendChild(e); return e;
}
function list(id, items) {
  const ul = $(id); ul.textContent = "";
  for (const s of items) { const li = document.createElement("li"); li.textContent = s; ul.appendChild(li); }
}
// The grid: A across, B up (as on the console); zones shaded as the server says.
function grid(reveal) {
  const g = $("grid"); g.textContent = "";
  const colour = { "en-en": "#2a6f4e", "a": "#3b4f7a", "b": "#6b3b6e", "compromise": "#6b5b2a", "neither": "#4a4a4a", "mixed": "#24384a" };
  for (let a = 0; a <= 10; a++) for (let b = 0; b <= 10; b++)
    el("rect", { x: a, y: 10 - b, width: 1, height: 1, fill: colour[T.zones[a][b]] || "#24384a", stroke: "#10202e", "stroke-width": 0.04 }, g);
  for (let i = 0; i <= 10; i += 5) {
    el("text", { x: i + 0.5, y: 11.7, "font-size": 0.6, fill: "#c9d6e2", "text-anchor": "middle" }, g).textContent = i;
    el("text", { x: -0.5, y: 10.7 - i, "font-size": 0.6, fill: "#c9d6e2", "text-anchor": "middle" }, g).textContent = i;
  }
  el("text", { x: 5.5, y: 12.3, "font-size": 0.55, fill: "#f4f4f4", "text-anchor": "middle" }, g).textContent = "A";
  el("text", { x: -1.2, y: 5.7, "font-size": 0.55, fill: "#f4f4f4", "text-anchor": "middle" }, g).textContent = "B";
  const counts = new Map();
  for (const d of reveal.dots) { const k = d.a + "," + d.b; counts.set(k, (counts.get(k) || 0) + 1); }
  for (const [k, n] of counts) {
    const [a, b] = k.split(",").map(Number);
    el("circle", { cx: a + 0.5, cy: 10.5 - b, r: Math.min(0.48, 0.2 + 0.06 * Math.sqrt(n)), fill: "#ffd166" }, g);
    if (n > 1) el("text", { x: a + 0.5, y: 10.68 - b, "font-size": 0.42, "font-weight": 700, fill: "#10202e", "text-anchor": "middle" }, g).textContent = n;
  }
}
function render(s) {
  phase = s.phase;
  text("count", s.answered !== undefined ? T.count.replace("{answered}", s.answered).replace("{joined}", s.joined) : T.joined.replace("{joined}", s.joined));
  if (s.checked_in !== undefined) text("count", $("count").textContent + " · " + T.checkin.replace("{done}", s.checked_in).replace("{joined}", s.joined));
  const d = s.dilemma;
  $("notice").hidden = true; $("summary").hidden = true; $("map").hidden = true;
  if (s.phase === "done" || s.phase === "ended") {
    $("open").hidden = true; $("reveal").hidden = true; text("question", ""); deadline = null; text("timer", "");
    text("title", s.phase === "done" ? T.done : T.ended);
    if (s.summary) { $("summary").hidden = false; text("summary", s.summary); }
    return;
  }
  text("title", d.number + "/" + d.count + "  " + d.title); text("question", d.question);
  text("pole-a", "A  " + d.a); text("pole-b", "B  " + d.b); list("ups-a", d.a_upsides); list("ups-b", d.b_upsides);
  deadline = s.remaining === null || s.phase !== "open" ? null : Date.now() + s.remaining * 1000;
  tickTimer();
  $("open").hidden = s.phase !== "open"; $("reveal").hidden = s.phase !== "revealed";
  if (s.phase === "revealed" && s.map_shown && polarityMap(d)) {
    $("reveal").hidden = true; $("map").hidden = false; text("question", "");
  } else if (s.phase === "revealed") {
    const r = s.reveal; grid(r);
    const zones = $("zones"); zones.textContent = "";
    for (const [z, n] of Object.entries(r.zones)) {
      const tr = document.createElement("tr");
      for (const [v, c] of [[r.zone_labels[z], ""], [n, "n"]]) { const td = document.createElement("td"); td.textContent = v; td.className = c; tr.appendChild(td); }
      zones.appendChild(tr);
    }
    text("means", r.figures); text("enen", r.en_en); list("ideas", r.ideas.slice(0, 6));
  }
}
// The polarity map of the revealed dilemma: purpose above, each pole's
// upsides over its downsides, early warnings below them, the fear beneath.

function polarityMap(d) {
  const box = $("map"); box.textContent = "";
  const m = d.map; if (!m) return false;
  const add = (tag, cls, s, parent) => { const e = document.createElement(tag); if (cls) e.className = cls; if (s) e.textContent = s; (parent || box).appendChild(e); return e; };
  if (m.purpose) add("p", "wide", T.map_purpose + " " + m.purpose);
  for (const [side, title] of [["upsides", T.map_upsides], ["downsides", T.map_downsides]])
    for (const [letter, p] of [["A", m.a], ["B", m.b]]) {
      const q = add("div", side === "upsides" ? "q" : "q down");
      add("h2", "", letter + "  " + p.label + ": " + title, q);
      const ul = add("ul", "", "", q);
      for (const s of p[side].slice(0, 4)) add("li", "", s, ul);
      if (side === "downsides" && p.early_warnings.length)
        add("div", "warn", T.map_warnings + ": " + p.early_warnings.slice(0, 2).join(" · "), q);
    }
  if (m.fear) add("p", "wide", T.map_fear + " " + m.fear);
  return true;
}
function tickTimer() {
  if (deadline === null) { text("timer", ""); return; }
  const left = Math.max(0, Math.round((deadline - Date.now()) / 1000));
  text("timer", Math.floor(left / 60) + ":" + String(left % 60).padStart(2, "0"));
}
setInterval(tickTimer, 1000);
async function loop() {
  while (phase !== "done" && phase !== "ended") {
    try {
      const r = await fetch("api/screen?after=" + version + q, { cache: "no-store" });
      if (r.ok) { const s = await r.json(); version = s.version; render(s); }
      else await new Promise((ok) => setTimeout(ok, 1000));
    } catch (e) {
      $("notice").hidden = false; text("notice", T.lost);
      await new Promise((ok) => setTimeout(ok, 1000));
    }
  }
}
async function command(c) {
  if (busy) return; busy = true;
  try {
    const r = await fetch("api/screen" + (key ? "?key=" + encodeURIComponent(key) : ""), {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ command: c }) });
    if (r.ok) { const s = await r.json(); version = s.version; render(s); }
  } finally { busy = false; }
}
document.addEventListener("keydown", (e) => {
  if (e.key === "ArrowRight" || e.key === " " || e.key === "PageDown" || e.key === "Enter") {
    e.preventDefault(); command(phase === "revealed" ? "next" : "reveal");
  } else if (e.key === "ArrowLeft" || e.key === "PageUp" || e.key === "Backspace") {
    e.preventDefault(); command("back");
  } else if (e.key === "m" || e.key === "M") {
    e.preventDefault(); command("map");
  }
});
loop();
</script>
</body>
</html>
)PAGE";

}  // namespace

void fill_slot(std::string& page, const std::string& slot, const std::string& value) {
  const auto at = page.find(slot);
  if (at != std::string::npos) page.replace(at, slot.size(), value);
}

std::string script_json(const std::string& json_text) {
  std::string blob = json_text;
  for (std::size_t at = 0; (at = blob.find("</", at)) != std::string::npos; at += 3)
    blob.replace(at, 2, "<\\/");
  return blob;
}

std::string screen_page(const std::string& lang, const std::string& url, const std::string& code,
                        const std::string& qr_svg) {
  using i18n::tr;
  nlohmann::json texts = {{"url", url},
                          {"code", code},
                          {"code_label", tr("serve.code_label")},
                          {"count", tr("serve.screen_count")},
                          {"joined", tr("serve.screen_joined")},
                          {"done", tr("serve.done")},
                          {"ended", tr("serve.ended")},
                          {"lost", tr("serve.lost")},
                          {"keys", tr("serve.screen_keys")},
                          {"checkin", tr("serve.checkin_progress")},
                          {"map_purpose", tr("serve.map_purpose")},
                          {"map_fear", tr("serve.map_fear")},
                          {"map_upsides", tr("report.map.upsides")},
                          {"map_downsides", tr("report.map.downsides")},
                          {"map_warnings", tr("report.map.warnings")},
                          {"zones", zone_map()}};
  std::string page = kScreen;
  fill_slot(page, "@LANG@", render::html_escape(lang));
  fill_slot(page, "@QR@", qr_svg);
  fill_slot(page, "@TEXTS@",
            script_json(texts.dump(-1, ' ', true, nlohmann::json::error_handler_t::replace)));
  return page;
}

}  // namespace h2h::net
