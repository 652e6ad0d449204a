#include "newsnorm/run/validation.hpp"

#include <algorithm>
#include <functional>
#include <utility>

#include <fmt/format.h>

namespace newsnorm {
namespace {

using Presence = std::function<bool(const Article&)>;

const std::vector<std::pair<std::string, Presence>>& presence_checks() {
  static const std::vector<std::pair<std::string, Presence>> checks = {
      {"title", [](const Article& a) { return a.title && !a.title->empty(); }},
      {"excerpt", [](const Article& a) { return a.excerpt && !a.excerpt->empty(); }},
      {"category", [](const Article& a) { return a.category.has_value(); }},
      {"body", [](const Article& a) { return !a.body.empty(); }},
      {"publishedDateTime", [](const Article& a) { return a.published_date_time.has_value(); }},
      {"url", [](const Article& a) { return a.url.has_value(); }},
      {"webUrl", [](const Article& a) { return a.web_url.has_value(); }},
      {"originalUrl", [](const Article& a) { return a.original_url.has_value(); }},
      {"provider", [](const Article& a) { return a.provider.has_value(); }},
      {"topics", [](const Article& a) { return !a.topics.empty(); }},
      {"images", [](const Article& a) { return !a.images.empty(); }},
      {"related", [](const Article& a) { return !a.related.empty(); }},
      {"quality", [](const Article& a) { return a.quality.has_value(); }},
      {"heat", [](const Article& a) { return a.heat.has_value(); }},
      {"published", [](const Article& a) { return a.published.has_value(); }},
      {"secured", [](const Article& a) { return a.secured.has_value(); }},
  };
  return checks;
}

}  // namespace

const std::vector<std::string>& requirable_fields() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const auto& [name, check] : presence_checks()) out.push_back(name);
    return out;
  }();
  return names;
}

std::vector<Diagnostic> missing_required_fields(const Article& article, const ValidationRules& rules) {
  std::vector<Diagnostic> missing;
  const bool applies = std::find(rules.types.begin(), rules.types.end(), "*") != rules.types.end() ||
                       std::find(rules.types.begin(), rules.types.end(), article.type) != rules.types.end();
  if (!applies) return missing;
  for (const auto& field : rules.required) {
    const auto check = std::find_if(presence_checks().begin(), presence_checks().end(),
                                    [&](const auto& entry) { return entry.first == field; });
    if (check != presence_checks().end() && !check->second(article))
      missing.push_back(make_error({1, 1}, fmt::format("required field {} is missing or empty (type \"{}\"); add it "
                                                       "to the header",
                                                       field, article.type)));
  }
  return missing;
}

std::vector<Diagnostic> validate_input(const Input& input, const ValidationRules& rules, std::string& buffer) {
  if (input.error) return {*input.error};
  if (auto error = read_input(input.path, rules.ingest.limits.max_bytes, buffer)) return {*error};
  ParseResult result = ingest_bytes(buffer, input.path, rules.ingest);
  if (auto* error = std::get_if<Diagnostic>(&result)) return {*error};
  Article& article = std::get<Article>(result);
  std::vector<Diagnostic> problems = std::move(article.warnings);
  for (auto& missing : missing_required_fields(article, rules)) problems.push_back(std::move(missing));
  return problems;
}

}  // namespace newsnorm
