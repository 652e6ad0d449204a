// `validate --format junit`: a JUnit XML report, the test-report format GitLab, Jenkins and Azure
// Pipelines read. One <testcase> per input file; an error is a <failure>; warnings go to
// <system-out> (under --strict they are errors, so failures).
#include <fmt/format.h>

#include "newsnorm/core/utf8.hpp"
#include "newsnorm/read/input_files.hpp"
#include "report_writer.hpp"

namespace newsnorm::cli {
namespace {

// Text as XML 1.0 character data or an attribute value: markup characters escaped; characters
// XML 1.0 cannot carry at all (C0 controls but tab, newline and carriage return; U+FFFE, U+FFFF)
// removed; ill-formed UTF-8 repaired to U+FFFD. In attributes, tab, newline and carriage return
// are written as references so attribute normalization keeps them.
std::string xml_escape(std::string_view raw, bool attribute) {
  const std::string text = repair_utf8(raw);
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    char32_t cp = 0;
    std::size_t length = decode_utf8(text, i, cp);
    if (length == 0) length = 1, cp = 0xFFFD;  // cannot happen after repair_utf8; be safe
    const std::string_view bytes(text.data() + i, length);
    i += length;
    switch (cp) {
      case '&': out += "&amp;"; continue;
      case '<': out += "&lt;"; continue;
      case '>': out += "&gt;"; continue;
      case '"': out += attribute ? "&quot;" : "\""; continue;
      case '\t': out += attribute ? "&#9;" : "\t"; continue;
      case '\n': out += attribute ? "&#10;" : "\n"; continue;
      case '\r': out += "&#13;"; continue;
      default: break;
    }
    if (cp < 0x20 || cp == 0xFFFE || cp == 0xFFFF) continue;
    out += bytes;
  }
  return out;
}

// "path:line:col: message", with the parts that are not known left out.
std::string located(const std::string& path, const Diagnostic& d) {
  std::string where = display_name(path);
  if (d.position.line > 0) where += fmt::format(":{}", d.position.line);
  if (d.position.line > 0 && d.position.column > 0) where += fmt::format(":{}", d.position.column);
  return where + ": " + d.message;
}

class JunitWriter final : public ReportWriter {
 public:
  void input(const std::string& path, std::span<const Diagnostic> problems, std::string&) override {
    ++tests_;
    const std::string name = xml_escape(display_name(path), true);
    std::string failures, output;
    for (const Diagnostic& d : problems) {
      if (d.severity == Severity::error) {
        const std::string type = d.code ? std::string(d.code->id) : "error";
        failures += fmt::format("      <failure message=\"{}\" type=\"{}\">{}</failure>\n", xml_escape(d.message, true),
                                xml_escape(type, true), xml_escape(located(path, d), false));
      } else {
        output += xml_escape(fmt::format("{}: {}\n", severity_name(d.severity), located(path, d)), false);
      }
    }
    if (failures.empty() && output.empty()) {
      cases_ += fmt::format("    <testcase classname=\"newsnorm.validate\" name=\"{}\"/>\n", name);
      return;
    }
    if (!failures.empty()) ++failed_tests_;
    cases_ += fmt::format("    <testcase classname=\"newsnorm.validate\" name=\"{}\">\n{}", name, failures);
    if (!output.empty()) cases_ += "      <system-out>" + output + "</system-out>\n";
    cases_ += "    </testcase>\n";
  }

  void finish(std::string& out) override {
    // JUnit's meaning: `failures` counts failed test cases (files with an error), never more than
    // `tests`; `errors` is for tests that could not run, which validate never has.
    const std::string counts =
        fmt::format("tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"0\"", tests_, failed_tests_);
    out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    out += fmt::format("<testsuites name=\"newsnorm validate\" {}>\n", counts);
    out += fmt::format("  <testsuite name=\"newsnorm.validate\" {}>\n", counts);
    out += cases_;
    out += "  </testsuite>\n</testsuites>\n";
  }

 private:
  std::size_t tests_ = 0, failed_tests_ = 0;
  std::string cases_;
};

}  // namespace

std::unique_ptr<ReportWriter> make_junit_writer() { return std::make_unique<JunitWriter>(); }

}  // namespace newsnorm::cli
