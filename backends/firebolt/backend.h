// Factory for the Firebolt backend (see compiler/target/target.h).
#pragma once

#include <memory>

#include "compiler/target/target.h"

namespace schemac::backends::firebolt {
auto MakeBackend() -> std::unique_ptr<target::Backend>;
}
