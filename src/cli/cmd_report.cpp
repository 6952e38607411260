// h2h report: the EN EN reflection over session files, per team or per
// session, as text, Markdown, JSON, CSV or HTML.
#include <algorithm>
#include <map>
#include <memory>

#include "cli/commands.hpp"
#include "core/limits.hpp"
#include "core/reflection.hpp"
#include "formats/atomic_file.hpp"
#include "formats/deck_library.hpp"
#include "formats/file_read.hpp"
#include "formats/report_json.hpp"
#include "formats/session_yaml.hpp"
#include "render/document.hpp"
#include "render/reflection_doc.hpp"
#include "render/report_csv.hpp"

namespace h2h::cli {

using i18n::tr;

namespace {

struct ReportOptions {
  std::vector<std::string> inputs;
  std::string by;
  std::string format = "text";
  std::string output;
  std::string deck;
  std::string delimiter = ",";
  bool no_formula_escape = false;
};

struct Loaded {
  std::string path;
  session::Record record;
};

std::string group_name(const Loaded& s, const std::string& by) {
  if (by == "team") {
    if (!s.record.team.empty()) return s.record.team;
    return tr("report.no_team");
  }
  const std::string who = s.record.team.empty() ? s.path : s.record.team;
  return fmt::format("{} {}", who, s.record.started.substr(0, 16));
}

int run_report(const Context& ctx, const ReportOptions& o) {
  std::vector<Loaded> sessions;
  for (const auto& path : o.inputs) {
    Loaded l{path,
             formats::session_from_yaml(formats::read_capped(path, limits::kSessionBytes), path)};
    if (!sessions.empty() && l.record.deck_id != sessions.front().record.deck_id)
      throw Error(ExitCode::invalid_data, Place{path},
                  tr("report.other_deck", fmt::arg("deck", l.record.deck_id),
                     fmt::arg("first", sessions.front().path),
                     fmt::arg("first_deck", sessions.front().record.deck_id)));
    sessions.push_back(std::move(l));
  }
  const auto loaded = formats::load_deck(o.deck.empty() ? sessions.front().record.deck_id : o.deck,
                                         formats::user_deck_dir());
  const Deck& deck = loaded.deck;
  for (const auto& s : sessions) {
    if (s.record.deck_id != deck.id)
      throw Error(ExitCode::invalid_data, Place{s.path},
                  tr("run.resume_other_deck", fmt::arg("deck", s.record.deck_id),
                     fmt::arg("given", deck.id)));
    for (const auto& id : s.record.dilemmas)
      if (!deck.find_dilemma(id))
        throw Error(ExitCode::invalid_data, Place{s.path},
                    tr("report.unknown_dilemma", fmt::arg("id", id), fmt::arg("deck", deck.id),
                       fmt::arg("version", deck.version)));
    if (s.record.deck_version != deck.version)
      ctx.err(format_problem({Place{s.path}, tr("report.version_warning",
                                                fmt::arg("version", s.record.deck_version),
                                                fmt::arg("now", deck.version))}) +
              "\n");
  }

  auto weights = std::make_shared<const Weights>(Weights::of(deck));
  report::Group total(weights, "");
  std::vector<report::Group> groups;
  std::map<std::string, std::size_t> by_name;
  std::vector<const Loaded*> order;
  for (const auto& s : sessions) order.push_back(&s);
  if (o.by == "session")
    std::stable_sort(order.begin(), order.end(), [](const Loaded* x, const Loaded* y) {
      return x->record.started < y->record.started;
    });
  for (const Loaded* s : order) {
    total.add_session(s->record);
    if (o.by.empty()) continue;
    const std::string name = group_name(*s, o.by);
    auto [it, fresh] =
        by_name.emplace(o.by == "session" ? name + "\x1f" + s->path : name, groups.size());
    if (fresh) groups.emplace_back(weights, name);
    groups[it->second].add_session(s->record);
  }
  if (o.by == "team")
    std::stable_sort(
        groups.begin(), groups.end(),
        [](const report::Group& x, const report::Group& y) { return x.name < y.name; });
  std::vector<const report::Group*> group_ptrs;
  for (const auto& g : groups) group_ptrs.push_back(&g);

  // The reflection speaks the sessions' language unless --lang says otherwise.
  std::string lang = ctx.lang;
  if (!ctx.lang_explicit && !sessions.front().record.language.empty())
    lang = sessions.front().record.language;
  if (auto l = i18n::parse_lang(lang)) i18n::set_language(*l);

  std::string bytes;
  const bool to_stdout = o.output.empty() || o.output == "-";
  if (o.format == "json") {
    bytes = formats::report_to_json(deck, total, group_ptrs);
  } else if (o.format == "csv") {
    bytes = render::report_csv(total, group_ptrs,
                               render::CsvOptions{o.delimiter.front(), !o.no_formula_escape});
  } else {
    render::ReflectionInput in{&deck, deck.language_for(lang), &total, group_ptrs, o.by};
    const render::Document doc = render::reflection_document(in);
    if (o.format == "markdown")
      bytes = render::to_markdown(doc);
    else if (o.format == "html")
      bytes = render::to_html(doc, lang);
    else
      bytes = render::to_text(doc, to_stdout ? ctx.stdout_style() : render::Style::plain());
  }
  if (to_stdout)
    ctx.out(bytes);
  else
    formats::write_atomically(o.output, bytes, 0644);
  return 0;
}

}  // namespace

Command add_report(CLI::App& parent, Context& ctx) {
  auto o = std::make_shared<ReportOptions>();
  CLI::App* app = parent.add_subcommand("report", tr("help.report"));
  app->footer(tr("help.report.example"));
  app->add_option("INPUT", o->inputs, tr("help.report.input"))->required()->option_text("FILE...");
  app->add_option("--by", o->by, tr("help.report.by"))
      ->check(CLI::IsMember({"team", "session"}))
      ->option_text("team|session");
  add_format_option(*app, o->format, {"text", "markdown", "json", "csv", "html"});
  app->add_option("-o,--output", o->output, tr("help.report.output"))->option_text("FILE");
  app->add_option("--deck", o->deck, tr("help.report.deck"))->option_text("ID|FILE");
  app->add_option("--delimiter", o->delimiter, tr("help.report.delimiter"))
      ->check(CLI::IsMember({",", ";"}))
      ->option_text(",|;");
  app->add_flag("--no-formula-escape", o->no_formula_escape, tr("help.report.no_formula_escape"));
  return {app, [&ctx, o] { return run_report(ctx, *o); }};
}

}  // namespace h2h::cli
