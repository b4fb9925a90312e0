// Factory for the Postgres backend (see compiler/target/target.h).
#pragma once

#include <memory>

#include "compiler/target/target.h"

namespace schemac::backends::postgres {
auto MakeBackend() -> std::unique_ptr<target::Backend>;
/// A live database at `url` ("" = the PG* environment variables).
auto ConnectLive(const std::string& url, std::string& error) -> std::unique_ptr<target::LiveDatabase>;
}
