// The one SQL scanner (sql_scan.h).
#include "compiler/target/sql_scan.h"

#include <cctype>

namespace schemac::target {

auto ScanSql(std::string_view sql) -> std::vector<SqlToken> {
  std::vector<SqlToken> out;
  const size_t n = sql.size();
  auto starts_name = [](char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || (c & 0x80); };
  auto in_name = [&](char c) { return starts_name(c) || std::isdigit(static_cast<unsigned char>(c)) || c == '$'; };
  size_t i = 0;
  while (i < n) {
    const char c = sql[i];
    const size_t start = i;
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
    } else if (c == '-' && i + 1 < n && sql[i + 1] == '-') {
      while (i < n && sql[i] != '\n') ++i;
    } else if (c == '/' && i + 1 < n && sql[i + 1] == '*') {
      auto end = sql.find("*/", i + 2);
      i = end == std::string_view::npos ? n : end + 2;
    } else if (c == '\'' || c == '"') {  // a doubled quote stands for itself
      std::string text;
      for (++i; i < n; ++i) {
        if (sql[i] == c) {
          if (i + 1 < n && sql[i + 1] == c) {
            text += sql[++i];
            continue;
          }
          break;
        }
        text += sql[i];
      }
      i = i < n ? i + 1 : n;
      if (c == '"') out.push_back({SqlToken::Kind::QuotedName, start, i - start, std::move(text)});
      else out.push_back({SqlToken::Kind::String, start, i - start, std::string(sql.substr(start, i - start))});
    } else if (starts_name(c)) {
      while (i < n && in_name(sql[i])) ++i;
      out.push_back({SqlToken::Kind::Name, start, i - start, std::string(sql.substr(start, i - start))});
    } else if (std::isdigit(static_cast<unsigned char>(c))) {
      while (i < n && (std::isalnum(static_cast<unsigned char>(sql[i])) || sql[i] == '.')) ++i;
      out.push_back({SqlToken::Kind::Number, start, i - start, std::string(sql.substr(start, i - start))});
    } else {
      ++i;
      out.push_back({SqlToken::Kind::Symbol, start, 1, std::string(1, c)});
    }
  }
  return out;
}

}  // namespace schemac::target
