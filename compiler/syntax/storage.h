// Storage parameters (an index's `with (fillfactor = 70, ...)`) as every
// writer spells them: .schema source from the AST (fmt) or from a catalog
// (inspect --format schema), and SQL (the Postgres backend). Only the quoting
// differs between them, so it is a parameter.
#pragma once

#include <string>

namespace schemac::syntax {

/// Whether a storage parameter's value is written bare (a number) rather than quoted.
inline auto IsBareStorageValue(const std::string& v) -> bool {
  return !v.empty() && v.find_first_not_of("-0123456789.") == std::string::npos;
}

/// `name = value, ...` for `params` (pairs of name and value, in order): each
/// name as `quote_name` writes it, each value bare when it is a number,
/// otherwise as `quote_literal` writes it.
template <class Params, class QuoteName, class QuoteLiteral>
auto StorageParams(const Params& params, QuoteName quote_name, QuoteLiteral quote_literal) -> std::string {
  std::string out;
  for (const auto& [name, value] : params)
    out += (out.empty() ? "" : ", ") + quote_name(name) + " = " +
           (IsBareStorageValue(value) ? value : quote_literal(value));
  return out;
}

}  // namespace schemac::syntax
