// Source files and locations. Every phase reports positions as SourceRange;
// the SourceManager owns file text so that diagnostics can quote the line.
// Files come from a Provider: the disk, or a git revision (`--from git:REV`).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <string>
#include <vector>

namespace schemac::source {

using FileId = uint32_t;
inline constexpr FileId kNoFile = UINT32_MAX;

/// A position in a file: 1-based line and column (columns count code points).
/// `expansion` is set on what a template loop stamped out: the iteration
/// (SourceManager::Iteration), so that diagnostics can say which one.
struct SourceRange {
  FileId file = kNoFile;
  uint32_t line = 0, col = 0;
  uint32_t end_line = 0, end_col = 0;
  uint32_t expansion = 0;  // 0: written, not stamped out
  bool valid() const { return file != kNoFile; }
};

/// Where file text comes from.
class Provider {
 public:
  virtual ~Provider() = default;
  /// The text of `path`, or nullopt when it cannot be read; then `why` (if
  /// given) says why, in lower case: "no such file or directory",
  /// "permission denied", "is a directory", "not a directory", ...
  virtual auto Read(const std::string& path, std::string* why = nullptr) -> std::optional<std::string> = 0;
  /// Every `*.schema` file below `dir`, sorted by path; nullopt if `dir` is not a directory.
  virtual auto ListSchemaFiles(const std::string& dir) -> std::optional<std::vector<std::string>> = 0;
  virtual auto IsDirectory(const std::string& path) -> bool = 0;
  /// A name for messages, e.g. "git:HEAD~1".
  virtual auto Describe() const -> std::string = 0;
  /// How a file read from here is named in messages ("git:HEAD:db.schema").
  virtual auto DisplayPath(const std::string& path) const -> std::string { return path; }
};

auto MakeDiskProvider() -> std::unique_ptr<Provider>;
/// The reason for a failed read that means "there is no such file" (the
/// file-not-found diagnostic); any other reason is file-unreadable.
inline constexpr const char* kNoSuchFile = "no such file or directory";
/// Files as they are at git revision `rev` of the repository containing the
/// current directory; paths are relative to the current directory.
auto MakeGitProvider(std::string rev, std::string* error) -> std::unique_ptr<Provider>;

struct File {
  std::string path;     // as given or resolved, used in messages
  std::string text;
  std::vector<uint32_t> line_starts;  // byte offsets
};

class SourceManager {
 public:
  auto Add(std::string path, std::string text) -> FileId;
  auto Get(FileId id) const -> const File& { return *files_[id]; }
  auto Path(FileId id) const -> const std::string& { return files_[id]->path; }
  /// The text of 1-based `line` without its newline.
  auto Line(FileId id, uint32_t line) const -> std::string;
  auto Size() const -> size_t { return files_.size(); }
  /// Where `needle` is first written in `within` (searching its lines from
  /// its start), as a range of its own; `within` itself when it is not found.
  auto Find(std::string_view needle, SourceRange within) const -> SourceRange;

  /// One iteration of a template loop: `binding` is "tenant = 'acme'", `loop`
  /// the `for` it belongs to, `parent` the enclosing iteration (0: none).
  struct Iteration {
    uint32_t parent = 0;
    std::string binding;
    SourceRange loop;
  };
  /// Records an iteration; returns its id for SourceRange::expansion (never 0).
  auto AddIteration(Iteration it) -> uint32_t;
  auto GetIteration(uint32_t id) const -> const Iteration& { return iterations_[id - 1]; }
  auto HasIteration(uint32_t id) const -> bool { return id != 0 && id <= iterations_.size(); }
  /// "tenant = 'acme', year = 2024": the bindings of `id` and its parents, outermost first.
  auto DescribeIteration(uint32_t id) const -> std::string;

 private:
  std::vector<std::unique_ptr<File>> files_;
  std::vector<Iteration> iterations_;
};

}  // namespace schemac::source
