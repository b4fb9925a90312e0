// The one scanner of SQL text in schemac: what the targets' SQL agrees on
// (names, "quoted names", 'strings', numbers, -- and /* */ comments). Who
// reads SQL by its tokens builds on it: the checker finding the relations a
// view body names, a backend finding the identifiers of an expression its
// parser cannot read. What only one target knows (folding names, its cast
// and call syntax) stays in that target's backend.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace schemac::target {

struct SqlToken {
  enum class Kind {
    Name,        // a plain name: a letter, `_` or a byte of a UTF-8 sequence, then also digits and `$`
    QuotedName,  // "a name", `text` without the quotes ("" read as ")
    String,      // 'a string' ('' inside), `text` as written
    Number,      // a digit, then letters, digits and `.`
    Symbol,      // any other character but white space, `text` that character
  };
  Kind kind;
  size_t offset = 0, length = 0;  // the token's bytes in the text
  std::string text;               // Name: as written; QuotedName: the name
};

/// The tokens of `sql`, white space and comments left out. An unterminated
/// string, quoted name or comment runs to the end of the text.
auto ScanSql(std::string_view sql) -> std::vector<SqlToken>;

}  // namespace schemac::target
