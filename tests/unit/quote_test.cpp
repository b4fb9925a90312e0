// Quoted identifiers in .schema source and text in script comments: every
// name is written on one line and read back exactly.
#include <catch2/catch.hpp>

#include "compiler/syntax/quote.h"
#include "compiler/syntax/storage.h"
#include "compiler/target/target.h"

using namespace schemac;

TEST_CASE("quote: identifiers round-trip through .schema quoting", "[quote]") {
  for (std::string name : {"plain", "a\"b", "x\\y", "$$", "-- c", "/* c */", "semi;colon", "new\nline", "tab\tcol",
                           "cr\r", "ünï ☃", "\"", "U&\"x\"", "\\000A"}) {
    std::string quoted = syntax::QuoteIdentifier(name);
    INFO(quoted);
    CHECK(quoted.find('\n') == std::string::npos);
    CHECK(syntax::UnquoteIdentifier(quoted) == name);
  }
  CHECK(syntax::QuoteIdentifier("a\"b") == "\"a\"\"b\"");
  CHECK(syntax::QuoteIdentifier("e\nf") == "U&\"e\\000Af\"");
  CHECK(syntax::UnquoteIdentifier("U&\"\\+01F600 \\263A\"") == "😀 ☺");
  CHECK(syntax::UnquoteIdentifier("u&\"x\\\\y\"") == "x\\y");
  CHECK(syntax::UnquoteIdentifier("U&\"bad \\zz\"") == "bad \\zz");  // not an escape: kept
}

TEST_CASE("quote: comment text cannot end its comment line", "[quote]") {
  CHECK(target::CommentText("create_table public.a\nb") == "create_table public.a\\nb");
  CHECK(target::CommentText("x\r\ty\x01") == "x\\r\\ty\\x01");
  CHECK(target::CommentText("ünï ☃") == "ünï ☃");
}

TEST_CASE("storage parameters: numbers bare, other values quoted, names as the writer quotes them", "[quote]") {
  std::vector<std::pair<std::string, std::string>> params = {{"fillfactor", "70"}, {"deduplicate_items", "off"},
                                                             {"ratio", "-0.5"}, {"empty", ""}};
  auto name = [](const std::string& k) { return "<" + k + ">"; };
  auto literal = [](const std::string& v) { return "'" + v + "'"; };
  CHECK(syntax::StorageParams(params, name, literal) ==
        "<fillfactor> = 70, <deduplicate_items> = 'off', <ratio> = -0.5, <empty> = ''");
  CHECK(syntax::StorageParams(std::vector<std::pair<std::string, std::string>>{}, name, literal).empty());
}
