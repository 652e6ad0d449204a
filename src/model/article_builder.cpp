#include "newsnorm/model/article_builder.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

#include <fmt/format.h>

#include "newsnorm/core/ascii.hpp"
#include "newsnorm/core/utf8.hpp"
#include "newsnorm/core/value_fix.hpp"
#include "newsnorm/model/datetime.hpp"
#include "newsnorm/model/identity.hpp"
#include "newsnorm/model/record_fields.hpp"
#include "newsnorm/model/vocabulary.hpp"

namespace newsnorm {
namespace {

constexpr std::size_t kMaxTitleCharacters = 200;

// What happened to one field.
enum class Read { ok, wrong_type };

// How a value of this member's type is named in messages.
template <typename T>
constexpr const char* expected_kind() {
  if constexpr (std::is_same_v<T, std::optional<std::int64_t>>)
    return "an integer";
  else if constexpr (std::is_same_v<T, std::optional<bool>>)
    return "true or false";
  else if constexpr (std::is_same_v<T, std::vector<std::string>>)
    return "a list of text";
  else if constexpr (std::is_same_v<T, std::vector<Image>>)
    return "a list of images";
  else if constexpr (std::is_same_v<T, std::vector<Related>>)
    return "a list of articles";
  else if constexpr (std::is_same_v<T, std::vector<Author>>)
    return "a list of authors";
  else if constexpr (std::is_same_v<T, std::optional<Provider>>)
    return "a mapping";
  else if constexpr (std::is_same_v<T, Json>)
    return "a list";
  else
    return "text";
}

// Reads the fields of header objects into typed structs, as the field tables say: keys no field
// takes, and values of the wrong type, go to `extra` with a warning.
class FieldReader {
 public:
  FieldReader(const HeaderTree& tree, const Vocabulary& vocabulary, std::optional<int> assume_offset_minutes,
              std::vector<Diagnostic>& warnings)
      : tree_(tree), vocabulary_(vocabulary), assume_offset_minutes_(assume_offset_minutes), warnings_(warnings) {}

  template <typename S>
  void read_object(const Json& object, const std::string& pointer, S& out) {
    std::vector<std::pair<const Alias*, const Json*>> aliases;  // the article's, read once its own keys are
    for (const auto& entry : object.items()) {
      // Named locals, not a structured binding: clang 14 cannot capture a binding in the lambda below.
      const std::string& key = entry.key();
      const Json& value = entry.value();
      const Field<S>* field = header_field<S>(key);
      const Alias* alias = nullptr;
      if constexpr (std::is_same_v<S, Article>) alias = vocabulary_.find(key);
      if (!field) {
        if (alias)
          aliases.emplace_back(alias, &value);
        else
          extra_of(out)[key] = value;
        continue;
      }
      std::string child = pointer;
      append_pointer_token(child, key);
      std::visit(
          [&](auto member) {
            using T = std::remove_reference_t<decltype(out.*member)>;
            key_ = key;
            // Authors come in the shapes site generators use even under their own key.
            const Json& given = std::is_same_v<T, std::vector<Author>> ? shaped<T>(value) : value;
            if (read(*field, given, child, out, out.*member) == Read::ok) {
              remember_origin(out, field->key, value, child, out.*member);
              return;
            }
            // A key that is a field of one type and an alias of another (a boolean `published`, or
            // `published: 2020-05-19` meaning the date) is read as the alias when the type does not fit.
            if (alias) {
              aliases.emplace_back(alias, &value);
              return;
            }
            wrong_type<T>(child, key, value, extra_of(out));
          },
          field->member);
    }
    if constexpr (std::is_same_v<S, Article>) read_aliases(aliases, pointer, out);
  }

 private:
  template <typename T>
  void wrong_type(const std::string& pointer, const std::string& key, const Json& value, Json& extra) {
    warn(code::field_wrong_type, pointer,
         fmt::format("{} should be {} but is {}; it was kept under extra.{} instead", display_pointer(pointer),
                     expected_kind<T>(), describe(value), key));
    extra[key] = value;
  }

  // Aliases fill empty fields in the vocabulary's order, so `date` wins over `publishDate`.
  void read_aliases(std::vector<std::pair<const Alias*, const Json*>>& aliases, const std::string& pointer,
                    Article& out) {
    // Aliases live in one vector, so their addresses are in the vocabulary's order.
    std::stable_sort(aliases.begin(), aliases.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (const auto& entry : aliases) {
      const Alias* alias = entry.first;  // named locals for the lambda below, as in read_object
      const Json* value = entry.second;
      std::string child = pointer;
      append_pointer_token(child, alias->key);
      const Field<Article>* field = header_field<Article>(alias->field);
      std::visit([&](auto member) { read_alias(*field, *alias, *value, child, out, out.*member); }, field->member);
    }
  }

  template <typename T>
  void read_alias(const Field<Article>& field, const Alias& alias, const Json& value, const std::string& pointer,
                  Article& out, T& target) {
    T read_value{};
    key_ = alias.key;
    const Json given = alias.negated && value.is_boolean() ? Json(!value.get<bool>()) : shaped<T>(value);
    const std::size_t said = warnings_.size();
    if (read(field, given, pointer, out, read_value) != Read::ok)
      return wrong_type<T>(pointer, alias.key, value, out.extra);
    // What the field holds is the opposite of what a negated alias (`draft`) says: not a value to write back.
    if (alias.negated)
      for (std::size_t i = said; i < warnings_.size(); ++i) warnings_[i].fix.reset();
    if (!is_set(read_value)) return;  // e.g. an unreadable date: already said, and kept under extra
    if (!is_set(target)) {
      target = std::move(read_value);
      out.field_sources[std::string(field.key)] = alias.key;
      remember_origin(out, field.key, value, pointer, target);
      return;
    }
    out.extra[alias.key] = value;
    bool same = false;
    // The kinds of field the vocabulary fills; any other (none today) counts as different.
    if constexpr (std::is_same_v<T, std::optional<std::string>> || std::is_same_v<T, std::optional<bool>> ||
                  std::is_same_v<T, std::vector<std::string>> || std::is_same_v<T, std::vector<Image>> ||
                  std::is_same_v<T, std::vector<Author>>)
      same = read_value == target;
    if (!same)
      warn(code::field_coerced, pointer,
           fmt::format("{} is {}, which differs from the {} already read; {} keeps its value and {} stays "
                       "under extra",
                       display_pointer(pointer), describe(value), field.key, field.key, alias.key));
  }

  template <typename T>
  static bool is_set(const T& value) {
    if constexpr (requires { value.has_value(); })
      return value.has_value();
    else if constexpr (requires { value.empty(); })
      return !value.empty();
    else
      return true;
  }

  // The forms site generators write for lists: "a, b" for tags, a bare address for an image, a bare
  // name for an author, or one object where a list of them belongs.
  template <typename T>
  static Json shaped(const Json& value) {
    if constexpr (std::is_same_v<T, std::vector<std::string>>) {
      if (!value.is_string()) return value;
      Json items = Json::array();
      std::string_view rest = value.get_ref<const std::string&>();
      while (!rest.empty()) {
        const auto comma = rest.find(',');
        const std::string_view item = ascii::trim(rest.substr(0, comma));
        if (!item.empty()) items.push_back(std::string(item));
        rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
      }
      return items;
    } else if constexpr (std::is_same_v<T, std::vector<Image>> || std::is_same_v<T, std::vector<Author>>) {
      const std::string key(std::is_same_v<T, std::vector<Image>> ? key_of(&Image::url) : key_of(&Author::name));
      const auto item = [&](const Json& v) { return v.is_string() ? Json{{key, v}} : v; };
      if (value.is_string() || value.is_object()) return Json::array({item(value)});
      if (!value.is_array()) return value;
      Json items = Json::array();
      for (const Json& v : value) items.push_back(item(v));
      return items;
    } else {
      return value;
    }
  }

  // Where a field's value stood in the header, for `newsnorm fix` (structs without origins, images,
  // skip it). Authors written as a bare name or one object were read from the list `shaped` made of
  // them: their origins are pointed back at where the header wrote the values.
  template <typename S, typename T>
  static void remember_origin(S& out, std::string_view key, const Json& written, const std::string& pointer,
                              T& target) {
    if constexpr (requires { out.origins; }) out.origins.set(key, pointer);
    if constexpr (std::is_same_v<T, std::vector<Author>>) {
      const std::string first = pointer + "/0";
      if (written.is_object() && !target.empty()) target[0].origins.rebase(first, pointer);
      const auto bare = [&](Author& author, const std::string& at) {
        author.origins = {};
        author.origins.set(key_of(&Author::name), at);
      };
      if (written.is_string() && !target.empty()) bare(target[0], pointer);
      if (written.is_array())
        for (std::size_t i = 0; i < written.size() && i < target.size(); ++i)
          if (written[i].is_string()) bare(target[i], pointer + "/" + std::to_string(i));
    }
  }

  void warn(const DiagnosticCode& code, const std::string& pointer, std::string message) {
    warnings_.push_back(make_warning(code, tree_.position(pointer), std::move(message)));
  }
  // A warning the header can be rewritten to silence: the value at `pointer` becomes `to`.
  void warn_fixable(const DiagnosticCode& code, const std::string& pointer, std::string message, const Json& from,
                    Json to) {
    warn(code, pointer, std::move(message));
    warnings_.back().fix = make_value_fix(pointer, from, std::move(to));
  }

  template <typename S>
  Read read(const Field<S>&, const Json& value, const std::string& pointer, S&, std::string& out) {
    std::optional<std::string> text;
    const Read result = read_text(value, pointer, text);
    if (text) out = std::move(*text);
    return result;
  }

  template <typename S>
  Read read(const Field<S>& field, const Json& value, const std::string& pointer, S& owner,
            std::optional<std::string>& out) {
    if (field.rule == Rule::date) return read_date(value, pointer, out, extra_of(owner), key_);
    if (field.rule == Rule::verbatim) {  // opaque: only text fits, and it stays as it is
      if (!value.is_string() && !value.is_null()) return Read::wrong_type;
      if (value.is_string()) out = value.get<std::string>();
      return Read::ok;
    }
    return read_text(value, pointer, out);
  }

  template <typename S>
  Read read(const Field<S>&, const Json& value, const std::string& pointer, S&, std::optional<std::int64_t>& out) {
    if (value.is_null()) return Read::ok;
    if (value.is_number_integer()) {
      out = value.get<std::int64_t>();
      return Read::ok;
    }
    if (value.is_number_float()) {
      const double number = value.get<double>();
      if (std::trunc(number) != number || std::fabs(number) > 9e15) return Read::wrong_type;
      out = static_cast<std::int64_t>(number);
    } else if (value.is_string()) {
      const auto& text = value.get_ref<const std::string&>();
      std::int64_t number = 0;
      const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
      if (ec != std::errc() || end != text.data() + text.size() || text.empty()) return Read::wrong_type;
      out = number;
    } else {
      return Read::wrong_type;
    }
    warn_fixable(code::field_coerced, pointer,
                 fmt::format("{} is {}, read as the integer {}", display_pointer(pointer), describe(value), *out),
                 value, *out);
    return Read::ok;
  }

  template <typename S>
  Read read(const Field<S>&, const Json& value, const std::string& pointer, S&, std::optional<bool>& out) {
    if (value.is_null()) return Read::ok;
    if (value.is_boolean()) {
      out = value.get<bool>();
      return Read::ok;
    }
    if (!value.is_string()) return Read::wrong_type;
    const auto& text = value.get_ref<const std::string&>();
    if (text != "true" && text != "false") return Read::wrong_type;
    out = text == "true";
    warn_fixable(code::field_coerced, pointer,
                 fmt::format("{} is {}, read as {}", display_pointer(pointer), describe(value), text), value, *out);
    return Read::ok;
  }

  template <typename S>
  Read read(const Field<S>&, const Json& value, const std::string& pointer, S&, std::vector<std::string>& out) {
    if (value.is_null()) return Read::ok;
    if (!value.is_array()) return Read::wrong_type;
    std::vector<std::string> items;
    for (std::size_t i = 0; i < value.size(); ++i) {
      std::optional<std::string> item;
      std::string child = pointer;
      append_pointer_token(child, std::to_string(i));
      if (value[i].is_null() || read_text(value[i], child, item) != Read::ok) return Read::wrong_type;
      items.push_back(std::move(*item));
    }
    out = std::move(items);
    return Read::ok;
  }

  // Images and related entries: one item of the wrong shape sends the whole list to extra, since a
  // partial list would drop data.
  template <typename S, typename Item>
  requires(std::is_same_v<Item, Image> || std::is_same_v<Item, Related> || std::is_same_v<Item, Author>) Read
      read(const Field<S>&, const Json& value, const std::string& pointer, S&, std::vector<Item>& out) {
    if (value.is_null()) return Read::ok;
    if (!value.is_array()) return Read::wrong_type;
    if (!std::all_of(value.begin(), value.end(), [](const Json& item) { return item.is_object(); }))
      return Read::wrong_type;
    std::vector<Item> items(value.size());
    for (std::size_t i = 0; i < value.size(); ++i) {
      std::string child = pointer;
      append_pointer_token(child, std::to_string(i));
      read_object(value[i], child, items[i]);
    }
    out = std::move(items);
    return Read::ok;
  }

  template <typename S>
  Read read(const Field<S>&, const Json& value, const std::string& pointer, S&, std::optional<Provider>& out) {
    if (value.is_null()) return Read::ok;
    if (!value.is_object()) return Read::wrong_type;
    Provider provider;
    read_object(value, pointer, provider);
    out = std::move(provider);
    return Read::ok;
  }

  // Values kept as given (a provider's logos and authors): a list, or nothing.
  template <typename S>
  Read read(const Field<S>&, const Json& value, const std::string&, S&, Json& out) {
    if (!value.is_array() && !value.is_null()) return Read::wrong_type;
    out = value;
    return Read::ok;
  }

  // Fields that never come from a header (source, warnings).
  template <typename S, typename T>
  Read read(const Field<S>&, const Json&, const std::string&, S&, T&) {
    return Read::wrong_type;
  }

  // Text fields: numbers and booleans become their text (a YAML plain scalar like 2021 is a
  // number to the parser, text to the author), with a warning; lists and mappings do not fit.
  Read read_text(const Json& value, const std::string& pointer, std::optional<std::string>& out) {
    if (value.is_null()) return Read::ok;
    if (value.is_string()) {
      out = value.get<std::string>();
      return Read::ok;
    }
    if (!value.is_primitive()) return Read::wrong_type;
    out = value.is_boolean() ? (value.get<bool>() ? "true" : "false") : value.dump();
    warn_fixable(code::field_coerced, pointer,
                 fmt::format("{} is {}, read as the text \"{}\"", display_pointer(pointer), describe(value), *out),
                 value, *out);
    return Read::ok;
  }

  // RFC 3339 in UTC; a value that is no date becomes null, and the original stays under extra.
  Read read_date(const Json& value, const std::string& pointer, std::optional<std::string>& out, Json& extra,
                 std::string_view key) {
    if (value.is_null()) return Read::ok;
    if (!value.is_string()) return Read::wrong_type;
    const auto& text = value.get_ref<const std::string&>();
    const std::optional<Timestamp> read = read_timestamp(text, assume_offset_minutes_);
    if (read) out = read->utc;
    if (!out) {
      warn(code::field_date, pointer,
           fmt::format("{} is {}, which is not a date this tool reads (use RFC 3339, such as "
                       "2020-05-19T15:00:00Z); it is null here and kept under extra.{}",
                       display_pointer(pointer), describe(value), key));
      extra[std::string(key)] = value;
    } else if (*out != text) {
      const std::string zone = !read->zone_assumed      ? ""
                               : assume_offset_minutes_ ? " (it names no zone: read in the --assume-tz zone)"
                                                        : " (it names no zone: read as UTC; see --assume-tz)";
      warn_fixable(code::field_date, pointer,
                   fmt::format("{} \"{}\" was written in UTC as \"{}\"{}", display_pointer(pointer), text, *out, zone),
                   value, *out);
    }
    return Read::ok;
  }

  const HeaderTree& tree_;
  const Vocabulary& vocabulary_;
  std::optional<int> assume_offset_minutes_;
  std::vector<Diagnostic>& warnings_;
  std::string key_;  // the header key being read: where an unreadable date is kept under extra
};

std::size_t count_code_points(std::string_view text) {
  std::size_t count = 0;
  for (const char c : text) count += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return count;
}

// The article's address before the normalizer chooses: the first url candidate given.
std::optional<std::string> primary_url(const Article& a) {
  for (const UrlCandidate& candidate : url_candidates(a))
    if (*candidate.value) return *candidate.value;
  return std::nullopt;
}

}  // namespace

Result<Article> build_article(const HeaderTree& header, std::string_view body, Source source, const Limits& limits,
                              const ModelOptions& model) {
  Article article;
  article.source = std::move(source);
  // The header's own `type`, read below, wins over the configuration's.
  if (!model.default_type.empty()) article.type = std::string(model.default_type);
  // A body of blank lines is no body: "" rather than the newline that follows the closing '---'.
  if (body.find_first_not_of(" \t\n") != std::string_view::npos) article.body = std::string(body);
  article.warnings = header.warnings;
  const Json& root = header.value;
  article.header_digest = stable_id(root.dump());
  if (root.is_null()) {
    article.warn(code::front_matter_empty, header.position(""), "the front matter is empty");
    article.url = primary_url(article);
    return article;
  }
  if (!root.is_object())
    return make_error(code::front_matter_not_mapping, header.position(""),
                      fmt::format("the front matter is {}, not a mapping of keys to values; nothing in it can "
                                  "be read as an article's fields",
                                  describe(root)));
  const std::string related_key(key_of(&Article::related));
  if (const auto related = root.find(related_key);
      related != root.end() && related->is_array() && related->size() > limits.max_related)
    return make_error(code::limit_related, header.position("/" + related_key),
                      fmt::format("{} has {} entries, over the limit of {}; raise it with --max-related", related_key,
                                  related->size(), limits.max_related));
  FieldReader(header, model.vocabulary ? *model.vocabulary : Vocabulary::builtin(), limits.assume_offset_minutes,
              article.warnings)
      .read_object(root, "", article);
  article.url = primary_url(article);
  return article;
}

Article build_text_article(std::string_view text, Source source) {
  Article article;
  article.source = std::move(source);
  const auto first_end = text.find('\n');
  if (first_end != std::string_view::npos) {
    const std::string_view first = text.substr(0, first_end);
    const std::string_view rest = text.substr(first_end + 1);
    const auto second_end = rest.find('\n');
    const std::string_view second = rest.substr(0, second_end);
    const bool blank_follows = second.find_first_not_of(" \t") == std::string_view::npos;
    const bool has_words = first.find_first_not_of(" \t") != std::string_view::npos;
    if (blank_follows && has_words && count_code_points(first) <= kMaxTitleCharacters) {
      article.title = std::string(first);
      article.body = second_end == std::string_view::npos ? std::string() : std::string(rest.substr(second_end + 1));
      return article;
    }
  }
  article.body = std::string(text);
  return article;
}

}  // namespace newsnorm
