// Factory for the Snowflake backend (see compiler/target/target.h).
#pragma once

#include <memory>

#include "compiler/target/target.h"

namespace schemac::backends::snowflake {
auto MakeBackend() -> std::unique_ptr<target::Backend>;
}
