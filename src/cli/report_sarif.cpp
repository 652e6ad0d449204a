// `validate --format sarif`: one SARIF 2.1.0 log, for GitHub code scanning, Azure DevOps and
// other static-analysis viewers. Every diagnostic code is a rule; every problem is a result.
#include <fmt/format.h>

#include "newsnorm/core/json_writer.hpp"
#include "report_writer.hpp"

namespace newsnorm::cli {
namespace {

constexpr std::string_view kInformationUri = "https://github.com/newsnorm/newsnorm";

// A path as a URI reference (RFC 3986): unreserved characters, sub-delimiters, ':', '@' and '/'
// stay; every other byte, '%' included, is percent-encoded. A relative path stays relative (SARIF
// viewers resolve it against the checkout); an absolute one becomes a file: URI.
std::string path_uri(const std::string& path) {
  static constexpr std::string_view kKept = "-._~!$&'()*+,;=:@/";
  std::string out = path.starts_with('/') ? "file://" : "";
  for (const char c : path) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z') || (byte >= '0' && byte <= '9') ||
        kKept.find(c) != std::string_view::npos)
      out.push_back(c);
    else
      out += fmt::format("%{:02X}", byte);
  }
  // A first segment holding ':' would read as a scheme.
  if (!path.starts_with('/')) {
    const auto colon = out.find(':'), slash = out.find('/');
    if (colon != std::string::npos && colon < slash) out.replace(colon, 1, "%3A");
  }
  return out;
}

class SarifWriter final : public ReportWriter {
 public:
  void input(const std::string& path, std::span<const Diagnostic> problems, std::string&) override {
    for (const Diagnostic& d : problems) {
      JsonWriter w(results_);
      w.begin_object();
      if (d.code) {
        w.key("ruleId"), w.string(d.code->id);
        const auto rules = all_diagnostic_codes();
        for (std::size_t i = 0; i < rules.size(); ++i)
          if (rules[i] == d.code) w.key("ruleIndex"), w.integer(static_cast<std::int64_t>(i));
      }
      w.key("level"), w.string(severity_name(d.severity));  // SARIF's levels are the same three words
      w.key("message"), w.begin_object(), w.key("text"), w.string(d.message), w.end_object();
      w.key("locations"), w.begin_array(), w.begin_object();
      w.key("physicalLocation"), w.begin_object();
      w.key("artifactLocation"), w.begin_object(), w.key("uri"), w.string(path == "-" ? "stdin" : path_uri(path));
      w.end_object();
      if (d.position.line > 0) {
        w.key("region"), w.begin_object();
        w.key("startLine"), w.integer(d.position.line);
        if (d.position.column > 0) w.key("startColumn"), w.integer(d.position.column);
        w.end_object();
      }
      w.end_object(), w.end_object(), w.end_array();
      w.end_object();
      results_.push_back(',');
    }
  }

  void finish(std::string& out) override {
    if (!results_.empty()) results_.pop_back();  // the last ','
    JsonWriter w(out);
    w.begin_object();
    w.key("$schema"), w.string("https://json.schemastore.org/sarif-2.1.0.json");
    w.key("version"), w.string("2.1.0");
    w.key("runs"), w.begin_array(), w.begin_object();
    w.key("tool"), w.begin_object(), w.key("driver"), w.begin_object();
    w.key("name"), w.string("newsnorm");
    w.key("version"), w.string(NEWSNORM_VERSION);
    w.key("informationUri"), w.string(kInformationUri);
    w.key("rules"), w.begin_array();
    for (const DiagnosticCode* code : all_diagnostic_codes()) {
      w.begin_object();
      w.key("id"), w.string(code->id);
      w.key("shortDescription"), w.begin_object(), w.key("text"), w.string(code->help), w.end_object();
      w.key("help"), w.begin_object(), w.key("text"), w.string(code->help), w.end_object();
      w.end_object();
    }
    w.end_array();
    w.end_object(), w.end_object();  // driver, tool
    w.key("results"), w.begin_array();
    out += results_;  // already-written objects, comma-separated
    w.end_array();
    w.end_object(), w.end_array();  // run, runs
    w.end_object();
    out.push_back('\n');
  }

 private:
  std::string results_;
};

}  // namespace

std::unique_ptr<ReportWriter> make_sarif_writer() { return std::make_unique<SarifWriter>(); }

}  // namespace newsnorm::cli
