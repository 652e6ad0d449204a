#pragma once
// The typed Article model. It knows nothing of files, YAML or JSON Lines: the parser fills it,
// the normalizer rewrites it, the exporter writes it.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "newsnorm/core/diagnostic.hpp"
#include "newsnorm/core/format.hpp"
#include "newsnorm/core/json.hpp"

namespace newsnorm {

// Where an object's values stood in the header: a JSON pointer per field key ("/related/2/title";
// "/date" for a date read from the `date` alias). Not part of the record: it lets a change the
// normalizer makes name the header value it replaces, which `newsnorm fix` rewrites. Where a value
// came from is not part of the value, so objects compare equal whatever their origins.
class HeaderOrigins {
 public:
  // `key` is a field table's key, which lives as long as the program.
  void set(std::string_view key, std::string pointer) { pointers_.emplace_back(key, std::move(pointer)); }
  // The pointer of the field's value; null when the value was not read from a header.
  const std::string* find(std::string_view key) const {
    for (const auto& [field, pointer] : pointers_)
      if (field == key) return &pointer;
    return nullptr;
  }
  // Points every pointer under `from` under `to` instead ("/author/0/name" -> "/author/name").
  void rebase(std::string_view from, std::string_view to) {
    for (auto& [field, pointer] : pointers_)
      if (pointer.starts_with(from)) pointer.replace(0, from.size(), to);
  }
  bool operator==(const HeaderOrigins&) const { return true; }

 private:
  std::vector<std::pair<std::string_view, std::string>> pointers_;
};

struct Source {
  std::string path;  // as given on the command line or found by walking a folder
  Format format = Format::text;
  std::uint64_t bytes = 0;
};

struct Image {
  std::optional<std::string> url;
  std::optional<std::int64_t> width;
  std::optional<std::int64_t> height;
  std::optional<std::string> title;
  std::optional<bool> is_cached;
  std::optional<std::string> credit;  // who the image is by: "NVIDIA and Microsoft", "Reuters"
  Json extra = Json::object();        // keys an image had beyond the six above

  bool operator==(const Image&) const = default;
};

// Someone who wrote the article.
struct Author {
  std::optional<std::string> name;
  std::optional<std::string> url;
  std::optional<std::string> role;  // "Co-Managing Editor"
  std::optional<std::string> bio;
  Json extra = Json::object();
  HeaderOrigins origins;

  bool operator==(const Author&) const = default;
};

struct Provider {
  std::optional<std::string> name;
  std::optional<std::string> domain;
  Json images;   // as given; null when absent
  Json authors;  // as given; null when absent
  Json extra = Json::object();
  HeaderOrigins origins;
};

// The date and addresses an article and a related entry both have, written in this order.
struct Links {
  std::optional<std::string> published_date_time;
  std::optional<std::string> url;         // the canonical address (normalizer)
  std::optional<std::string> dedupe_key;  // normalizer: the same story has the same key
  std::optional<std::string> web_url;
  std::optional<std::string> original_url;
  std::optional<std::string> amp_web_url;
  std::optional<std::string> cdn_amp_web_url;
  std::optional<std::string> canonical_url;  // as the header declared it (canonical_url, permalink, url…)
  HeaderOrigins origins;                     // of every field the header gave, not only these
};

struct Related : Links {
  std::optional<std::string> title;
  std::optional<std::string> excerpt;
  std::optional<std::string> type;
  std::optional<Provider> provider;
  std::optional<std::int64_t> quality;
  std::vector<Image> images;
  Json extra = Json::object();
};

struct Article : Links {
  std::string id;
  // Set by the story stage, across records: the story's first record, the record this one repeats.
  std::optional<std::string> story_id;
  std::optional<std::string> duplicate_of;
  std::optional<std::string> replaces;  // a record written again by a later run: the id it had
  Source source;
  std::string type = "article";
  std::optional<std::string> category;
  std::optional<std::string> title;
  std::optional<std::string> excerpt;
  std::string body;
  std::optional<std::string> text;  // plain text of the body (normalizer)
  std::optional<std::string> updated_date_time;
  std::vector<Author> authors;
  std::optional<std::string> language;
  std::optional<Provider> provider;
  std::vector<std::string> topics;
  std::vector<Image> images;
  std::vector<Related> related;
  std::optional<std::int64_t> quality;
  std::optional<std::int64_t> heat;
  std::optional<bool> published;
  std::optional<std::string> secured;
  Json extra = Json::object();
  Json field_sources = Json::object();   // record field -> the header key it was read from, when not its own
  std::optional<std::string> signature;  // compact text signature for the story stage (stories/signature)
  std::vector<Diagnostic> warnings;      // every coercion, repair or doubt, with where it came from
  // Not a record field: the whole header as parsed, for the id of an article without an address.
  std::string header_digest;

  void warn(const DiagnosticCode& code, Position position, std::string message) {
    warnings.push_back(make_warning(code, position, std::move(message)));
  }
};

}  // namespace newsnorm
