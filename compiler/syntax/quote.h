// Quoted strings and identifiers as .schema source spells them. Strings:
// 'text' with '' for a quote. Identifiers: "name" with "" for a
// quote, or, when the name holds a control character (a newline, a tab),
// Postgres's own U&"..." form with \XXXX escapes, so that every name can be
// written on one line and read back exactly.
#pragma once

#include <string>
#include <string_view>

namespace schemac::syntax {

/// `text` as a .schema string literal ('it''s').
auto QuoteString(std::string_view text) -> std::string;

/// `name` as a quoted .schema identifier ("a""b", or U&"a\000Ab").
auto QuoteIdentifier(std::string_view name) -> std::string;

/// The name a QIDENT token stands for ("a""b" -> a"b; U&"a\000Ab" -> a, newline, b).
/// An escape that is not \\, \XXXX or \+XXXXXX is kept as written.
/// An escape Postgres would refuse (not 4 or +6 hex digits, zero, a lone
/// surrogate) is kept as written and, when `bad_escape` is given, the first
/// one is stored there.
auto UnquoteIdentifier(std::string_view token, std::string* bad_escape = nullptr) -> std::string;

}  // namespace schemac::syntax
