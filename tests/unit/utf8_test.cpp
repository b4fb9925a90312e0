// The UTF-8 helpers of compiler/source/utf8.h: code points counted, stepped
// over and never cut; encoding; the first invalid byte found with its line
// and column.
#include <catch2/catch.hpp>

#include "compiler/source/utf8.h"

using namespace schemac::source;

TEST_CASE("utf8: code points are counted, stepped over and not cut", "[utf8]") {
  const std::string s = "aé☃😀";  // 1, 2, 3 and 4 bytes
  CHECK(utf8::CodePoints(s) == 4);
  CHECK(utf8::CodePoints("") == 0);
  CHECK(utf8::Next(s, 0) == 1);
  CHECK(utf8::Next(s, 1) == 3);
  CHECK(utf8::Next(s, 3) == 6);
  CHECK(utf8::Next(s, 6) == 10);
  CHECK(utf8::Next(s, 10) == 10);
  CHECK(utf8::Boundary(s, 2) == 1);  // inside é
  CHECK(utf8::Boundary(s, 5) == 3);  // inside ☃
  CHECK(utf8::Boundary(s, 6) == 6);
  CHECK(utf8::Boundary(s, 99) == s.size());
  CHECK(utf8::IsContinuation(static_cast<unsigned char>(s[2])));
  CHECK_FALSE(utf8::IsContinuation('a'));
}

TEST_CASE("utf8: code points are encoded in 1 to 4 bytes", "[utf8]") {
  std::string out;
  for (uint32_t cp : {0x61u, 0xE9u, 0x2603u, 0x1F600u}) utf8::Append(out, cp);
  CHECK(out == "aé☃😀");
}

TEST_CASE("utf8: the first invalid byte is found by line and column", "[utf8]") {
  CHECK_FALSE(utf8::FirstInvalid("table t {\n  é ☃ 😀\n}\n").has_value());
  auto at = [](const std::string& s) { return utf8::FirstInvalid(s).value_or(std::make_pair(0u, 0u)); };
  CHECK(at("ab\né\xff") == std::make_pair(2u, 2u));      // a byte no sequence starts with
  CHECK(at("a\x80") == std::make_pair(1u, 2u));          // a stray continuation byte
  CHECK(at("x\xC3") == std::make_pair(1u, 2u));          // cut short at the end
  CHECK(at("\xE2\x98z") == std::make_pair(1u, 1u));      // cut short before a letter
  CHECK(at("\xC0\xAF") == std::make_pair(1u, 1u));       // overlong
}
