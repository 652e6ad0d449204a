#include "newsnorm/model/article_builder.hpp"

#include <charconv>
#include <cmath>
#include <functional>

#include <fmt/format.h>

#include "newsnorm/model/datetime.hpp"
#include "newsnorm/read/text_decoding.hpp"

namespace newsnorm {
namespace {

constexpr std::size_t kMaxTitleCharacters = 200;

// "/related/2/provider/name" -> "related[2].provider.name": how a person names a field.
std::string display_path(std::string_view pointer) {
  std::string out;
  std::size_t start = 1;
  while (start <= pointer.size()) {
    auto end = pointer.find('/', start);
    if (end == std::string_view::npos) end = pointer.size();
    std::string token(pointer.substr(start, end - start));
    for (std::size_t at; (at = token.find("~1")) != std::string::npos;) token.replace(at, 2, "/");
    for (std::size_t at; (at = token.find("~0")) != std::string::npos;) token.replace(at, 2, "~");
    const bool index = !token.empty() && token.find_first_not_of("0123456789") == std::string::npos;
    if (index) out += "[" + token + "]";
    else out += (out.empty() ? "" : ".") + token;
    start = end + 1;
  }
  return out;
}

// A short description of a value for messages: "a list", "the text \"high\"", "the number 3.5".
std::string describe(const Json& value) {
  switch (value.type()) {
    case Json::value_t::array: return "a list";
    case Json::value_t::object: return "a mapping";
    case Json::value_t::string: {
      const auto& text = value.get_ref<const std::string&>();
      // Cut at a character boundary: 40 bytes can end inside "ÿ", and the warning lands in the record.
      if (text.size() > 40) return fmt::format("the text \"{}…\"", utf8_prefix(text, 40));
      return fmt::format("the text \"{}\"", text);
    }
    case Json::value_t::boolean: return value.get<bool>() ? "true" : "false";
    case Json::value_t::null: return "null";
    default: return fmt::format("the number {}", value.dump());
  }
}

// What happened to one field.
enum class Read { ok, wrong_type };

// Reads the fields of one header object into a typed struct: the caller says, per key, how to read it;
// keys it does not know, and values of the wrong type, go to `extra` with a warning.
class FieldReader {
 public:
  FieldReader(const HeaderTree& tree, std::vector<Diagnostic>& warnings) : tree_(tree), warnings_(warnings) {}

  using Handler = std::function<Read(const Json& value, const std::string& pointer)>;

  void warn(const std::string& pointer, std::string message) {
    warnings_.push_back(make_warning(tree_.position(pointer), std::move(message)));
  }

  // Reads `object`; `dispatch(key)` returns a handler for known keys and an empty one for others.
  void read_object(const Json& object, const std::string& pointer, Json& extra,
                   const std::function<Handler(std::string_view key, std::string& expected)>& dispatch) {
    for (const auto& [key, value] : object.items()) {
      std::string child = pointer;
      append_pointer_token(child, key);
      std::string expected;
      const Handler handler = dispatch(key, expected);
      if (!handler) {
        extra[key] = value;
        continue;
      }
      if (handler(value, child) == Read::wrong_type) {
        warn(child, fmt::format("{} should be {} but is {}; it was kept under extra.{} instead",
                                display_path(child), expected, describe(value), key));
        extra[key] = value;
      }
    }
  }

  // Text fields: numbers and booleans become their text (a YAML plain scalar like 2021 is a
  // number to the parser, text to the author), with a warning; lists and mappings do not fit.
  Read text(const Json& value, const std::string& pointer, std::optional<std::string>& out) {
    if (value.is_null()) return Read::ok;
    if (value.is_string()) {
      out = value.get<std::string>();
      return Read::ok;
    }
    if (value.is_primitive()) {
      out = value.is_boolean() ? (value.get<bool>() ? "true" : "false") : value.dump();
      warn(pointer, fmt::format("{} is {}, read as the text \"{}\"", display_path(pointer), describe(value), *out));
      return Read::ok;
    }
    return Read::wrong_type;
  }

  Read integer(const Json& value, const std::string& pointer, std::optional<std::int64_t>& out) {
    if (value.is_null()) return Read::ok;
    if (value.is_number_integer()) {
      out = value.get<std::int64_t>();
      return Read::ok;
    }
    if (value.is_number_float()) {
      const double number = value.get<double>();
      if (std::trunc(number) != number || std::fabs(number) > 9e15) return Read::wrong_type;
      out = static_cast<std::int64_t>(number);
      warn(pointer, fmt::format("{} is {}, read as the integer {}", display_path(pointer), describe(value), *out));
      return Read::ok;
    }
    if (value.is_string()) {
      const auto& text = value.get_ref<const std::string&>();
      std::int64_t number = 0;
      const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
      if (ec != std::errc() || end != text.data() + text.size() || text.empty()) return Read::wrong_type;
      out = number;
      warn(pointer, fmt::format("{} is {}, read as the integer {}", display_path(pointer), describe(value), number));
      return Read::ok;
    }
    return Read::wrong_type;
  }

  Read boolean(const Json& value, const std::string& pointer, std::optional<bool>& out) {
    if (value.is_null()) return Read::ok;
    if (value.is_boolean()) {
      out = value.get<bool>();
      return Read::ok;
    }
    if (value.is_string()) {
      const auto& text = value.get_ref<const std::string&>();
      if (text != "true" && text != "false") return Read::wrong_type;
      out = text == "true";
      warn(pointer, fmt::format("{} is {}, read as {}", display_path(pointer), describe(value), text));
      return Read::ok;
    }
    return Read::wrong_type;
  }

  // RFC 3339 in UTC; a value that is no date becomes null, and the original stays under extra.
  Read date(const Json& value, const std::string& pointer, std::optional<std::string>& out, Json& extra,
            const std::string& key) {
    if (value.is_null()) return Read::ok;
    if (!value.is_string()) return Read::wrong_type;
    const auto& text = value.get_ref<const std::string&>();
    out = to_utc_timestamp(text);
    if (!out) {
      warn(pointer, fmt::format("{} is {}, which is not a date this tool reads (use RFC 3339, such as "
                                "2020-05-19T15:00:00Z); it is null here and kept under extra.{}",
                                display_path(pointer), describe(value), key));
      extra[key] = value;
    } else if (*out != text) {
      warn(pointer, fmt::format("{} \"{}\" was written in UTC as \"{}\"", display_path(pointer), text, *out));
    }
    return Read::ok;
  }

  Read text_list(const Json& value, const std::string& pointer, std::vector<std::string>& out) {
    if (value.is_null()) return Read::ok;
    if (!value.is_array()) return Read::wrong_type;
    std::vector<std::string> items;
    for (std::size_t i = 0; i < value.size(); ++i) {
      std::optional<std::string> item;
      std::string child = pointer;
      append_pointer_token(child, std::to_string(i));
      if (value[i].is_null() || text(value[i], child, item) != Read::ok) return Read::wrong_type;
      items.push_back(std::move(*item));
    }
    out = std::move(items);
    return Read::ok;
  }

  Read image(const Json& value, const std::string& pointer, Image& out) {
    if (!value.is_object()) return Read::wrong_type;
    read_object(value, pointer, out.extra, [&](std::string_view key, std::string& expected) -> Handler {
      if (key == "url" || key == "title") {
        expected = "text";
        auto& field = key == "url" ? out.url : out.title;
        return [&](const Json& v, const std::string& p) { return text(v, p, field); };
      }
      if (key == "width" || key == "height") {
        expected = "an integer";
        auto& field = key == "width" ? out.width : out.height;
        return [&](const Json& v, const std::string& p) { return integer(v, p, field); };
      }
      if (key == "isCached") {
        expected = "true or false";
        return [&](const Json& v, const std::string& p) { return boolean(v, p, out.is_cached); };
      }
      return {};
    });
    return Read::ok;
  }

  template <typename T, typename ReadItem>
  Read list_of(const Json& value, const std::string& pointer, std::vector<T>& out, ReadItem read_item) {
    if (value.is_null()) return Read::ok;
    if (!value.is_array()) return Read::wrong_type;
    std::vector<T> items(value.size());
    for (std::size_t i = 0; i < value.size(); ++i) {
      std::string child = pointer;
      append_pointer_token(child, std::to_string(i));
      // One item of the wrong shape sends the whole list to extra: a partial list would drop data.
      if (!value[i].is_object()) return Read::wrong_type;
      read_item(value[i], child, items[i]);
    }
    out = std::move(items);
    return Read::ok;
  }

  Read images(const Json& value, const std::string& pointer, std::vector<Image>& out) {
    return list_of(value, pointer, out, [&](const Json& v, const std::string& p, Image& item) { image(v, p, item); });
  }

  Read provider(const Json& value, const std::string& pointer, std::optional<Provider>& out) {
    if (value.is_null()) return Read::ok;
    if (!value.is_object()) return Read::wrong_type;
    Provider provider;
    read_object(value, pointer, provider.extra, [&](std::string_view key, std::string& expected) -> Handler {
      if (key == "name" || key == "domain") {
        expected = "text";
        auto& field = key == "name" ? provider.name : provider.domain;
        return [&](const Json& v, const std::string& p) { return text(v, p, field); };
      }
      if (key == "images" || key == "authors") {
        expected = "a list";
        Json& field = key == "images" ? provider.images : provider.authors;
        return [&](const Json& v, const std::string&) {
          if (!v.is_array() && !v.is_null()) return Read::wrong_type;
          field = v;
          return Read::ok;
        };
      }
      return {};
    });
    out = std::move(provider);
    return Read::ok;
  }

  void related_entry(const Json& value, const std::string& pointer, Related& out) {
    read_object(value, pointer, out.extra, [&](std::string_view key, std::string& expected) -> Handler {
      expected = "text";
      if (auto* field = related_text_field(out, key))
        return [this, field](const Json& v, const std::string& p) { return text(v, p, *field); };
      if (key == "publishedDateTime")
        return [&](const Json& v, const std::string& p) {
          return date(v, p, out.published_date_time, out.extra, "publishedDateTime");
        };
      if (key == "provider") {
        expected = "a mapping";
        return [&](const Json& v, const std::string& p) { return provider(v, p, out.provider); };
      }
      if (key == "quality") {
        expected = "an integer";
        return [&](const Json& v, const std::string& p) { return integer(v, p, out.quality); };
      }
      if (key == "images") {
        expected = "a list of images";
        return [&](const Json& v, const std::string& p) { return images(v, p, out.images); };
      }
      return {};
    });
  }

 private:
  static std::optional<std::string>* related_text_field(Related& r, std::string_view key) {
    if (key == "title") return &r.title;
    if (key == "excerpt") return &r.excerpt;
    if (key == "webUrl") return &r.web_url;
    if (key == "originalUrl") return &r.original_url;
    if (key == "ampWebUrl") return &r.amp_web_url;
    if (key == "cdnAmpWebUrl") return &r.cdn_amp_web_url;
    if (key == "type") return &r.type;
    return nullptr;
  }

  const HeaderTree& tree_;
  std::vector<Diagnostic>& warnings_;
};

std::optional<std::string>* article_text_field(Article& a, std::string_view key) {
  if (key == "category") return &a.category;
  if (key == "title") return &a.title;
  if (key == "excerpt") return &a.excerpt;
  if (key == "webUrl") return &a.web_url;
  if (key == "originalUrl") return &a.original_url;
  if (key == "ampWebUrl") return &a.amp_web_url;
  if (key == "cdnAmpWebUrl") return &a.cdn_amp_web_url;
  return nullptr;
}

std::size_t count_code_points(std::string_view text) {
  std::size_t count = 0;
  for (const char c : text) count += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return count;
}

// The article's address: webUrl, else originalUrl, else ampWebUrl.
std::optional<std::string> primary_url(const Article& a) {
  if (a.web_url) return a.web_url;
  if (a.original_url) return a.original_url;
  return a.amp_web_url;
}

}  // namespace

std::variant<Article, Diagnostic> build_article(const HeaderTree& header, std::string_view body, Source source,
                                                const Limits& limits) {
  Article article;
  article.source = std::move(source);
  // A body of blank lines is no body: "" rather than the newline that follows the closing '---'.
  if (body.find_first_not_of(" \t\n") != std::string_view::npos) article.body = std::string(body);
  article.warnings = header.warnings;
  const Json& root = header.value;
  if (root.is_null()) {
    article.warn({1, 1}, "the front matter is empty");
  } else if (!root.is_object()) {
    return make_error({1, 1},
                      fmt::format("the front matter is {}, not a mapping of keys to values; nothing in it can "
                                  "be read as an article's fields",
                                  describe(root)));
  }
  if (const auto related = root.find("related"); related != root.end() && related->is_array() &&
                                                 related->size() > limits.max_related)
    return make_error(header.position("/related"),
                      fmt::format("related has {} entries, over the limit of {}; raise it with --max-related",
                                  related->size(), limits.max_related));

  FieldReader reader(header, article.warnings);
  using Handler = FieldReader::Handler;
  if (root.is_object()) {
    reader.read_object(root, "", article.extra, [&](std::string_view key, std::string& expected) -> Handler {
      expected = "text";
      if (auto* field = article_text_field(article, key))
        return [&, field](const Json& v, const std::string& p) { return reader.text(v, p, *field); };
      if (key == "type")
        return [&](const Json& v, const std::string& p) {
          std::optional<std::string> type;
          const Read read = reader.text(v, p, type);
          if (type) article.type = *type;
          return read;
        };
      if (key == "secured")  // opaque: passed through untouched, so only text fits
        return [&](const Json& v, const std::string&) {
          if (!v.is_string() && !v.is_null()) return Read::wrong_type;
          if (v.is_string()) article.secured = v.get<std::string>();
          return Read::ok;
        };
      if (key == "publishedDateTime")
        return [&](const Json& v, const std::string& p) {
          return reader.date(v, p, article.published_date_time, article.extra, "publishedDateTime");
        };
      if (key == "quality" || key == "heat") {
        expected = "an integer";
        auto& field = key == "quality" ? article.quality : article.heat;
        return [&](const Json& v, const std::string& p) { return reader.integer(v, p, field); };
      }
      if (key == "published") {
        expected = "true or false";
        return [&](const Json& v, const std::string& p) { return reader.boolean(v, p, article.published); };
      }
      if (key == "provider") {
        expected = "a mapping";
        return [&](const Json& v, const std::string& p) { return reader.provider(v, p, article.provider); };
      }
      if (key == "topics") {
        expected = "a list of text";
        return [&](const Json& v, const std::string& p) { return reader.text_list(v, p, article.topics); };
      }
      if (key == "images") {
        expected = "a list of images";
        return [&](const Json& v, const std::string& p) { return reader.images(v, p, article.images); };
      }
      if (key == "related") {
        expected = "a list of articles";
        return [&](const Json& v, const std::string& p) {
          return reader.list_of(v, p, article.related, [&](const Json& item, const std::string& ip, Related& r) {
            reader.related_entry(item, ip, r);
          });
        };
      }
      return {};
    });
  }
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
