// Disk and git file providers, and the line table of the source manager.
#include "compiler/source/source.h"

#include "compiler/source/utf8.h"

#include <fcntl.h>
#include <sys/stat.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

namespace schemac::source {
namespace fs = std::filesystem;

namespace {

class DiskProvider final : public Provider {
 public:
  auto Read(const std::string& path, std::string* why) -> std::optional<std::string> override {
    // open(2) itself, so that the reason is the system's: ENOENT, EACCES,
    // ENOTDIR (a parent is a file), EISDIR (checked: open succeeds on a
    // directory for reading).
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return Fail(errno, why);
    struct stat st {};
    if (::fstat(fd, &st) != 0 || S_ISDIR(st.st_mode)) {
      int err = S_ISDIR(st.st_mode) ? EISDIR : errno;
      ::close(fd);
      return Fail(err, why);
    }
    std::string text;
    std::array<char, 65536> buf;
    for (;;) {
      ssize_t n = ::read(fd, buf.data(), buf.size());
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) {
        int err = errno;
        ::close(fd);
        return Fail(err, why);
      }
      if (n == 0) break;
      text.append(buf.data(), static_cast<size_t>(n));
    }
    ::close(fd);
    return text;
  }
  auto ListSchemaFiles(const std::string& dir) -> std::optional<std::vector<std::string>> override {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) return std::nullopt;
    std::vector<std::string> out;
    for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
      if (it->is_regular_file() && it->path().extension() == ".schema") out.push_back(it->path().string());
    }
    std::sort(out.begin(), out.end());
    return out;
  }
  auto IsDirectory(const std::string& path) -> bool override {
    std::error_code ec;
    return fs::is_directory(path, ec);
  }
  auto Describe() const -> std::string override { return "the working tree"; }

 private:
  /// strerror's text in lower case ("permission denied"), as diagnostics write it.
  static auto Fail(int err, std::string* why) -> std::optional<std::string> {
    if (why) {
      *why = err == ENOENT ? kNoSuchFile : std::strerror(err);
      if (!why->empty()) (*why)[0] = static_cast<char>(std::tolower(static_cast<unsigned char>((*why)[0])));
    }
    return std::nullopt;
  }
};

/// Runs a command with argv (no shell) and captures stdout; returns exit
/// status. `input`, when given, is the command's stdin (through a temporary
/// file, so that a large input and a large output cannot block each other).
/// posix_spawn, not fork: copying the page tables of a compiler holding a
/// large catalog costs more than the command itself.
auto RunCapture(const std::vector<std::string>& argv, std::string& out, const std::string* input = nullptr) -> int {
  int pipefd[2];
  if (pipe(pipefd) != 0) return -1;
  int in_fd = -1;
  if (input) {
    char name[] = "/tmp/schemac-git-XXXXXX";
    in_fd = mkstemp(name);
    if (in_fd < 0) return -1;
    unlink(name);
    if (write(in_fd, input->data(), input->size()) != static_cast<ssize_t>(input->size()) || lseek(in_fd, 0, SEEK_SET) != 0) {
      close(in_fd);
      return -1;
    }
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, pipefd[1], 1);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  if (in_fd >= 0) posix_spawn_file_actions_adddup2(&actions, in_fd, 0);
  posix_spawn_file_actions_addclose(&actions, pipefd[0]);
  posix_spawn_file_actions_addclose(&actions, pipefd[1]);
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  int spawned = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(pipefd[1]);
  if (in_fd >= 0) close(in_fd);
  if (spawned != 0) {
    close(pipefd[0]);
    return -1;
  }
  std::array<char, 65536> buf;
  ssize_t n;
  while ((n = read(pipefd[0], buf.data(), buf.size())) > 0) out.append(buf.data(), static_cast<size_t>(n));
  close(pipefd[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

auto Normalize(const std::string& path) -> std::string {
  std::string p = fs::path(path).lexically_normal().generic_string();
  if (p.size() > 1 && p.back() == '/') p.pop_back();
  if (p == ".") p.clear();
  return p;
}

class GitProvider final : public Provider {
 public:
  GitProvider(std::string rev, std::string prefix, std::vector<std::string> files)
      : rev_(std::move(rev)), prefix_(std::move(prefix)), files_(std::move(files)) {}

  auto Read(const std::string& path, std::string* why) -> std::optional<std::string> override {
    std::string full = InRepo(path);
    if (!std::binary_search(files_.begin(), files_.end(), full)) {
      if (why) *why = IsDirectory(path) ? "is a directory" : kNoSuchFile;
      return std::nullopt;
    }
    if (!fetched_) FetchSchemaFiles();
    if (auto it = blobs_.find(full); it != blobs_.end()) return it->second;
    std::string out;
    if (RunCapture({"git", "show", rev_ + ":" + full}, out) != 0) {
      if (why) *why = "git show failed";
      return std::nullopt;
    }
    return out;
  }
  auto ListSchemaFiles(const std::string& dir) -> std::optional<std::vector<std::string>> override {
    if (!IsDirectory(dir)) return std::nullopt;
    std::string d = InRepo(dir);
    std::string shown = Normalize(dir);
    std::vector<std::string> out;
    for (const auto& f : files_) {
      if (f.size() < 7 || f.compare(f.size() - 7, 7, ".schema") != 0) continue;
      if (d.empty()) out.push_back(shown.empty() ? f : shown + "/" + f);
      else if (f.size() > d.size() && f.compare(0, d.size(), d) == 0 && f[d.size()] == '/')
        out.push_back((shown.empty() ? "" : shown + "/") + f.substr(d.size() + 1));
    }
    return out;
  }
  auto IsDirectory(const std::string& path) -> bool override {
    std::string d = InRepo(path);
    if (d.empty()) return true;
    for (const auto& f : files_)
      if (f.size() > d.size() && f.compare(0, d.size(), d) == 0 && f[d.size()] == '/') return true;
    return false;
  }
  auto Describe() const -> std::string override { return "git:" + rev_; }
  auto DisplayPath(const std::string& path) const -> std::string override { return "git:" + rev_ + ":" + path; }

 private:
  /// A path given relative to the current directory (or absolute), as a path
  /// inside the repository.
  auto InRepo(const std::string& path) const -> std::string {
    fs::path p(path);
    if (p.is_absolute()) {
      std::error_code ec;
      p = fs::relative(p, fs::current_path(ec), ec);
    }
    return Normalize(prefix_ + p.generic_string());
  }

  /// Every .schema file of the revision, read by one `git cat-file --batch`
  /// (one process, not one per file).
  void FetchSchemaFiles() {
    fetched_ = true;
    std::vector<const std::string*> wanted;
    std::string input;
    for (const auto& f : files_)
      if (f.size() > 7 && f.compare(f.size() - 7, 7, ".schema") == 0) {
        wanted.push_back(&f);
        input += rev_ + ":" + f + "\n";
      }
    std::string out;
    if (wanted.empty() || RunCapture({"git", "cat-file", "--batch"}, out, &input) != 0) return;
    // Each object: "<sha> blob <size>\n<content>\n"; "<name> missing\n" when absent.
    size_t at = 0;
    for (const std::string* f : wanted) {
      size_t eol = out.find('\n', at);
      if (eol == std::string::npos) return;
      std::string header = out.substr(at, eol - at);
      at = eol + 1;
      size_t space = header.rfind(' ');
      if (header.find(" blob ") == std::string::npos || space == std::string::npos) continue;  // missing
      size_t size = std::stoull(header.substr(space + 1));
      if (at + size > out.size()) return;
      blobs_.emplace(*f, out.substr(at, size));
      at += size + 1;
    }
  }

  std::string rev_;
  std::string prefix_;              // path of the current directory inside the repository ("a/b/")
  std::vector<std::string> files_;  // every file at the revision, repository paths, sorted
  bool fetched_ = false;
  std::map<std::string, std::string> blobs_;  // the .schema files, by repository path
};

}  // namespace

auto MakeDiskProvider() -> std::unique_ptr<Provider> { return std::make_unique<DiskProvider>(); }

auto MakeGitProvider(std::string rev, std::string* error) -> std::unique_ptr<Provider> {
  std::string prefix;
  if (RunCapture({"git", "rev-parse", "--show-prefix"}, prefix) != 0) {
    *error = "not inside a git repository";
    return nullptr;
  }
  while (!prefix.empty() && (prefix.back() == '\n')) prefix.pop_back();
  std::string verify;
  if (RunCapture({"git", "rev-parse", "--verify", "--quiet", rev + "^{commit}"}, verify) != 0) {
    *error = "unknown git revision '" + rev + "'";
    return nullptr;
  }
  std::string listing;
  if (RunCapture({"git", "ls-tree", "-r", "--name-only", "--full-tree", rev}, listing) != 0) {
    *error = "cannot list files of git revision '" + rev + "'";
    return nullptr;
  }
  std::vector<std::string> files;
  std::istringstream in(listing);
  for (std::string line; std::getline(in, line);) files.push_back(line);
  std::sort(files.begin(), files.end());
  return std::make_unique<GitProvider>(std::move(rev), std::move(prefix), std::move(files));
}

auto SourceManager::Add(std::string path, std::string text) -> FileId {
  auto f = std::make_unique<File>();
  f->path = std::move(path);
  f->text = std::move(text);
  if (f->text.compare(0, 3, "\xEF\xBB\xBF") == 0) f->text.erase(0, 3);  // a UTF-8 byte-order mark
  f->line_starts.push_back(0);
  for (uint32_t i = 0; i < f->text.size(); ++i)
    if (f->text[i] == '\n') f->line_starts.push_back(i + 1);
  files_.push_back(std::move(f));
  return static_cast<FileId>(files_.size() - 1);
}

auto SourceManager::Line(FileId id, uint32_t line) const -> std::string {
  const File& f = *files_[id];
  if (line == 0 || line > f.line_starts.size()) return {};
  size_t start = f.line_starts[line - 1];
  size_t end = f.text.find('\n', start);
  if (end == std::string::npos) end = f.text.size();
  if (end > start && f.text[end - 1] == '\r') --end;
  return f.text.substr(start, end - start);
}

auto SourceManager::Find(std::string_view needle, SourceRange within) const -> SourceRange {
  if (!within.valid()) return within;
  uint32_t last = std::max(within.line, within.end_line);
  for (uint32_t line = within.line; line <= last; ++line) {
    std::string text = Line(within.file, line);
    size_t from = 0;  // the byte where column `within.col` starts
    if (line == within.line)
      for (uint32_t col = 1; col < within.col && from < text.size(); ++col) from = utf8::Next(text, from);
    auto hit = text.find(needle, from);
    if (hit == std::string::npos) continue;
    uint32_t col = 1 + static_cast<uint32_t>(utf8::CodePoints(std::string_view(text).substr(0, hit)));
    SourceRange r{within.file, line, col, line, col + static_cast<uint32_t>(utf8::CodePoints(needle))};
    r.expansion = within.expansion;
    return r;
  }
  return within;
}

auto SourceManager::AddIteration(Iteration it) -> uint32_t {
  iterations_.push_back(std::move(it));
  return static_cast<uint32_t>(iterations_.size());
}

auto SourceManager::DescribeIteration(uint32_t id) const -> std::string {
  std::vector<const std::string*> chain;
  for (; HasIteration(id); id = GetIteration(id).parent) chain.push_back(&GetIteration(id).binding);
  std::string out;
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) out += (out.empty() ? "" : ", ") + **it;
  return out;
}

}  // namespace schemac::source
