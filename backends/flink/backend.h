// The Flink backend: target::FindBackend("flink").
#pragma once

#include <memory>

#include "compiler/target/target.h"

namespace schemac::backends::flink {
auto MakeBackend() -> std::unique_ptr<target::Backend>;
}
