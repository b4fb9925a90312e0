// Loading imports, expanding templates and inlining mixins.
#include "compiler/expand/expand.h"

#include <llvm/ADT/StringRef.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>

#include "compiler/expand/template.h"
#include "compiler/syntax/parse.h"

namespace schemac::expand {
namespace fs = std::filesystem;

auto StdlibDir() -> std::string {
  if (const char* env = std::getenv("SCHEMAC_STDLIB"); env && *env) return env;
  return SCHEMAC_STDLIB_DIR;
}

namespace {

struct Loader {
  source::Provider& files;
  source::SourceManager& sm;
  diag::Engine& diags;
  ast::Unit unit;
  std::map<std::string, size_t> loaded;  // canonical path -> index in unit.files
  std::vector<std::string> stack;        // for cycle reports
  std::map<source::FileId, std::string> real_paths;  // where each file was read from
  std::unique_ptr<source::Provider> disk = source::MakeDiskProvider();

  auto Canonical(const std::string& p) -> std::string { return fs::path(p).lexically_normal().generic_string(); }

  void LoadFile(const std::string& path, source::Provider& from, bool is_std, source::SourceRange at) {
    std::string key = (is_std ? "std:" : "") + Canonical(path);
    for (size_t i = 0; i < stack.size(); ++i) {
      if (stack[i] == key) {
        std::string chain;
        for (size_t j = i; j < stack.size(); ++j) chain += stack[j] + " -> ";
        diags.Emit(diag::Kind::ImportCycle, at, chain + key);
        return;
      }
    }
    if (loaded.count(key)) return;  // importing the same file twice is a no-op
    std::string why;
    auto text = from.Read(path, &why);
    if (!text) {
      if (why != source::kNoSuchFile) diags.Emit(diag::Kind::FileUnreadable, at, at.valid() ? "import " : "", path, why);
      else if (at.valid()) diags.Emit(diag::Kind::ImportNotFound, at, path);
      else diags.Emit(diag::Kind::FileNotFound, at, path);
      return;
    }
    source::FileId id = sm.Add(from.DisplayPath(Canonical(path)), std::move(*text));
    real_paths[id] = Canonical(path);
    ast::File file = syntax::Parse(id, sm, diags);
    file.from_stdlib = is_std;
    loaded[key] = unit.files.size();
    unit.files.push_back(std::move(file));
    size_t index = unit.files.size() - 1;
    stack.push_back(key);
    // Copy the imports first: loading appends to unit.files.
    std::vector<ast::Import> imports;
    CollectImports(unit.files[index].decls, imports);
    for (const auto& im : imports) {
      if (im.is_module) {
        std::string mod = im.path;
        if (mod.rfind("std.", 0) != 0) {
          diags.Emit(diag::Kind::UnknownStdModule, im.range, mod).hint =
              "standard library modules start with 'std.'; import a file with a quoted path";
          continue;
        }
        std::string rel = mod.substr(4);
        for (auto& c : rel)
          if (c == '.') c = '/';
        std::string p = StdlibDir() + "/std/" + rel + ".schema";
        if (!disk->Read(p)) {
          std::vector<std::string> names;
          if (auto list = disk->ListSchemaFiles(StdlibDir() + "/std"))
            for (auto& f : *list) names.push_back("std." + fs::path(f).stem().string());
          auto& d = diags.Emit(diag::Kind::UnknownStdModule, im.range, mod);
          d.hint = diag::DidYouMean(mod, names);
          continue;
        }
        LoadFile(p, *disk, true, im.range);
      } else {
        std::string base = fs::path(real_paths[id]).parent_path().generic_string();
        std::string p = is_std || im.path.empty() || im.path[0] == '/' ? im.path
                        : base.empty() ? im.path : base + "/" + im.path;
        LoadFile(p, is_std ? *disk : from, is_std, im.range);
      }
    }
    stack.pop_back();
  }

  static void CollectImports(const std::vector<ast::Decl>& decls, std::vector<ast::Import>& out) {
    for (const auto& d : decls) {
      if (auto* im = std::get_if<ast::Import>(&d.node)) out.push_back(*im);
      if (auto* s = std::get_if<ast::Schema>(&d.node)) CollectImports(s->decls, out);
    }
  }
};

struct MixinExpander {
  source::SourceManager& sm;
  diag::Engine& diags;
  std::map<std::string, const ast::Table*> mixins;
  std::map<std::string, std::vector<ast::TableItem>> expanded;  // memo
  std::vector<std::string> stack;

  static auto Key(const ast::Name& n) -> std::string { return model_key(n); }
  static auto model_key(const ast::Name& n) -> std::string {
    return n.quoted ? n.text : llvm::StringRef(n.text).lower();
  }

  void Collect(std::vector<ast::Decl>& decls) {
    for (auto& d : decls) {
      if (auto* t = std::get_if<ast::Table>(&d.node); t && t->is_mixin) {
        std::string k = Key(t->name.name);
        auto [it, inserted] = mixins.emplace(k, t);
        if (!inserted) {
          auto& e = diags.Emit(diag::Kind::DuplicateMixin, t->name.range, t->name.name.text);
          e.notes.push_back({it->second->name.range, "previous definition is here"});
        }
      }
      if (auto* s = std::get_if<ast::Schema>(&d.node)) Collect(s->decls);
    }
  }

  /// Whether a table includes a mixin; most do not, and their items stay where they are.
  static auto HasInclude(const std::vector<ast::TableItem>& items) -> bool {
    return std::any_of(items.begin(), items.end(), [](const ast::TableItem& i) { return std::holds_alternative<ast::Include>(i); });
  }

  /// The items of `items` with every include replaced by the mixin's items.
  auto ExpandItems(const std::vector<ast::TableItem>& items) -> std::vector<ast::TableItem> {
    std::vector<ast::TableItem> out;
    size_t size = items.size();  // with what the mixins already expanded bring
    for (const auto& item : items)
      if (auto* inc = std::get_if<ast::Include>(&item))
        if (auto memo = expanded.find(Key(inc->mixin.name)); memo != expanded.end()) size += memo->second.size();
    out.reserve(size);
    for (const auto& item : items) {
      auto* inc = std::get_if<ast::Include>(&item);
      if (!inc) {
        out.push_back(item);
        continue;
      }
      std::string k = Key(inc->mixin.name);
      auto it = mixins.find(k);
      if (it == mixins.end()) {
        std::vector<std::string> names;
        for (auto& [n, _] : mixins) names.push_back(n);
        auto& d = diags.Emit(diag::Kind::UnknownMixin, inc->mixin.range, inc->mixin.name.text);
        d.hint = diag::DidYouMean(k, names);
        if (d.hint.empty()) {
          std::string std_name = diag::DidYouMean(k, {"timestamps", "cdc"});
          if (k == "timestamps" || k == "cdc") d.hint = "add 'import std." + k + "' to use the standard library mixin";
          else if (!std_name.empty()) d.hint = std_name + " (from the standard library: import std.timestamps / std.cdc)";
        }
        continue;
      }
      if (std::find(stack.begin(), stack.end(), k) != stack.end()) {
        std::string chain;
        for (auto& s : stack) chain += s + " -> ";
        diags.Emit(diag::Kind::MixinCycle, inc->range, chain + k);
        continue;
      }
      auto memo = expanded.find(k);
      if (memo == expanded.end()) {
        stack.push_back(k);
        auto body = ExpandItems(it->second->items);
        stack.pop_back();
        memo = expanded.emplace(k, std::move(body)).first;
      }
      out.insert(out.end(), memo->second.begin(), memo->second.end());
    }
    return out;
  }

  void Rewrite(std::vector<ast::Decl>& decls) {
    for (auto& d : decls) {
      if (auto* t = std::get_if<ast::Table>(&d.node); t && !t->is_mixin && HasInclude(t->items)) {
        t->items = ExpandItems(t->items);
        StampIteration(t->items, t->range.expansion, sm, diags);
      }
      if (auto* s = std::get_if<ast::Schema>(&d.node)) Rewrite(s->decls);
    }
  }
};

}  // namespace

auto Load(const std::vector<std::string>& paths, source::Provider& files, source::SourceManager& sm,
          diag::Engine& diags) -> ast::Unit {
  Loader loader{files, sm, diags, {}, {}, {}, {}};
  for (const auto& p : paths) {
    if (files.IsDirectory(p)) {
      auto list = files.ListSchemaFiles(p);
      if (!list || list->empty()) {
        diags.Emit(diag::Kind::NoInputFiles, source::SourceRange{}, p);
        continue;
      }
      for (const auto& f : *list) loader.LoadFile(f, files, false, source::SourceRange{});
    } else {
      loader.LoadFile(p, files, false, source::SourceRange{});
    }
  }
  return std::move(loader.unit);
}

void Expand(ast::Unit& unit, source::SourceManager& sm, diag::Engine& diags) {
  ExpandTemplates(unit, sm, diags);
  if (diags.has_errors()) return;
  MixinExpander ex{sm, diags, {}, {}, {}};
  for (auto& f : unit.files) ex.Collect(f.decls);
  // Every mixin is expanded once, used or not, so that its own mistakes
  // (unknown includes, cycles) are reported.
  for (auto& [name, mixin] : ex.mixins) {
    if (ex.expanded.count(name)) continue;
    ex.stack.push_back(name);
    auto body = ex.ExpandItems(mixin->items);
    ex.stack.pop_back();
    ex.expanded.emplace(name, std::move(body));
  }
  for (auto& f : unit.files) ex.Rewrite(f.decls);
}

}  // namespace schemac::expand
