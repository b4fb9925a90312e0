// The Postgres facts the checker asks about (see compiler/target/dialect.h).
#pragma once

#include "compiler/target/dialect.h"

namespace schemac::backends::postgres {
auto TheDialect() -> const target::Dialect&;
}
