// The list of backends. A new target adds one line here.
#include "backends/postgres/backend.h"
#include "compiler/target/target.h"

#include <regex>

namespace schemac::target {

auto RedactUrl(const std::string& url) -> std::string {
  static const std::regex userinfo(R"(^([a-z]+://[^:/@]*):[^@]*@)");
  static const std::regex param(R"(([?&]password=)[^&]*)");
  return std::regex_replace(std::regex_replace(url, userinfo, "$1:***@"), param, "$1***");
}

auto FindBackend(std::string_view name) -> std::unique_ptr<Backend> {
  if (name == "postgres") return backends::postgres::MakeBackend();
  return nullptr;
}

}  // namespace schemac::target
