#include "newsnorm/model/validation_rules.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "newsnorm/model/record_fields.hpp"

namespace newsnorm {

namespace {
const char kEveryType[] = "*";
}  // namespace

// Articles (the model's default type) must have the field table's required fields.
ValidationRules::ValidationRules() { required.emplace(Article{}.type, default_required_fields()); }

ValidationRules::ValidationRules(const std::vector<std::string>& fields, const std::vector<std::string>& types) {
  for (const auto& type : types) required[type] = fields;
}

const std::vector<std::string>* ValidationRules::fields_for(const std::string& type) const {
  auto found = required.find(type);
  if (found == required.end()) found = required.find(kEveryType);
  return found == required.end() ? nullptr : &found->second;
}

std::vector<Diagnostic> missing_required_fields(const Article& article, const ValidationRules& rules) {
  std::vector<Diagnostic> missing;
  const std::vector<std::string>* fields = rules.fields_for(article.type);
  if (!fields) return missing;
  for (const auto& field : *fields)
    if (!has_field_value(article, field))
      missing.push_back(make_error(code::field_required, {},
                                   fmt::format("required field {} is missing or empty (type \"{}\"); add it to the "
                                               "header",
                                               field, article.type)));
  return missing;
}

}  // namespace newsnorm
