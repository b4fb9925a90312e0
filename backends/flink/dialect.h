// The Flink facts the checker asks about (see compiler/target/dialect.h); Flink
// has no backend yet, only these.
#pragma once

#include "compiler/target/dialect.h"

namespace schemac::backends::flink {
auto TheDialect() -> const target::Dialect&;
}
