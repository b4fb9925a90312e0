// The list of backends and of target dialects. A new target adds one line
// to each here; this is the one file in compiler/ that names backends.
#include "backends/firebolt/backend.h"
#include "backends/firebolt/dialect.h"
#include "backends/flink/backend.h"
#include "backends/flink/dialect.h"
#include "backends/postgres/backend.h"
#include "backends/postgres/dialect.h"
#include "backends/snowflake/backend.h"
#include "backends/snowflake/dialect.h"
#include "compiler/target/dialect.h"
#include "compiler/target/target.h"

#include <algorithm>

namespace schemac::target {

auto FindBackend(std::string_view name) -> std::unique_ptr<Backend> {
  if (name == "postgres") return backends::postgres::MakeBackend();
  if (name == "snowflake") return backends::snowflake::MakeBackend();
  if (name == "firebolt") return backends::firebolt::MakeBackend();
  if (name == "flink") return backends::flink::MakeBackend();
  return nullptr;
}

namespace {
/// Every registered backend, made fresh.
auto AllBackends() -> std::vector<std::unique_ptr<Backend>> {
  std::vector<std::unique_ptr<Backend>> all;
  all.push_back(backends::postgres::MakeBackend());
  all.push_back(backends::snowflake::MakeBackend());
  all.push_back(backends::firebolt::MakeBackend());
  all.push_back(backends::flink::MakeBackend());
  return all;
}
}  // namespace

auto BackendForConnection(const std::string& conn) -> std::unique_ptr<Backend> {
  std::string scheme = UrlScheme(conn);
  for (auto& b : AllBackends()) {
    if (scheme.empty() ? b->ConnectsWithoutScheme() : [&] {
          auto schemes = b->Schemes();
          return std::find(schemes.begin(), schemes.end(), scheme) != schemes.end();
        }())
      return std::move(b);
  }
  return nullptr;
}

auto KnownSchemes() -> std::vector<std::string> {
  std::vector<std::string> out;
  for (const auto& b : AllBackends())
    for (auto& s : b->Schemes()) out.push_back(std::move(s));
  return out;
}

auto Dialects() -> const std::vector<const Dialect*>& {
  static const std::vector<const Dialect*> all = {
      &backends::postgres::TheDialect(),
      &backends::snowflake::TheDialect(),
      &backends::firebolt::TheDialect(),
      &backends::flink::TheDialect(),
  };
  return all;
}

auto FindDialect(std::string_view name) -> const Dialect* {
  for (const auto* d : Dialects())
    if (d->Name() == name) return d;
  return nullptr;
}

auto DefaultDialect() -> const Dialect& { return backends::postgres::TheDialect(); }

}  // namespace schemac::target
