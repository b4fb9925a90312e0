// Resolution of type names written in .schema source: portable types, their
// SQL aliases, and the native types each target accepts.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "compiler/model/model.h"
#include "compiler/syntax/ast.h"

namespace schemac::check {

/// A portable or native type for a named type reference (without enums), or
/// nullopt if the name is unknown. `error` is set when the arguments are wrong.
auto ResolveBuiltinType(const ast::TypeRef& ref, std::string& error) -> std::optional<model::Type>;

/// Every type name the language knows, for did-you-mean hints.
auto KnownTypeNames() -> std::vector<std::string>;

}  // namespace schemac::check
