#include "newsnorm/run/validation.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "newsnorm/model/record_fields.hpp"

namespace newsnorm {

ValidationRules::ValidationRules() : required(default_required_fields()) {}

std::vector<Diagnostic> missing_required_fields(const Article& article, const ValidationRules& rules) {
  std::vector<Diagnostic> missing;
  const auto applies = [&](const std::string& type) {
    return std::find(rules.types.begin(), rules.types.end(), type) != rules.types.end();
  };
  if (!applies("*") && !applies(article.type)) return missing;
  for (const auto& field : rules.required)
    if (!has_field_value(article, field))
      missing.push_back(make_error(code::field_required, {},
                                   fmt::format("required field {} is missing or empty (type \"{}\"); add it to the "
                                               "header",
                                               field, article.type)));
  return missing;
}

}  // namespace newsnorm
