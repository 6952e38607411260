// A dilemma's polarity map in one language, for the reflection documents.
#include "render/document.hpp"

namespace h2h::render {

bool PolarityMap::empty() const {
  if (!purpose.empty() || !fear.empty()) return false;
  for (int p = 0; p < 2; ++p)
    if (!upsides[p].empty() || !downsides[p].empty() || !warnings[p].empty()) return false;
  return true;
}

PolarityMap polarity_map(const Dilemma& d, const std::string& lang) {
  PolarityMap m;
  m.purpose = d.purpose.empty() ? std::string() : d.purpose.in(lang);
  m.fear = d.fear.empty() ? std::string() : d.fear.in(lang);
  const Pole* poles[2] = {&d.a, &d.b};
  for (int p = 0; p < 2; ++p) {
    m.labels[p] = poles[p]->label.in(lang);
    for (const auto& t : poles[p]->upsides) m.upsides[p].push_back(t.in(lang));
    for (const auto& t : poles[p]->downsides) m.downsides[p].push_back(t.in(lang));
    for (const auto& t : poles[p]->early_warnings) m.warnings[p].push_back(t.in(lang));
  }
  return m;
}

}  // namespace h2h::render
