#include "newsnorm/normalize/registrable_domain.hpp"

#include <arpa/inet.h>
#include <libpsl.h>

#include <algorithm>

#include "newsnorm/core/utf8.hpp"

namespace newsnorm {
namespace {

// The newest list at hand: psl_latest() takes Debian's /usr/share/publicsuffix DAFSA when it is newer
// than the copy built into libpsl, else the built-in one. Loaded once and never changed; libpsl's
// lookups on a shared context are thread-safe. The context lives as long as the process.
const psl_ctx_t* psl() {
  static const psl_ctx_t* const context = []() -> const psl_ctx_t* {
    if (const psl_ctx_t* latest = psl_latest(nullptr)) return latest;
    return psl_builtin();  // may be null too when libpsl was built without a list
  }();
  return context;
}

enum class HostKind { invalid, name, ip };

struct Host {
  HostKind kind = HostKind::invalid;
  std::string text;  // lower-cased, without the trailing dot
};

bool is_ip_literal(const std::string& text) {
  unsigned char address[16];
  if (text.size() > 2 && text.front() == '[' && text.back() == ']')
    return inet_pton(AF_INET6, text.substr(1, text.size() - 2).c_str(), address) == 1;
  return inet_pton(AF_INET, text.c_str(), address) == 1 || inet_pton(AF_INET6, text.c_str(), address) == 1;
}

bool is_host_byte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c >= 0x80;
}

// At most 253 characters in labels of 1 to 63, made of letters, digits, '-', '_' or non-ASCII text.
// Lengths count code points, so that an IDN in UTF-8 is judged about as its punycode form would be.
bool is_host_name(std::string_view text) {
  std::size_t chars = 0, label_chars = 0;
  bool label_all_digits = true;
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c & 0xC0) != 0x80 && ++chars > 253) return false;
    if (c == '.') {
      if (label_chars == 0) return false;
      label_chars = 0;
      label_all_digits = true;
      continue;
    }
    if (!is_host_byte(c)) return false;
    if ((c & 0xC0) != 0x80 && ++label_chars > 63) return false;
    label_all_digits = label_all_digits && c >= '0' && c <= '9';
  }
  // An all-digit top-level label is no name: "1.2.3" is a mangled address, not a domain.
  return label_chars > 0 && !label_all_digits;
}

Host normalize(std::string_view input) {
  if (input.ends_with('.')) input.remove_suffix(1);
  if (input.empty()) return {};
  std::string text;
  if (std::all_of(input.begin(), input.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; })) {
    text.assign(input);
    std::transform(text.begin(), text.end(), text.begin(),
                   [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; });
  } else {
    if (!is_valid_utf8(input)) return {};
    const std::string utf8(input);
    char* lower = nullptr;
    if (psl_str_to_utf8lower(utf8.c_str(), "utf-8", nullptr, &lower) != PSL_SUCCESS || lower == nullptr) return {};
    text = lower;
    psl_free_string(lower);
  }
  if (is_ip_literal(text)) return {HostKind::ip, std::move(text)};
  if (!is_host_name(text)) return {};
  return {HostKind::name, std::move(text)};
}

}  // namespace

std::string registrable_domain(std::string_view host) {
  Host normal = normalize(host);
  if (normal.kind != HostKind::name) return std::move(normal.text);
  if (const psl_ctx_t* context = psl()) {
    // NULL when the host is itself a public suffix; then nothing shorter owns it.
    const char* registrable = psl_registrable_domain(context, normal.text.c_str());
    return registrable ? std::string(registrable) : std::move(normal.text);
  }
  // No list at all: the last two labels are the best guess.
  const auto last_dot = normal.text.rfind('.');
  const auto dot =
      last_dot == std::string::npos || last_dot == 0 ? std::string::npos : normal.text.rfind('.', last_dot - 1);
  return dot == std::string::npos ? std::move(normal.text) : normal.text.substr(dot + 1);
}

std::string public_suffix(std::string_view host) {
  const Host normal = normalize(host);
  if (normal.kind != HostKind::name) return {};
  if (const psl_ctx_t* context = psl()) {
    const char* suffix = psl_unregistrable_domain(context, normal.text.c_str());
    return suffix ? std::string(suffix) : std::string();
  }
  const auto dot = normal.text.rfind('.');
  return dot == std::string::npos ? normal.text : normal.text.substr(dot + 1);
}

}  // namespace newsnorm
