// The Firebolt facts the checker asks about (see compiler/target/dialect.h); Firebolt
// has no backend yet, only these.
#pragma once

#include "compiler/target/dialect.h"

namespace schemac::backends::firebolt {
auto TheDialect() -> const target::Dialect&;
}
