// The Flink facts the checker asks about (see compiler/target/dialect.h).
#pragma once

#include "compiler/target/dialect.h"

namespace schemac::backends::flink {
auto TheDialect() -> const target::Dialect&;
}
