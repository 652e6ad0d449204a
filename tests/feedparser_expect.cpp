#include "feedparser_expect.hpp"

#include <set>
#include <stdexcept>

#include "newsnorm/core/utf8.hpp"
#include "newsnorm/model/feed_dates.hpp"

namespace newsnorm::test {
namespace {

using Json = nlohmann::json;

// A form or key outside the translation: the case does not count.
struct NotApplicable : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// feedparser's keys that newsnorm's Feed answers; any other makes a case not applicable.
const std::set<std::string, std::less<>> kKeys = {"title",     "title_detail",   "link",
                                                  "links",     "language",       "id",
                                                  "guid",      "guidislink",     "updated",
                                                  "published", "author",         "author_detail",
                                                  "authors",   "tags",           "category",
                                                  "summary",   "summary_detail", "description",
                                                  "content",   "updated_parsed", "published_parsed",
                                                  "value",     "type",           "base",
                                                  "name",      "email",          "href",
                                                  "rel",       "term",           "scheme",
                                                  "label",     "subtitle",       "subtitle_detail"};

Json text_detail(const FeedText& text) {
  static constexpr std::string_view kTypes[] = {"text/plain", "text/html", "application/xhtml+xml"};
  return {{"value", text.value},
          {"type", kTypes[static_cast<int>(text.type)]},
          {"base", text.base},
          {"language", text.language.empty() ? Json() : Json(text.language)}};
}

Json person(const FeedPerson& p) {
  Json out = Json::object();
  if (!p.name.empty()) out["name"] = p.name;
  if (!p.email.empty()) out["email"] = p.email;
  if (!p.url.empty()) out["href"] = p.url;
  return out;
}

// feedparser's one-line author: "Name (email)", or whichever of the two there is.
std::string author_line(const FeedPerson& p) {
  if (p.name.empty()) return p.email;
  return p.email.empty() ? p.name : p.name + " (" + p.email + ")";
}

// feedparser's time tuple, the first six fields (the rest are derived).
Json parsed(const std::string& raw) {
  const auto utc = feed_date_to_utc(raw);
  if (!utc) return nullptr;
  const auto field = [&](std::size_t at, std::size_t size) { return std::stoi(utc->substr(at, size)); };
  return Json::array({field(0, 4), field(5, 2), field(8, 2), field(11, 2), field(14, 2), field(17, 2)});
}

void common(Json& out, const FeedText& title, const std::string& link, const std::vector<FeedLink>& links,
            const std::string& updated, const std::string& published, const std::vector<FeedPerson>& authors,
            const std::vector<FeedCategory>& categories) {
  if (!title.value.empty() || title.type != TextType::text) {
    out["title"] = title.value;
    out["title_detail"] = text_detail(title);
  }
  if (!link.empty()) out["link"] = link;
  if (!links.empty()) {
    out["links"] = Json::array();
    for (const auto& l : links) {
      Json j = {{"rel", l.rel}, {"href", l.href}};
      if (!l.type.empty()) j["type"] = l.type;
      if (!l.title.empty()) j["title"] = l.title;
      out["links"].push_back(std::move(j));
    }
  }
  if (!updated.empty()) out["updated"] = updated, out["updated_parsed"] = parsed(updated);
  if (!published.empty()) out["published"] = published, out["published_parsed"] = parsed(published);
  if (!authors.empty()) {
    out["author"] = author_line(authors[0]);
    out["author_detail"] = person(authors[0]);
    out["authors"] = Json::array();
    for (const auto& a : authors) out["authors"].push_back(person(a));
  }
  if (!categories.empty()) {
    out["category"] = categories[0].term;
    out["tags"] = Json::array();
    for (const auto& c : categories)
      out["tags"].push_back({{"term", c.term},
                             {"scheme", c.scheme.empty() ? Json() : Json(c.scheme)},
                             {"label", c.label.empty() ? Json() : Json(c.label)}});
  }
}

// ---- The expression language: Python's and/or/not, ==, !=, subscripts, .get, .has_key, len, ord.

struct Value {
  Json json;
  bool missing = false;  // a KeyError or IndexError in Python: the expectation is false
};

class Evaluator {
 public:
  Evaluator(std::string_view text, const Json& result) : text_(text), result_(result) {}
  bool run() {
    const bool value = truthy(disjunction());
    skip_spaces();
    if (pos_ != text_.size()) throw NotApplicable("trailing text");
    return value;
  }

 private:
  static bool truthy(const Value& v) {
    if (v.missing || v.json.is_null()) return false;
    if (v.json.is_boolean()) return v.json.get<bool>();
    if (v.json.is_number()) return v.json.get<double>() != 0;
    if (v.json.is_string() || v.json.is_array() || v.json.is_object()) return !v.json.empty();
    return true;
  }
  void skip_spaces() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t')) ++pos_;
  }
  bool word(std::string_view w) {
    skip_spaces();
    if (text_.substr(pos_, w.size()) != w) return false;
    const std::size_t end = pos_ + w.size();
    if (end < text_.size() && (std::isalnum(static_cast<unsigned char>(text_[end])) || text_[end] == '_')) return false;
    pos_ = end;
    return true;
  }
  bool symbol(std::string_view s) {
    skip_spaces();
    if (text_.substr(pos_, s.size()) != s) return false;
    pos_ += s.size();
    return true;
  }
  Value disjunction() {
    Value left = conjunction();
    while (word("or")) {
      Value right = conjunction();
      left = Value{truthy(left) || truthy(right)};
    }
    return left;
  }
  Value conjunction() {
    Value left = negation();
    while (word("and")) {
      Value right = negation();
      left = Value{truthy(left) && truthy(right)};
    }
    return left;
  }
  Value negation() {
    if (word("not")) return Value{!truthy(negation())};
    return comparison();
  }
  Value comparison() {
    Value left = postfix();
    if (symbol("==")) return Value{equal(left, postfix())};
    if (symbol("!=")) return Value{!equal(left, postfix())};
    return left;
  }
  static bool equal(const Value& a, const Value& b) {
    if (a.missing || b.missing) return false;
    // A time tuple against the first six fields newsnorm knows.
    if (a.json.is_array() && b.json.is_array() && a.json.size() == 6 && b.json.size() == 9) {
      for (std::size_t i = 0; i < 6; ++i)
        if (a.json[i] != b.json[i]) return false;
      return true;
    }
    return a.json == b.json;
  }
  Value postfix() {
    Value value = primary();
    for (;;) {
      if (symbol("[")) {
        Value key = disjunction();
        if (!symbol("]")) throw NotApplicable("subscript");
        value = subscript(value, key.json);
      } else if (symbol(".get(")) {
        const Json key = string_literal();
        if (!symbol(")")) throw NotApplicable("get");
        value = subscript(value, key);
        if (value.missing) value = Value{nullptr};
      } else if (symbol(".has_key(")) {
        const Json key = string_literal();
        if (!symbol(")")) throw NotApplicable("has_key");
        check_key(key.get<std::string>());
        value = Value{!value.missing && value.json.is_object() && value.json.contains(key.get<std::string>())};
      } else if (skip_spaces(), pos_ < text_.size() && text_[pos_] == '.' && pos_ + 1 < text_.size() &&
                                    std::isalpha(static_cast<unsigned char>(text_[pos_ + 1]))) {
        ++pos_;
        const std::size_t start = pos_;
        while (pos_ < text_.size() && (std::isalnum(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '_'))
          ++pos_;
        value = subscript(value, std::string(text_.substr(start, pos_ - start)));  // feedparser's attribute access
      } else {
        return value;
      }
    }
  }
  static void check_key(const std::string& key) {
    if (!kKeys.contains(key)) throw NotApplicable("key " + key);
  }
  static Value subscript(const Value& value, const Json& key) {
    if (key.is_string()) check_key(key.get<std::string>());
    if (value.missing) return value;
    if (key.is_string() && value.json.is_object()) {
      const auto found = value.json.find(key.get<std::string>());
      if (found == value.json.end()) return Value{nullptr, true};
      return Value{*found};
    }
    if (key.is_number_integer() && value.json.is_array()) {
      const auto index = key.get<long>();
      if (index < 0 || static_cast<std::size_t>(index) >= value.json.size()) return Value{nullptr, true};
      return Value{value.json[static_cast<std::size_t>(index)]};
    }
    return Value{nullptr, true};
  }
  Json string_literal() {
    skip_spaces();
    if (pos_ < text_.size() && (text_[pos_] == 'u' || text_[pos_] == 'b')) ++pos_;
    if (pos_ >= text_.size() || (text_[pos_] != '\'' && text_[pos_] != '"')) throw NotApplicable("string");
    const char quote = text_[pos_++];
    std::string out;
    while (pos_ < text_.size() && text_[pos_] != quote) {
      char c = text_[pos_++];
      if (c != '\\' || pos_ >= text_.size()) {
        out += c;
        continue;
      }
      c = text_[pos_++];
      const auto hex = [&](std::size_t digits) {
        const auto code = static_cast<char32_t>(std::stoul(std::string(text_.substr(pos_, digits)), nullptr, 16));
        pos_ += digits;
        append_utf8(out, code);
      };
      switch (c) {
        case 'n': out += '\n'; break;
        case 't': out += '\t'; break;
        case 'r': out += '\r'; break;
        case 'u': hex(4); break;
        case 'U': hex(8); break;
        case 'x': hex(2); break;
        default: out += c;
      }
    }
    if (pos_ >= text_.size()) throw NotApplicable("unterminated string");
    ++pos_;
    return out;
  }
  Value primary() {
    skip_spaces();
    if (symbol("(")) {
      std::vector<Json> items;
      Value first = disjunction();
      if (symbol(")")) return first;
      items.push_back(first.json);
      while (symbol(",")) {
        if (symbol(")")) return Value{items};
        items.push_back(disjunction().json);
      }
      if (!symbol(")")) throw NotApplicable("tuple");
      return Value{items};
    }
    if (pos_ < text_.size() && (text_[pos_] == '\'' || text_[pos_] == '"' ||
                                ((text_[pos_] == 'u' || text_[pos_] == 'b') && pos_ + 1 < text_.size() &&
                                 (text_[pos_ + 1] == '\'' || text_[pos_ + 1] == '"'))))
      return Value{string_literal()};
    if (pos_ < text_.size() && (std::isdigit(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '-')) {
      std::size_t used = 0;
      const long number = std::stol(std::string(text_.substr(pos_)), &used);
      pos_ += used;
      return Value{number};
    }
    if (word("bozo")) return Value{result_["bozo"]};
    if (word("feed")) return Value{result_["feed"]};
    if (word("entries")) return Value{result_["entries"]};
    if (word("None")) return Value{nullptr};
    if (word("True")) return Value{true};
    if (word("False")) return Value{false};
    if (word("len")) {
      if (!symbol("(")) throw NotApplicable("len");
      Value v = disjunction();
      if (!symbol(")")) throw NotApplicable("len");
      return v.missing ? v : Value{static_cast<long>(v.json.size())};
    }
    throw NotApplicable("form at: " + std::string(text_.substr(pos_, 20)));
  }

  std::string_view text_;
  const Json& result_;
  std::size_t pos_ = 0;
};

}  // namespace

Json feedparser_view(const Feed& feed) {
  Json result = {{"bozo", feed.bozo.has_value()}, {"feed", Json::object()}, {"entries", Json::array()}};
  Json& f = result["feed"];
  common(f, feed.title, feed.link, feed.links, feed.updated, feed.published, feed.authors, feed.categories);
  if (!feed.language.empty()) f["language"] = feed.language;
  if (!feed.id.empty()) f["id"] = f["guid"] = feed.id;
  if (feed.description) {
    f["description"] = f["subtitle"] = feed.description->value;
    f["subtitle_detail"] = text_detail(*feed.description);
  }
  for (const auto& item : feed.items) {
    Json e = Json::object();
    common(e, item.title, item.link, item.links, item.updated, item.published, item.authors, item.categories);
    if (!item.guid.empty()) e["id"] = item.guid, e["guid"] = item.guid;
    e["guidislink"] = item.guid_is_link;
    if (item.summary) {
      e["summary"] = e["description"] = item.summary->value;
      e["summary_detail"] = text_detail(*item.summary);
    }
    if (item.content) e["content"] = Json::array({text_detail(*item.content)});
    result["entries"].push_back(std::move(e));
  }
  return result;
}

std::optional<bool> evaluate_expectation(std::string_view expression, const Json& result) {
  try {
    return Evaluator(expression, result).run();
  } catch (const NotApplicable&) {
    return std::nullopt;
  } catch (const std::exception&) {  // a number or escape the translation misread
    return std::nullopt;
  }
}

std::string expectation_of(std::string_view file_text) {
  const auto at = file_text.substr(0, 4096).find("Expect:");
  if (at == std::string_view::npos) return {};
  auto line = file_text.substr(at + 7);
  line = line.substr(0, std::min(line.find('\n'), line.find("-->")));
  while (!line.empty() && (line.back() == ' ' || line.back() == '\r' || line.back() == '"' || line.back() == ','))
    line.remove_suffix(1);
  while (!line.empty() && line.front() == ' ') line.remove_prefix(1);
  return std::string(line);
}

}  // namespace newsnorm::test
