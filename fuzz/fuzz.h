// What the fuzz targets share: the libFuzzer entry point they define, a check
// that turns a broken property into a crash, and an in-memory file provider.
// Each target is built twice: with libFuzzer (clang, -DSCHEMAC_FUZZ=ON) to
// search, and with replay.cpp's main (the normal build) to replay the inputs
// under fuzz/regressions/ in CTest.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

#include "compiler/source/source.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace schemac::fuzz {

/// A property of the pipeline that must hold for every input: when it does
/// not, print why and abort, which libFuzzer reports as a crash.
inline void Require(bool ok, const std::string& what, const std::string& detail = "") {
  if (ok) return;
  std::fprintf(stderr, "fuzz property violated: %s\n%s\n", what.c_str(), detail.c_str());
  std::abort();
}

/// One file, "fuzz.schema", held in memory; every other path is missing.
class MemoryProvider final : public source::Provider {
 public:
  explicit MemoryProvider(std::string text) : text_(std::move(text)) {}
  auto Read(const std::string& path, std::string* why = nullptr) -> std::optional<std::string> override {
    if (path == kPath) return text_;
    if (why) *why = "no such file or directory";
    return std::nullopt;
  }
  auto ListSchemaFiles(const std::string&) -> std::optional<std::vector<std::string>> override { return std::nullopt; }
  auto IsDirectory(const std::string&) -> bool override { return false; }
  auto Describe() const -> std::string override { return "memory"; }

  static constexpr const char* kPath = "fuzz.schema";

 private:
  std::string text_;
};

}  // namespace schemac::fuzz
