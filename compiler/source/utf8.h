// UTF-8 code points, the unit of a column in every SourceRange: counting
// them, stepping over them, cutting a string between two of them, encoding
// one, and finding the first byte that is not valid UTF-8. The one place
// that knows the bit patterns; everything else asks here.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace schemac::source::utf8 {

/// A byte that continues a code point (10xxxxxx) rather than starting one.
inline auto IsContinuation(unsigned char c) -> bool { return (c & 0xC0) == 0x80; }

/// The number of code points in `s` (bytes that start one).
inline auto CodePoints(std::string_view s) -> size_t {
  size_t n = 0;
  for (unsigned char c : s)
    if (!IsContinuation(c)) ++n;
  return n;
}

/// The byte offset just after the code point that starts at `at`.
inline auto Next(std::string_view s, size_t at) -> size_t {
  if (at < s.size()) ++at;
  while (at < s.size() && IsContinuation(static_cast<unsigned char>(s[at]))) ++at;
  return at;
}

/// The largest byte offset at most `n` that does not cut a code point.
inline auto Boundary(std::string_view s, size_t n) -> size_t {
  if (n >= s.size()) return s.size();
  while (n > 0 && IsContinuation(static_cast<unsigned char>(s[n]))) --n;
  return n;
}

/// Appends code point `cp` encoded as UTF-8.
inline void Append(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

/// The length of a well-formed sequence starting at `at` (1 to 4), or 0 when
/// the bytes there are not one: a stray continuation byte, a lead byte that
/// no sequence starts with, a sequence cut short, or a two-byte overlong form.
inline auto SequenceLength(std::string_view s, size_t at) -> size_t {
  unsigned char c = static_cast<unsigned char>(s[at]);
  size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
  if (len == 0 || at + len > s.size()) return 0;
  for (size_t k = 1; k < len; ++k)
    if (!IsContinuation(static_cast<unsigned char>(s[at + k]))) return 0;
  if (len == 2 && c < 0xC2) return 0;  // no overlong forms
  return len;
}

/// The 1-based line and column (in code points) of the first byte of `s`
/// that is not valid UTF-8, or nullopt when all of it is.
inline auto FirstInvalid(std::string_view s) -> std::optional<std::pair<uint32_t, uint32_t>> {
  uint32_t line = 1, col = 1;
  for (size_t i = 0; i < s.size();) {
    size_t len = SequenceLength(s, i);
    if (len == 0) return std::make_pair(line, col);
    if (s[i] == '\n') {
      ++line;
      col = 1;
    } else {
      ++col;
    }
    i += len;
  }
  return std::nullopt;
}

}  // namespace schemac::source::utf8
