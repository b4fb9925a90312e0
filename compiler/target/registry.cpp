// The list of backends. A new target adds one line here.
#include "backends/postgres/backend.h"
#include "compiler/target/target.h"

namespace schemac::target {

auto FindBackend(std::string_view name) -> std::unique_ptr<Backend> {
  if (name == "postgres") return backends::postgres::MakeBackend();
  return nullptr;
}

}  // namespace schemac::target
