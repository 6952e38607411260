// The language of h2h's own texts and the message catalogs behind them.
// Catalogs are YAML files (src/i18n/en.yaml, nl.yaml), one message per key
// with fmt-style named fields, compiled into the binary: a translator edits
// the YAML and rebuilds.
#pragma once

#include <fmt/format.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace h2h::i18n {

enum class Lang { en, nl };

std::string_view code(Lang lang);
std::optional<Lang> parse_lang(std::string_view code);

// The default language from the locale variables, in POSIX order of
// precedence (the first that is set and non-empty wins): Dutch when it
// starts with "nl", else English. Arguments may be null.
Lang lang_from_locale(const char* lc_all, const char* lc_messages, const char* lang);
Lang lang_from_environment();

// The language of this process's messages; English until set.
void set_language(Lang lang);
Lang language();

// The message for `key` in the current language; English when the current
// catalog lacks it; the key itself when no catalog has it.
const std::string& message(std::string_view key);
const std::string& message(std::string_view key, Lang lang);

// Every key of a catalog (for the tests that keep the catalogs in step).
std::vector<std::string> keys(Lang lang);

// Whether the catalog of `lang` (or English) has `key`.
bool has_message(std::string_view key);

std::string format_message(const std::string& pattern, fmt::format_args args);

// A count with its noun, singular for one: "1 participant", "3 answers"
// (catalog keys "count.NOUN.one" and "count.NOUN.other", field {n}).
std::string count(std::string_view noun, std::int64_t n);

// A decimal number as the current language writes it: "5.3" in English,
// "5,3" in Dutch.
std::string decimal(double x, int places);

// tr("validate.ok", fmt::arg("file", path)): the message with its fields filled.
template <typename... Args>
std::string tr(std::string_view key, Args&&... args) {
  return format_message(message(key), fmt::make_format_args(args...));
}

template <typename... Args>
std::string tr_in(Lang lang, std::string_view key, Args&&... args) {
  return format_message(message(key, lang), fmt::make_format_args(args...));
}

}  // namespace h2h::i18n
