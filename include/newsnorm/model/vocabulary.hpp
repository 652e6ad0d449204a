#pragma once
// The header vocabularies of site generators: which other header keys (date, description, tags…)
// are read into which record fields. Built in from data/fields.yaml; more can be added.
#include <string>
#include <string_view>
#include <vector>

#include "newsnorm/core/result.hpp"

namespace newsnorm {

struct Alias {
  std::string key;       // the header key, such as "date"
  std::string field;     // the record field it fills, such as "publishedDateTime"
  bool negated = false;  // a boolean read the other way round ("draft" for "published")
};

class Vocabulary {
 public:
  // Parsed once from the embedded data/fields.yaml.
  static const Vocabulary& builtin();

  // Adds `field: [alias, ...]` entries ("!key" for a negated boolean); a usage failure with the
  // origin's line and column when the text is not such a mapping or names no record field (and then
  // nothing is added).
  FatalStatus add_yaml(std::string_view yaml_text, const std::string& origin);
  // Adds one alias (a project configuration's [aliases]), checked by the caller: the key now means
  // this field only, whatever the table said before, and fills it after the field's other aliases.
  void add(Alias alias);

  // The alias a header key is, or null.
  const Alias* find(std::string_view key) const;
  // All aliases, earlier ones first: the order in which they fill an empty field.
  const std::vector<Alias>& aliases() const { return aliases_; }

 private:
  std::vector<Alias> aliases_;
};

}  // namespace newsnorm
