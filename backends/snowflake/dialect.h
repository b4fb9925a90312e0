// The Snowflake facts the checker asks about (see compiler/target/dialect.h); Snowflake
// has no backend yet, only these.
#pragma once

#include "compiler/target/dialect.h"

namespace schemac::backends::snowflake {
auto TheDialect() -> const target::Dialect&;
}
