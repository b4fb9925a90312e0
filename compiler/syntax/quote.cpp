// Quoted identifiers: see quote.h.
#include "compiler/syntax/quote.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>

#include "compiler/source/utf8.h"

namespace schemac::syntax {
namespace {

auto IsControl(unsigned char c) -> bool { return c < 0x20 || c == 0x7f; }

/// The code point of `digits` hex digits at `s[at]`, or -1.
auto Hex(std::string_view s, size_t at, size_t digits) -> int64_t {
  if (at + digits > s.size()) return -1;
  int64_t v = 0;
  for (size_t i = at; i < at + digits; ++i) {
    char c = s[i];
    int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    if (d < 0) return -1;
    v = v * 16 + d;
  }
  return v <= 0x10FFFF && v != 0 ? v : -1;
}

}  // namespace

auto QuoteString(std::string_view text) -> std::string {
  std::string out = "'";
  for (char c : text) {
    out += c;
    if (c == '\'') out += '\'';
  }
  return out + "'";
}

auto QuoteIdentifier(std::string_view name) -> std::string {
  bool control = false;
  for (unsigned char c : name) control |= IsControl(c);
  std::string out = control ? "U&\"" : "\"";
  for (unsigned char c : name) {
    if (c == '"') {
      out += "\"\"";
    } else if (control && c == '\\') {
      out += "\\\\";
    } else if (control && IsControl(c)) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\%04X", static_cast<unsigned>(c));
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

auto UnquoteIdentifier(std::string_view token, std::string* bad_escape) -> std::string {
  bool unicode = token.size() >= 3 && (token[0] == 'U' || token[0] == 'u') && token[1] == '&';
  if (unicode) token.remove_prefix(2);
  if (token.size() < 2) return "";
  std::string_view body = token.substr(1, token.size() - 2);
  std::string out;
  // One escape at body[i] ('\' first): its code point and length, or -1.
  auto escape = [&](size_t i, size_t& length) -> int64_t {
    bool wide = i + 1 < body.size() && body[i + 1] == '+';
    length = wide ? 8 : 5;
    return Hex(body, i + (wide ? 2 : 1), wide ? 6 : 4);
  };
  for (size_t i = 0; i < body.size(); ++i) {
    char c = body[i];
    if (c == '"' && i + 1 < body.size() && body[i + 1] == '"') {
      out += '"';
      ++i;
    } else if (unicode && c == '\\') {
      if (i + 1 < body.size() && body[i + 1] == '\\') {
        out += '\\';
        ++i;
        continue;
      }
      size_t length = 0;
      int64_t cp = escape(i, length);
      // A surrogate is only valid as the first half of a pair, as in Postgres.
      if (cp >= 0xD800 && cp <= 0xDBFF && i + length < body.size() && body[i + length] == '\\') {
        size_t low_length = 0;
        int64_t low = escape(i + length, low_length);
        if (low >= 0xDC00 && low <= 0xDFFF) {
          cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          length += low_length;
        }
      }
      if (cp < 0 || (cp >= 0xD800 && cp <= 0xDFFF)) {
        if (bad_escape && bad_escape->empty()) bad_escape->assign(body.substr(i, std::min(length, body.size() - i)));
        out += c;
        continue;
      }
      source::utf8::Append(out, static_cast<uint32_t>(cp));
      i += length - 1;
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace schemac::syntax
