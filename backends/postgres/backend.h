// Factory for the Postgres backend (see compiler/target/target.h).
#pragma once

#include <memory>

#include "compiler/target/target.h"

namespace schemac::backends::postgres {
auto MakeBackend() -> std::unique_ptr<target::Backend>;
}
