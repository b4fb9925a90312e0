// The schemac command line (docs/cli.md). Subcommands: check, plan,
// snapshot, fmt. Each wires the phases in order and can stop after any of
// them with --dump, so every phase can be tested on its own.
#include "compiler/driver/driver.h"

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cmath>
#include <functional>
#include <nlohmann/json.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <limits>
#include <map>
#include <chrono>
#include <set>
#include <sstream>

#include "compiler/check/check.h"
#include "compiler/diff/diff.h"
#include "compiler/driver/dump.h"
#include "compiler/driver/findings.h"
#include "compiler/driver/timing.h"
#include "compiler/driver/verify.h"
#include "compiler/expand/expand.h"
#include "compiler/format/format.h"
#include "compiler/lint/lint.h"
#include "compiler/syntax/parse.h"

namespace schemac::driver {
namespace {

namespace fs = std::filesystem;

struct Output {
  std::string format = "text";  // diagnostics: text | json
};

auto UseColor() -> bool { return isatty(2) && !std::getenv("NO_COLOR"); }

/// Prints the engine's diagnostics to stderr (or `to`).
/// "github" (lint --format github): as text, and as workflow commands on stdout.
void Report(const diag::Engine& diags, const std::string& format, std::ostream& to = std::cerr) {
  if (diags.all().empty()) return;
  if (format == "json") to << diag::RenderJson(diags);
  else to << diag::RenderText(diags, UseColor() && &to == &std::cerr);
  if (format == "github") std::cout << DiagnosticsGithub(diags);
}

/// Writes `text` to `path` atomically: a reader never sees half a file.
auto WriteFile(const std::string& path, const std::string& text, std::string& error) -> bool {
  if (path == "-") {
    std::cout << text;
    return true;
  }
  std::string tmp = path + ".tmp." + std::to_string(getpid());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) {
      error = "cannot write '" + path + "'";
      return false;
    }
    out << text;
    out.close();
    if (!out) {
      std::remove(tmp.c_str());
      error = "cannot write '" + path + "'";
      return false;
    }
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) {
    std::remove(tmp.c_str());
    error = "cannot write '" + path + "': " + ec.message();
    return false;
  }
  return true;
}

/// WriteFile, with a failure reported on stderr as an exit code.
auto WriteOrReport(const std::string& path, const std::string& text) -> int {
  std::string error;
  if (WriteFile(path, text, error)) return kExitOk;
  std::cerr << "error: " << error << "\n";
  return kExitError;
}

/// Everything one compilation needs; the source manager outlives the engine.
struct Session {
  source::SourceManager sm;
  diag::Engine diags{sm};
  std::unique_ptr<target::LiveDatabase> live;  // the database a catalog was read from, if any
  std::string live_url;                        // for messages: password redacted
};

/// A database to connect to: a URL (any scheme; ConnectableDatabase tells
/// whether schemac knows it) or libpq's key=value connection string.
auto IsDatabase(const std::string& s) -> bool {
  return !target::UrlScheme(s).empty() || target::IsKeyValueConnection(s);
}

/// The backend of the database `conn` names (a URL, a key=value string, or
/// "" for the environment); nullptr, with an unsupported-url error, when no
/// backend connects to it.
auto ConnectableDatabase(const std::string& conn, Session& s) -> std::unique_ptr<target::Backend> {
  if (auto b = target::BackendForConnection(conn)) return b;
  std::string known;
  for (const auto& scheme : target::KnownSchemes()) known += (known.empty() ? "" : ", ") + scheme + "://";
  s.diags.Emit(diag::Kind::UnsupportedUrl, {}, target::RedactConnection(conn), target::UrlScheme(conn)).hint =
      "known schemes: " + known + " (or a key=value connection string)";
  return nullptr;
}

/// Keeps only `schemas` of a catalog (all when empty): --schema limits both
/// what is read from a database and what the desired state may change.
void KeepSchemas(catalog::Catalog& c, const std::vector<std::string>& schemas) {
  if (schemas.empty()) return;
  std::erase_if(c.schemas, [&](const catalog::Schema& sch) {
    return std::find(schemas.begin(), schemas.end(), sch.name) == schemas.end();
  });
}

/// Reads a live catalog, notes what is left alone, keeps the connection
/// (s.live stays empty when the connection failed).
auto InspectLive(const std::string& url, const std::vector<std::string>& schemas, const target::Backend& backend,
                 Session& s) -> std::optional<catalog::Catalog> {
  std::string error;
  auto reached = ConnectableDatabase(url, s);
  if (!reached) return std::nullopt;
  if (reached->Name() != backend.Name()) {
    s.diags.Emit(diag::Kind::TargetNotAvailable, {},
                 "'" + target::RedactConnection(url) + "' is a " + std::string(reached->Name()) + " database, not a " +
                     std::string(backend.Name()) + " one")
        .hint = "plan for --target " + std::string(reached->Name()) + ", or connect to a " + std::string(backend.Name()) +
                " database";
    return std::nullopt;
  }
  s.live_url = url.empty() ? "the PG* environment" : target::RedactConnection(url);
  s.live = backend.Connect(url, error);
  if (!s.live) {
    s.diags.Emit(diag::Kind::DatabaseError, {}, "cannot connect to " + s.live_url + ": " + error);
    return std::nullopt;
  }
  bool tty = isatty(2);
  if (tty) std::cerr << "inspecting " << s.live_url << "...\r" << std::flush;
  auto c = s.live->Inspect(schemas, error);
  if (tty) std::cerr << std::string(24 + s.live_url.size(), ' ') << "\r" << std::flush;
  if (!c) {
    s.diags.Emit(diag::Kind::DatabaseError, {}, "cannot read the catalog of " + s.live_url + ": " + error);
    return std::nullopt;
  }
  if (!s.live->Unmanaged().empty()) {
    std::string list;
    size_t shown = 0;
    for (const auto& u : s.live->Unmanaged())
      if (shown++ < 8) list += "\n  " + u;
    if (s.live->Unmanaged().size() > 8) list += "\n  and " + std::to_string(s.live->Unmanaged().size() - 8) + " more";
    s.diags.Add(diag::Kind::Unmanaged, {},
                std::to_string(s.live->Unmanaged().size()) +
                    " thing(s) the .schema files cannot describe are left as they are:" + list);
  }
  return c;
}

/// The dialect a model compiled for `target` is checked by: the target's own,
/// or the default target's when the name is unknown (reported by FindTarget).
auto DialectFor(std::string_view target) -> const target::Dialect& {
  const target::Dialect* d = target::FindDialect(target);
  return d ? *d : target::DefaultDialect();
}

/// Parses, expands and checks `paths` read through `files`, for the target
/// of `dialect`.
auto Compile(const std::vector<std::string>& paths, source::Provider& files, const target::Dialect& dialect, Session& s,
             ast::Unit* keep_ast = nullptr) -> std::optional<model::Realm> {
  ast::Unit unit;
  {
    Phase phase("parse");
    unit = expand::Load(paths, files, s.sm, s.diags);
  }
  if (s.diags.has_errors()) return std::nullopt;
  {
    Phase phase("expand");
    expand::Expand(unit, s.sm, s.diags);
  }
  if (s.diags.has_errors()) return std::nullopt;
  std::optional<model::Realm> realm;
  {
    Phase phase("check");
    realm = check::Check(unit, s.diags, dialect);
  }
  if (keep_ast) *keep_ast = std::move(unit);
  return realm;
}

auto IsSnapshotPath(const std::string& p) -> bool { return p.size() > 5 && p.compare(p.size() - 5, 5, ".json") == 0; }

/// Reads a file named on the command line; a failure is reported with the
/// system's reason (not found, permission denied, is a directory, ...).
auto ReadInput(const std::string& path, Session& s) -> std::optional<std::string> {
  std::string why;
  auto text = source::MakeDiskProvider()->Read(path, &why);
  if (!text) {
    if (why == source::kNoSuchFile) s.diags.Emit(diag::Kind::FileNotFound, {}, path);
    else s.diags.Emit(diag::Kind::FileUnreadable, {}, "", path, why);
  }
  return text;
}

auto ReadSnapshot(const std::string& path, Session& s) -> std::optional<catalog::Catalog> {
  auto text = ReadInput(path, s);
  if (!text) return std::nullopt;
  std::string error;
  Phase phase("snapshot");
  auto c = catalog::FromJson(*text, error);
  if (!c) s.diags.Emit(diag::Kind::BadSnapshot, {}, path + ": " + error);
  return c;
}

/// Extern tables of the desired state are managed elsewhere: the current
/// state's copy is not compared. A schema that the desired state only knows
/// for its extern tables is not the project's: it is left out entirely.
void ForgetExterns(const catalog::Catalog& to, catalog::Catalog& from) {
  for (const auto& e : to.externs) {
    if (!to.FindSchema(e.schema)) {
      std::erase_if(from.schemas, [&](const catalog::Schema& sch) { return sch.name == e.schema; });
      continue;
    }
    for (auto& sch : from.schemas)
      if (sch.name == e.schema) std::erase_if(sch.tables, [&](const catalog::Table& t) { return t.name == e.name; });
  }
}

/// The current state's source lowered: its errors are reported; its
/// warnings and notes (a construct the target drops, a lossy type) are the
/// desired side's to give, once.
auto LowerCurrent(const target::Backend& backend, const model::Realm& realm, Session& s)
    -> std::optional<catalog::Catalog> {
  diag::Engine scratch(s.sm);
  auto c = backend.Lower(realm, scratch);
  for (const auto& d : scratch.all())
    if (d.severity == diag::Severity::Error) s.diags.Add(d);
  return c;
}

/// A catalog from a source spec: "empty", a database (only `schemas`, when
/// given), a snapshot file, git:REV (the same paths at that revision), or
/// .schema paths. `origins`, when given, learns where each object of a
/// catalog read from source was defined (the lint phase points removals there).
auto LoadCatalog(const std::string& spec, const std::vector<std::string>& paths, const std::vector<std::string>& schemas,
                 const target::Backend& backend, Session& s, lint::Origins* origins = nullptr)
    -> std::optional<catalog::Catalog> {
  if (spec == "empty") {
    catalog::Catalog c;
    c.target = std::string(backend.Name());
    return c;
  }
  if (IsDatabase(spec)) return InspectLive(spec, schemas, backend, s);
  std::optional<catalog::Catalog> c;
  if (spec.rfind("git:", 0) == 0) {
    std::string error;
    auto git = source::MakeGitProvider(spec.substr(4), &error);
    if (!git) {
      s.diags.Emit(diag::Kind::GitError, {}, error);
      return std::nullopt;
    }
    auto realm = Compile(paths, *git, DialectFor(backend.Name()), s);
    if (!realm) return std::nullopt;
    c = LowerCurrent(backend, *realm, s);
  } else if (IsSnapshotPath(spec)) {
    c = ReadSnapshot(spec, s);
  } else {
    auto disk = source::MakeDiskProvider();
    std::vector<std::string> p = {spec};
    auto realm = Compile(p, *disk, DialectFor(backend.Name()), s);
    if (!realm) return std::nullopt;
    c = LowerCurrent(backend, *realm, s);
  }
  // The current state is a state, not source: no locations into the
  // desired files (or another revision) and no pending renames.
  if (c && origins) *origins = lint::Origins(*c);
  if (c) catalog::ForgetSource(*c);
  if (c && c->target != backend.Name()) {
    s.diags.Emit(diag::Kind::MixedTargets, {},
                 "the catalog '" + spec + "' is for " + c->target + ", not " + std::string(backend.Name()));
    return std::nullopt;
  }
  return c;
}

auto FindTarget(const std::string& name, Session& s) -> std::unique_ptr<target::Backend> {
  const auto& names = check::TargetNames();
  if (std::find(names.begin(), names.end(), name) == names.end()) {
    s.diags.Emit(diag::Kind::TargetNotAvailable, {}, "unknown target '" + name + "'").hint =
        diag::DidYouMean(name, names).empty() ? "targets: postgres, snowflake, firebolt, flink" : diag::DidYouMean(name, names);
    return nullptr;
  }
  auto b = target::FindBackend(name);
  if (!b)
    s.diags.Emit(diag::Kind::TargetNotAvailable, {}, "the " + name + " backend is not available in this version")
        .hint = "postgres is available today";
  return b;
}

auto DefaultPaths(std::vector<std::string> paths) -> std::vector<std::string> {
  if (paths.empty()) paths.push_back(".");
  return paths;
}

// ---- check ----

struct CheckOptions {
  std::vector<std::string> paths;
  std::string format = "text";
  std::string target;
  bool verify = false;
};

auto RunCheck(const CheckOptions& o) -> int {
  auto check = [&](const std::vector<std::string>& paths, source::Provider& files) {
    auto s = std::make_shared<Session>();
    auto realm = Compile(paths, files, DialectFor(o.target), *s);
    if (realm && !o.target.empty()) {
      if (auto b = FindTarget(o.target, *s)) b->Lower(*realm, s->diags);
    }
    return std::shared_ptr<const diag::Engine>(s, &s->diags);
  };
  if (o.verify) return Verify(DefaultPaths(o.paths), check);
  auto disk = source::MakeDiskProvider();
  auto diags = check(DefaultPaths(o.paths), *disk);
  if (o.format == "json") {
    std::cout << diag::RenderJson(*diags);
  } else {
    Report(*diags, "text");
  }
  return diags->has_errors() ? kExitError : kExitOk;
}

/// The plan changes whose statements run in `batch` (nullptr: in any transaction).
auto TransactionalChanges(const target::Script& script, const target::Batch* batch) -> std::vector<size_t> {
  std::vector<size_t> out;
  for (size_t i = batch ? batch->first : 0; i < (batch ? batch->end : script.statements.size()); ++i)
    if (script.statements[i].transactional && (out.empty() || out.back() != script.statements[i].change))
      out.push_back(script.statements[i].change);
  return out;
}

// ---- plan ----

struct PlanOptions {
  std::vector<std::string> paths;
  std::vector<std::string> schemas;
  std::string target = "postgres";
  std::string from = "empty";
  std::string to;
  std::string format = "sql";
  std::string dump;
  std::string output = "-";
  bool exit_code = false;
  std::vector<std::string> allow;  // --allow RULE
  bool online = false;             // --online
};

/// A setting of the desired source's target block, or `otherwise`.
auto Setting(const catalog::Catalog& c, const std::string& name, const std::string& otherwise) -> std::string {
  auto it = c.settings.find(name);
  return it == c.settings.end() ? otherwise : it->second;
}

/// Online plans (--online, or `online` in the source's target block) use
/// the lock-friendly forms, and every statement waits at most lock_timeout
/// for its lock.
void MakeOnline(plan::Plan& p, const catalog::Catalog& to, bool asked) {
  p.online = asked || Setting(to, "online", "false") == "true";
  if (p.online)
    p.settings = {{"lock_timeout", Setting(to, "lock_timeout", "3s")},
                  {"statement_timeout", Setting(to, "statement_timeout", "0")}};
}

/// What `plan` and `lint` share: the ordered plan between two catalogs, and
/// what the lint phase judged of it.
struct Planned {
  plan::Plan plan;
  catalog::Catalog from, to;
  std::vector<lint::Finding> findings;
};

/// The rules named by --allow; an unknown one is an error with a did-you-mean.
auto AllowedRules(const std::vector<std::string>& names, Session& s) -> std::vector<const lint::Rule*> {
  std::vector<const lint::Rule*> out;
  for (const auto& n : names) {
    if (const lint::Rule* r = lint::FindRule(n)) out.push_back(r);
    else s.diags.Emit(diag::Kind::UnknownRuleOption, {}, n).hint = lint::SuggestRule(n).empty()
                                                                      ? "the rules are listed in docs/rules/"
                                                                      : lint::SuggestRule(n);
  }
  return out;
}

/// Both catalogs of `o`, their changes in order, and the lint phase's
/// findings. nullopt when it stopped, with `exit` set and the diagnostics
/// reported: an error, or a --dump that printed its product.
auto MakePlan(const PlanOptions& o, const target::Backend& backend, const std::string& diag_format, Session& s,
              int& exit) -> std::optional<Planned> {
  auto stop = [&](int code) -> std::optional<Planned> {
    Report(s.diags, diag_format);
    exit = code;
    return std::nullopt;
  };
  std::vector<const lint::Rule*> allowed = AllowedRules(o.allow, s);
  if (s.diags.has_errors()) return stop(kExitError);
  std::vector<std::string> paths = DefaultPaths(o.paths);
  std::vector<model::Allow> allows;
  std::vector<model::SeverityOverride> severities;
  // The desired state: .schema paths (positional, or --to), or a snapshot.
  std::optional<catalog::Catalog> to;
  Session to_session;  // a second connection when both sides are databases
  if (IsDatabase(o.to)) {
    to = InspectLive(o.to, o.schemas, backend, to_session);
    for (const auto& d : to_session.diags.all()) s.diags.Add(d.kind, d.range, d.message).hint = d.hint;
    if (!to) return stop(kExitError);
  } else if (!o.to.empty() && IsSnapshotPath(o.to)) {
    to = ReadSnapshot(o.to, s);
    if (to && to->target != backend.Name()) {
      s.diags.Emit(diag::Kind::MixedTargets, {}, "the catalog '" + o.to + "' is for " + to->target);
      return stop(kExitError);
    }
  } else {
    if (!o.to.empty()) paths = {o.to};
    auto disk = source::MakeDiskProvider();
    ast::Unit unit;  // kept only for --dump=ast|expanded: on 10,000 tables the AST outweighs the model and catalog
    bool keep_ast = o.dump == "ast" || o.dump == "expanded";
    auto realm = Compile(paths, *disk, DialectFor(backend.Name()), s, keep_ast ? &unit : nullptr);
    if (o.dump == "expanded") {
      std::cout << DumpExpanded(unit, s.sm);
      return stop(s.diags.has_errors() ? kExitError : kExitOk);
    }
    if (o.dump == "ast") {
      std::cout << DumpAst(unit, s.sm);
      return stop(s.diags.has_errors() ? kExitError : kExitOk);
    }
    if (!realm) return stop(kExitError);
    if (o.dump == "model") {
      std::cout << DumpModel(*realm);
      exit = kExitOk;
      return std::nullopt;
    }
    allows = std::move(realm->allows);
    severities = std::move(realm->severities);
    Phase phase("lower");
    to = backend.Lower(*realm, s.diags);
  }
  if (!to) return stop(kExitError);
  KeepSchemas(*to, o.schemas);
  if (o.dump == "catalog") {
    Report(s.diags, diag_format);
    std::cout << catalog::ToJson(*to);
    exit = kExitOk;
    return std::nullopt;
  }
  lint::Origins origins;
  auto from = LoadCatalog(o.from, o.paths.empty() && !o.to.empty() && !IsSnapshotPath(o.to) ? std::vector<std::string>{o.to} : paths,
                          o.schemas, backend, s, &origins);
  if (!from) return stop(kExitError);
  KeepSchemas(*from, o.schemas);
  ForgetExterns(*to, *from);
  // Against a database, let it spell the desired expressions its own way.
  if (s.live && !IsDatabase(o.to)) s.live->Normalize(*to, &*from);
  std::vector<diff::Change> changes;
  {
    Phase phase("diff");
    changes = diff::Diff(*from, *to, backend, s.diags);
  }
  if (s.diags.has_errors()) return stop(kExitError);
  if (o.dump == "changes") {
    Report(s.diags, diag_format);
    std::cout << DumpChanges(changes, s.sm);
    exit = kExitOk;
    return std::nullopt;
  }
  Planned out;
  {
    Phase phase("order");
    out.plan = plan::Order(backend, std::move(changes), s.diags);
    MakeOnline(out.plan, *to, o.online);
  }
  {
    Phase phase("lint");
    lint::Options options{.allows = &allows, .severities = &severities, .allow = std::move(allowed), .origins = &origins};
    out.findings = lint::Lint(out.plan, *from, *to, backend, options, s.diags);
  }
  out.from = std::move(*from);
  out.to = std::move(*to);
  return out;
}

auto RunPlan(const PlanOptions& o) -> int {
  Session s;
  std::string diag_format = o.format == "json" ? "json" : "text";
  auto fail = [&]() {
    Report(s.diags, diag_format);
    return kExitError;
  };
  auto backend = FindTarget(o.target, s);
  if (!backend) return fail();
  int exit = kExitOk;
  auto planned = MakePlan(o, *backend, diag_format, s, exit);
  if (!planned) return exit;
  plan::Plan& p = planned->plan;
  std::optional<target::Script> script;
  {
    Phase phase("emit");
    script = backend->Emit(p, s.diags);
  }
  if (!script || s.diags.has_errors()) return fail();
  Report(s.diags, diag_format);  // warnings and notes
  Phase render("render");
  std::string text;
  if (o.format == "sql") text = backend->Render(p, *script);
  else if (o.format == "text") text = PlanText(p, *script, s.sm, planned->findings);
  else {
    text = PlanJson(p, *script, s.sm, planned->findings, &planned->to, backend.get());
    if (s.live) {  // so that `apply --plan` can refuse a changed database, or one too small
      auto j = nlohmann::ordered_json::parse(text);
      j["source_fingerprint"] = s.live->Fingerprint();
      j["lock_estimate"] = s.live->EstimateLocks(p, TransactionalChanges(*script, nullptr), planned->from, planned->to);
      text = j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
    }
  }
  if (int code = WriteOrReport(o.output, text); code != kExitOk) return code;
  return o.exit_code && !p.empty() ? kExitFindings : kExitOk;
}

// ---- lint ----

/// `schemac lint`: the plan's findings; exit 1 when one of error severity
/// is not allowed.
auto RunLint(const PlanOptions& o) -> int {
  Session s;
  std::string diag_format = o.format == "json" ? "json" : o.format == "github" ? "github" : "text";
  auto backend = FindTarget(o.target, s);
  if (!backend) {
    Report(s.diags, diag_format);
    return kExitError;
  }
  int exit = kExitOk;
  auto planned = MakePlan(o, *backend, diag_format, s, exit);
  if (!planned) return exit;
  Report(s.diags, diag_format);  // warnings: unused allows, renames of nothing
  const auto& findings = planned->findings;
  std::string text;
  if (o.format == "json") text = FindingsJson(findings, planned->plan, s.sm);
  else if (o.format == "sarif") text = FindingsSarif(findings, s.sm);
  else if (o.format == "github") text = FindingsGithub(findings, s.sm);
  else if (o.format == "gitlab") text = FindingsGitlab(findings, s.sm);
  else text = FindingsText(findings, planned->plan, s.sm, UseColor() && o.output == "-" && isatty(1));
  if (int code = WriteOrReport(o.output, text); code != kExitOk) return code;
  return lint::Blocking(findings).empty() ? kExitOk : kExitFindings;
}

// ---- inspect ----

struct InspectOptions {
  std::string db;
  std::vector<std::string> schemas;
  std::string format = "json";
  std::string output = "-";
};

auto RunInspect(const InspectOptions& o) -> int {
  Session s;
  auto backend = ConnectableDatabase(o.db, s);
  if (!backend) {
    Report(s.diags, "text");
    return kExitError;
  }
  auto c = InspectLive(o.db, o.schemas, *backend, s);
  Report(s.diags, "text");
  if (!c) return kExitError;
  if (o.format == "schema") {
    // Tables outside the inspected schemas that foreign keys reference are
    // written as `extern table`: read their schemas too.
    std::vector<std::string> unmanaged = s.live->Unmanaged();
    std::vector<std::string> others;
    for (const auto& sch : c->schemas)
      for (const auto& t : sch.tables)
        for (const auto& k : t.constraints)
          if (k.kind == catalog::Constraint::Kind::ForeignKey && !c->FindSchema(k.ref_table.schema) &&
              std::find(others.begin(), others.end(), k.ref_table.schema) == others.end())
            others.push_back(k.ref_table.schema);
    std::optional<catalog::Catalog> outside;
    if (!others.empty()) {
      std::string error;
      outside = s.live->Inspect(others, error);
      if (!outside) {
        s.diags.Emit(diag::Kind::DatabaseError, {}, "cannot read the catalog of " + s.live_url + ": " + error);
        Report(s.diags, "text");
        return kExitError;
      }
    }
    return WriteOrReport(o.output, backend->WriteSource(*c, unmanaged, outside ? &*outside : nullptr));
  }
  return WriteOrReport(o.output, catalog::ToJson(*c));
}

// ---- apply ----

struct ApplyCliOptions {
  std::vector<std::string> paths;
  std::string db;
  std::vector<std::string> schemas;
  bool dry_run = false;
  bool allow_destructive = false;  // an alias of --allow for every DS (data loss) rule
  std::vector<std::string> allow;  // --allow RULE
  std::string lock_timeout;       // "" : the source's `postgres { lock_timeout V }`, else 3s
  std::string statement_timeout;  // "" : the source's, else 0
  bool online = false;
  std::string format = "text";
  std::string plan_file;
  size_t batch = 0;  // changes per transaction; 0: one transaction
};

/// The rules apply allows: --allow, and every data-loss (DS) rule with
/// --allow-destructive.
auto ApplyAllows(const ApplyCliOptions& o, Session& s) -> std::vector<const lint::Rule*> {
  std::vector<const lint::Rule*> out = AllowedRules(o.allow, s);
  if (o.allow_destructive)
    for (const lint::Rule& r : lint::Rules())
      if (r.code.starts_with("DS")) out.push_back(&r);
  return out;
}

/// "changes 1-10", numbered from 1 as `plan --format text` numbers them.
auto ChangeRange(size_t first, size_t last) -> std::string {
  return first == last ? fmt::format("change {}", first + 1) : fmt::format("changes {}-{}", first + 1, last + 1);
}
/// "batch 2", "batches 1-3" (1-based).
auto BatchRange(size_t first, size_t last) -> std::string {
  return first == last ? fmt::format("batch {}", first) : fmt::format("batches {}-{}", first, last);
}

/// A batched script as a person reads it: what runs before, then each batch
/// in its own transaction, then what runs after.
auto RenderBatches(const target::Script& script, const std::vector<std::string>& labels,
                   const std::vector<target::Batch>& batches) -> std::string {
  std::string out;
  size_t last = SIZE_MAX;
  auto put = [&](size_t i) {
    const auto& st = script.statements[i];
    if (st.change != last && st.change < labels.size()) out += "-- " + target::CommentText(labels[st.change]) + "\n";
    last = st.change;
    out += st.sql + "\n";
  };
  for (const auto& seg : target::Frame(script, batches)) {
    switch (seg.where) {
      case target::Segment::Where::Before:
        out += "-- Outside the transactions: a new enum value cannot be used in the transaction that adds it.\n";
        break;
      case target::Segment::Where::Transaction:
        out += fmt::format("\n-- batch {} of {}: {}\nBEGIN;\n", seg.batch, batches.size(),
                           ChangeRange(seg.range->first_change, seg.range->last_change));
        break;
      case target::Segment::Where::After:
        out += "\n-- Outside the transactions (each step is safe to re-run):\n";
        break;
    }
    for (size_t i = seg.first; i < seg.end; ++i) put(i);
    if (seg.where == target::Segment::Where::Transaction) out += "COMMIT;\n";
  }
  return out;
}

/// Why the transactions of an apply would not fit in the server's lock
/// table (empty `message` when they fit, or when that cannot be told).
struct LockVerdict {
  std::string message, hint;
};

/// `estimate(batch)` is the locks one transaction takes (0: unknown);
/// `can_split` tells whether other batch sizes can be estimated too, to
/// suggest a --batch that fits.
auto CheckLocks(const target::LockTable& table, const target::Script& script, size_t batch_size,
                const std::function<size_t(const target::Batch&)>& estimate, bool can_split) -> LockVerdict {
  LockVerdict v;
  size_t capacity = table.capacity();
  auto batches = target::SplitBatches(script, batch_size);
  size_t worst = 0;
  for (size_t k = 0; k < batches.size(); ++k) {
    size_t need = estimate(batches[k]);
    worst = std::max(worst, need);
    if (need <= capacity || !v.message.empty()) continue;
    v.message = fmt::format(
        "{} needs about {} locks in one transaction, more than the {} the server's lock table holds "
        "(max_locks_per_transaction {} x {} server processes and prepared transactions)",
        batch_size ? fmt::format("batch {} of {}", k + 1, batches.size()) : std::string("the migration"), need, capacity,
        table.per_transaction, table.slots);
  }
  if (v.message.empty()) return v;
  v.hint = fmt::format("raise max_locks_per_transaction to {} or more (a restart)", (worst + table.slots - 1) / table.slots);
  if (!can_split) return v;
  // The largest batch size whose every batch fits (binary search; more
  // changes per batch never need fewer locks).
  auto fits = [&](size_t n) {
    for (const auto& b : target::SplitBatches(script, n))
      if (estimate(b) > capacity) return false;
    return true;
  };
  size_t lo = 0, hi = TransactionalChanges(script, nullptr).size();
  while (lo < hi) {
    size_t mid = (lo + hi + 1) / 2;
    if (fits(mid)) lo = mid;
    else hi = mid - 1;
  }
  if (lo > 0)
    v.hint += batch_size ? fmt::format(", or use smaller batches: --batch {}", lo)
                         : fmt::format(", or apply in batches that commit one by one with --batch {} (not atomic)", lo);
  return v;
}

auto RunApply(const ApplyCliOptions& o) -> int {
  Session s;
  const bool json = o.format == "json";
  nlohmann::ordered_json statements = nlohmann::ordered_json::array();
  bool reported = false;  // text: the diagnostics so far are printed (before the statements they concern)
  // Every outcome ends here. In JSON it is one object of one shape
  // (docs/postgres.md): success, dry_run, statements, diagnostics, error.
  auto finish = [&](const char* failed_phase, nlohmann::ordered_json details = nlohmann::ordered_json::object()) {
    bool success = failed_phase == nullptr;
    if (!json) {
      if (!reported) Report(s.diags, "text");
      return success ? kExitOk : kExitError;
    }
    nlohmann::ordered_json out;
    out["success"] = success;
    out["dry_run"] = o.dry_run;
    out["statements"] = statements;
    out["diagnostics"] = nlohmann::ordered_json::parse(diag::RenderJson(s.diags))["diagnostics"];
    out["error"] = nullptr;
    if (!success) {
      nlohmann::ordered_json e;
      e["phase"] = failed_phase;
      for (const auto& d : s.diags.Sorted())
        if (d.severity == diag::Severity::Error) {
          e["code"] = diag::KindName(d.kind);
          e["message"] = d.message;
          if (!d.hint.empty()) e["hint"] = d.hint;
          break;
        }
      for (const auto& [k, v] : details.items()) e[k] = v;
      out["error"] = std::move(e);
    }
    std::cout << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    return success ? kExitOk : kExitError;
  };
  // Where a live step failed: reaching the server, or reading its catalog.
  auto live_phase = [&]() { return s.live ? "inspect" : "connect"; };

  auto backend = ConnectableDatabase(o.db, s);
  if (!backend) return finish("input");
  std::string lock_timeout = o.lock_timeout.empty() ? "3s" : o.lock_timeout;
  std::string statement_timeout = o.statement_timeout.empty() ? "0" : o.statement_timeout;
  auto disk = source::MakeDiskProvider();
  target::Script script;
  std::vector<std::string> labels;  // "create_table public.t" for each change
  // Findings of error severity no `allow` covers: "DS103 drop-column: column 'x' ...".
  std::vector<std::string> blocking;
  std::vector<const lint::Rule*> allowed = ApplyAllows(o, s);
  if (s.diags.has_errors()) return finish("input");
  std::string shown;  // the script as a person reads it (dry run)
  bool empty = false;
  // The plan and both catalogs, for the lock estimate (absent with --plan,
  // which carries its own estimate).
  plan::Plan p;
  std::optional<catalog::Catalog> from, to;
  size_t saved_estimate = 0;
  if (!o.plan_file.empty()) {
    // A reviewed plan runs as it was reviewed, on the catalog it was made for.
    auto text = ReadInput(o.plan_file, s);
    if (!text) return finish("input");
    nlohmann::json saved = nlohmann::json::parse(*text, nullptr, false);
    if (!saved.is_object() || !saved.contains("source_fingerprint") || !saved["changes"].is_array()) {
      s.diags.Emit(diag::Kind::ApplyRefused, {}, "'" + o.plan_file + "' is not a plan made against a database")
          .hint = "make it with: schemac plan --from postgres://... --format json -o plan.json";
      return finish("input");
    }
    if (!InspectLive(o.db, o.schemas, *backend, s)) return finish(live_phase());
    if (saved["source_fingerprint"] != s.live->Fingerprint()) {
      s.diags.Emit(diag::Kind::ApplyRefused, {}, "the database changed since '" + o.plan_file + "' was made")
          .hint = "plan again and review the new plan";
      return finish("refused");
    }
    std::vector<size_t> positions;  // each statement's place in the script, as saved
    for (const auto& c : saved["changes"]) {
      labels.push_back(c.value("kind", "change") + " " + c.value("object", ""));
      for (const auto& st : c.value("statements", nlohmann::json::array())) {
        script.statements.push_back({st.value("sql", ""), labels.size() - 1, st.value("transactional", true),
                                     st.value("rerunnable", false)});
        positions.push_back(st.value("position", SIZE_MAX));
        shown += st.value("sql", "") + "\n";
      }
      // The saved plan's findings, judged again against this run's --allow.
      for (const auto& h : c.value("hazards", nlohmann::json::array())) {
        if (h.value("severity", "") != "error" || h.value("allowed", false)) continue;
        const lint::Rule* rule = lint::FindRule(h.value("code", ""));
        if (rule && std::find(allowed.begin(), allowed.end(), rule) != allowed.end()) continue;
        blocking.push_back(h.value("code", "") + " " + h.value("slug", "") + ": " + h.value("message", ""));
      }
    }
    // The script's own order (what runs before, in and after the
    // transaction); a plan saved without positions: what runs outside the
    // transaction first.
    if (std::find(positions.begin(), positions.end(), SIZE_MAX) == positions.end()) {
      std::vector<target::Statement> ordered(script.statements.size());
      std::vector<bool> placed(script.statements.size(), false);
      bool valid = true;
      for (size_t k = 0; k < positions.size() && valid; ++k) {
        valid = positions[k] < ordered.size() && !placed[positions[k]];
        if (valid) {
          ordered[positions[k]] = script.statements[k];
          placed[positions[k]] = true;
        }
      }
      if (valid) script.statements = std::move(ordered);
    } else {
      std::stable_partition(script.statements.begin(), script.statements.end(),
                            [](const target::Statement& st) { return !st.transactional; });
    }
    empty = saved["changes"].empty();
    if (saved.contains("lock_estimate") && saved["lock_estimate"].is_number_unsigned())
      saved_estimate = saved["lock_estimate"].get<size_t>();
  } else {
    // The desired state, planned against the database as it is now.
    auto realm = Compile(DefaultPaths(o.paths), *disk, DialectFor(backend->Name()), s);
    if (!realm) return finish("compile");
    std::vector<model::Allow> allows = std::move(realm->allows);
    std::vector<model::SeverityOverride> severities = std::move(realm->severities);
    to = backend->Lower(*realm, s.diags);
    if (!to) return finish("compile");
    KeepSchemas(*to, o.schemas);
    from = InspectLive(o.db, o.schemas, *backend, s);
    if (!from) return finish(live_phase());
    ForgetExterns(*to, *from);
    s.live->Normalize(*to, &*from);
    auto changes = diff::Diff(*from, *to, *backend, s.diags);
    if (s.diags.has_errors()) return finish("plan");
    p = plan::Order(*backend, std::move(changes), s.diags);
    MakeOnline(p, *to, o.online);
    if (o.lock_timeout.empty()) lock_timeout = Setting(*to, "lock_timeout", lock_timeout);
    if (o.statement_timeout.empty()) statement_timeout = Setting(*to, "statement_timeout", statement_timeout);
    auto emitted = backend->Emit(p, s.diags);
    if (!emitted || s.diags.has_errors()) return finish("plan");
    script = *emitted;
    for (const auto& c : p.changes) labels.push_back(diff::KindName(c.op) + " " + diff::ObjectName(c.op));
    lint::Options options{.allows = &allows, .severities = &severities, .allow = allowed, .origins = nullptr};
    std::vector<lint::Finding> findings = lint::Lint(p, *from, *to, *backend, options, s.diags);
    for (const lint::Finding* f : lint::Blocking(findings))
      blocking.push_back(fmt::format("{} {}: {}", lint::GetRule(f->rule).code, lint::GetRule(f->rule).slug, f->message));
    shown = backend->Render(p, script);
    empty = p.empty();
  }
  std::vector<target::Batch> batches = target::SplitBatches(script, o.batch);

  // Refusals: checked before anything runs. A dry run shows the script and
  // says what a real apply would refuse.
  auto refuse = [&](std::string message, std::string hint, diag::Kind kind) {
    if (o.dry_run) s.diags.Emit(diag::Kind::WouldRefuse, {}, message).hint = hint;
    else s.diags.Emit(kind, {}, message + "; nothing was changed").hint = hint;
  };
  bool refused_for_findings = false;
  if (!blocking.empty()) {
    std::string list;
    for (const auto& b : blocking) list += "\n  " + b;
    const char* hint = "review each change; acknowledge it with `allow RULE [on NAME] 'reason'` in the .schema "
                       "source or --allow RULE (docs/rules/ explains each rule and the safe way)";
    if (o.dry_run) {
      s.diags.Emit(diag::Kind::WouldRefuse, {}, "apply refuses this plan: it has findings of error severity:" + list)
          .hint = hint;
    } else {
      s.diags.Emit(diag::Kind::ApplyRefused, {}, "the plan has findings of error severity; nothing was changed:" + list)
          .hint = hint;
      refused_for_findings = true;
    }
  }
  if (!empty && !s.diags.has_errors()) {
    std::string error;
    auto table = s.live->ReadLockTable(error);
    std::function<size_t(const target::Batch&)> estimate = [&](const target::Batch& b) -> size_t {
      if (from) return s.live->EstimateLocks(p, TransactionalChanges(script, &b), *from, *to);
      return o.batch ? 0 : saved_estimate;  // a saved plan knows the whole transaction's only
    };
    if (table && table->capacity() > 0) {
      LockVerdict v = CheckLocks(*table, script, o.batch, estimate, from.has_value());
      if (!v.message.empty()) refuse(v.message, v.hint, diag::Kind::TooManyLocks);
    }
  }
  if (s.diags.has_errors()) {
    int code = finish("refused");
    return refused_for_findings ? kExitFindings : code;  // exit 1: findings, as `lint` exits
  }
  if (!json) {
    Report(s.diags, "text");
    reported = true;
  }

  if (o.dry_run || empty) {
    for (size_t i = 0; i < script.statements.size(); ++i) {
      nlohmann::ordered_json j{{"sql", script.statements[i].sql}, {"ms", 0}};
      for (size_t b = 0; o.batch && b < batches.size(); ++b)
        if (i >= batches[b].first && i < batches[b].end) j["batch"] = b + 1;
      statements.push_back(std::move(j));
    }
    if (!json) {
      if (empty) std::cout << "Nothing to do: " << s.live_url << " already matches.\n";
      else std::cout << (o.batch ? RenderBatches(script, labels, batches) : shown) << "-- dry run: nothing was changed\n";
    }
    return finish(nullptr);
  }

  target::ApplyOptions options;
  options.settings = {{"lock_timeout", lock_timeout}, {"statement_timeout", statement_timeout}};
  if (o.batch) options.batches = batches;
  bool tty = isatty(2) && !json;
  if (tty)
    options.on_statement = [](size_t i, size_t n, const target::Statement&) {
      std::cerr << "applying " << (i + 1) << "/" << n << "\r" << std::flush;
    };
  auto r = s.live->Apply(labels, script, options);
  if (tty) std::cerr << std::string(30, ' ') << "\r" << std::flush;
  for (size_t i = 0; i < r.statements.size(); ++i) {
    const auto& st = r.statements[i];
    nlohmann::ordered_json j{{"sql", st.sql}, {"ms", std::round(st.ms * 100) / 100}};
    if (st.batch) j["batch"] = st.batch;
    statements.push_back(std::move(j));
    if (json) continue;
    std::cout << st.sql << "\n-- " << fmt::format("{:.1f}", st.ms) << " ms\n";
    bool batch_ends = st.batch && (i + 1 == r.statements.size() || r.statements[i + 1].batch != st.batch);
    if (batch_ends && st.batch <= r.committed_batches) {
      const auto& b = batches[st.batch - 1];
      std::cout << fmt::format("-- batch {} of {} committed: {}\n", st.batch, batches.size(),
                               ChangeRange(b.first_change, b.last_change));
    }
  }
  if (!r.success) {
    std::string message = r.error;
    if (r.failed_batch) {
      size_t k = r.failed_batch, n = batches.size();
      message += fmt::format("\n  batch {} of {} ({}) was rolled back; ", k, n,
                             ChangeRange(batches[k - 1].first_change, batches[k - 1].last_change));
      if (k > 1)
        message += fmt::format("{} ({}) {} committed", BatchRange(1, k - 1),
                               ChangeRange(batches[0].first_change, batches[k - 2].last_change), k > 2 ? "are" : "is");
      else
        message += "no batch was committed";
      if (k < n) message += "; " + BatchRange(k + 1, n) + " did not run";
    } else if (r.rolled_back) {
      message += "\n  the transaction was rolled back: the database is as it was";
    } else if (r.failed_statement > 0 && r.failed_statement <= script.statements.size() &&
               !script.statements[r.failed_statement - 1].transactional) {
      message += r.committed_batches > 0
                     ? "\n  the transaction was committed; the steps after it stopped here: plan again to finish them"
                     : "\n  it ran outside a transaction: the steps before it stay done; plan again to finish";
    }
    if (json) {
      s.diags.Emit(diag::Kind::ApplyFailed, {}, message);
    } else {  // after the statements that ran
      diag::Engine failure(s.sm);
      failure.Emit(diag::Kind::ApplyFailed, {}, message);
      Report(failure, "text");
    }
    nlohmann::ordered_json details = nlohmann::ordered_json::object();
    if (r.failed_statement) {
      details["statement"] = r.failed_statement;
      size_t change = script.statements[r.failed_statement - 1].change;
      if (change < labels.size()) details["change"] = labels[change];
    }
    details["rolled_back"] = r.rolled_back;
    if (o.batch) {
      if (r.failed_batch) details["batch"] = r.failed_batch;
      details["committed_batches"] = r.committed_batches;
    }
    return finish("apply", details);
  }
  if (!json) {
    std::cout << "Applied " << r.statements.size() << " statement(s) to " << s.live_url;
    if (o.batch) std::cout << " in " << batches.size() << " batch" << (batches.size() == 1 ? "" : "es");
    std::cout << ".\n";
  }
  return finish(nullptr);
}

// ---- snapshot ----

struct SnapshotOptions {
  std::vector<std::string> paths;
  std::string target = "postgres";
  std::string output = "-";
  std::string from;  // the previous snapshot (or any source), whose history the new one keeps
};

auto RunSnapshot(const SnapshotOptions& o) -> int {
  Session s;
  auto backend = FindTarget(o.target, s);
  if (!backend) {
    Report(s.diags, "text");
    return kExitError;
  }
  auto disk = source::MakeDiskProvider();
  auto realm = Compile(DefaultPaths(o.paths), *disk, DialectFor(backend->Name()), s);
  std::optional<catalog::Catalog> c;
  if (realm) c = backend->Lower(*realm, s.diags);
  if (c && !o.from.empty()) {
    // What the previous snapshot keeps that no source says (Flink: the value
    // schemas registered before) goes on in the new one.
    auto previous = LoadCatalog(o.from, DefaultPaths(o.paths), {}, *backend, s);
    if (!previous) c.reset();
    else backend->KeepHistory(*c, *previous);
  }
  Report(s.diags, "text");
  if (!c) return kExitError;
  return WriteOrReport(o.output, catalog::ToJson(*c));
}

// ---- import ----

struct ImportOptions {
  std::string target;
  std::string file;
  std::string output = "-";
};

/// A catalog snapshot from the output of the target's own catalog queries
/// (docs/backends/<target>.md), so that CI can plan against production
/// without a connection.
auto RunImport(const ImportOptions& o) -> int {
  Session s;
  auto fail = [&]() {
    Report(s.diags, "text");
    return kExitError;
  };
  auto backend = FindTarget(o.target, s);
  if (!backend) return fail();
  auto text = ReadInput(o.file, s);
  if (!text) return fail();
  std::string error;
  auto c = backend->ImportCatalog(*text, error);
  if (c) {
    catalog::Canonicalize(*c);
    if (!catalog::Validate(*c, error)) c.reset();
  }
  if (!c) {
    auto& d = s.diags.Emit(diag::Kind::BadImport, {}, backend->Name(), o.file,
                           error.empty() ? "the " + std::string(backend->Name()) + " backend has no import" : error);
    d.hint = error.empty() ? "read the live database with `schemac inspect`, or write a snapshot (docs/catalog-format.md)"
                           : "the queries and the shape of their output are in docs/backends/" +
                                 std::string(backend->Name()) + ".md";
    return fail();
  }
  return WriteOrReport(o.output, catalog::ToJson(*c));
}

// ---- fmt ----

struct FmtOptions {
  std::vector<std::string> paths;
  bool check = false;
  bool stdout_only = false;
};

auto RunFmt(const FmtOptions& o) -> int {
  Session s;
  auto disk = source::MakeDiskProvider();
  std::vector<std::string> files;
  for (const auto& p : DefaultPaths(o.paths)) {
    if (disk->IsDirectory(p)) {
      auto list = disk->ListSchemaFiles(p);
      if (list) files.insert(files.end(), list->begin(), list->end());
    } else {
      files.push_back(p);
    }
  }
  int status = kExitOk;
  std::vector<std::pair<std::string, std::string>> rewrites;
  for (const auto& path : files) {
    auto text = ReadInput(path, s);
    if (!text) continue;
    source::FileId id = s.sm.Add(path, *text);
    size_t before = s.diags.errors();
    ast::File file = syntax::Parse(id, s.sm, s.diags);
    if (s.diags.errors() != before) continue;  // never rewrite what did not parse
    std::string formatted = format::Format(file, s.sm);
    if (o.stdout_only) {
      std::cout << formatted;
    } else if (formatted != *text) {
      if (o.check) {
        std::cout << path << ": not formatted\n";
        status = kExitFindings;
      } else {
        rewrites.emplace_back(path, std::move(formatted));
      }
    }
  }
  Report(s.diags, "text");
  if (s.diags.has_errors()) return kExitError;
  for (const auto& [path, text] : rewrites) {
    std::string error;
    if (!WriteFile(path, text, error)) {
      std::cerr << "error: " << error << "\n";
      return kExitError;
    }
  }
  return status;
}

/// The options `plan` and `lint` share: the two sides of the plan.
void AddPlanSides(CLI::App& cmd, PlanOptions& o) {
  cmd.add_option("paths", o.paths, "The desired state: files or directories (default: .)");
  cmd.add_option("--target,-t", o.target, "postgres | snowflake | firebolt | flink");
  cmd.add_option("--from", o.from, "Current state: empty | FILE.json | git:REV | database URL | .schema paths");
  cmd.add_option("--to", o.to, "Desired state instead of the paths: .schema path, FILE.json or database URL");
  // One schema per occurrence: `--schema app db/` must not read db/ as a schema.
  cmd.add_option("--schema", o.schemas, "Only these schemas, on both sides (repeatable)")->allow_extra_args(false);
}

}  // namespace

auto Main(int argc, char** argv) -> int {
  CLI::App app{"schemac: compiles desired-state .schema files into safe, ordered database migrations"};
  app.set_version_flag("--version", std::string("schemac ") + SCHEMAC_VERSION);
  app.require_subcommand(1);

  CheckOptions check_o;
  auto* check = app.add_subcommand("check", "Parse and check .schema files; print diagnostics only");
  check->add_option("paths", check_o.paths, "Files, or directories searched for *.schema (default: .)");
  check->add_option("--format", check_o.format, "Diagnostics as text or json")->check(CLI::IsMember({"text", "json"}));
  check->add_option("--target", check_o.target, "Also check that every type and name fits this target");
  check->add_flag("--verify", check_o.verify,
                  "Compare diagnostics with '-- expected-error@+N [code] {{text}}' comments in the sources");

  PlanOptions plan_o;
  auto* plan = app.add_subcommand("plan", "Print the migration from a catalog (--from) to the .schema files");
  AddPlanSides(*plan, plan_o);
  plan->add_option("--format", plan_o.format, "sql | text | json")->check(CLI::IsMember({"sql", "text", "json"}));
  plan->add_option("--dump", plan_o.dump,
                   "Stop after a phase and print its product: ast | expanded | model | catalog | changes")
      ->check(CLI::IsMember({"ast", "expanded", "model", "catalog", "changes"}));
  plan->add_option("-o,--output", plan_o.output, "Write the result to this file (atomically)");
  plan->add_flag("--exit-code", plan_o.exit_code, "Exit 1 when the plan is not empty");
  plan->add_flag("--online", plan_o.online, "Lock-friendly forms: indexes built concurrently, constraints validated apart");
  plan->add_option("--allow", plan_o.allow, "Mark findings of this rule (code or slug) allowed (repeatable)")
      ->allow_extra_args(false);

  PlanOptions lint_o;
  lint_o.format = "text";
  auto* lintc = app.add_subcommand("lint", "Judge the migration from --from to the .schema files: data loss, locks, rewrites");
  AddPlanSides(*lintc, lint_o);
  lintc->add_option("--format", lint_o.format, "text | json | sarif | github | gitlab")
      ->check(CLI::IsMember({"text", "json", "sarif", "github", "gitlab"}));
  lintc->add_flag("--online", lint_o.online, "Judge the plan made with --online (lock rules become notes)");
  lintc->add_option("--allow", lint_o.allow, "Allow findings of this rule (code or slug; repeatable)")
      ->allow_extra_args(false);
  lintc->add_option("-o,--output", lint_o.output, "Write the findings to this file (atomically)");

  SnapshotOptions snap_o;
  auto* snap = app.add_subcommand("snapshot", "Write the desired state as a catalog snapshot (JSON)");
  snap->add_option("paths", snap_o.paths, "Files or directories (default: .)");
  snap->add_option("--target,-t", snap_o.target, "postgres | snowflake | firebolt | flink");
  snap->add_option("-o,--output", snap_o.output, "Output file (default: stdout)");
  snap->add_option("--from", snap_o.from,
                   "The previous snapshot: what it keeps that no source says goes on (Flink: earlier value schemas)");

  ImportOptions import_o;
  auto* importc = app.add_subcommand("import", "Turn the output of the target's catalog queries into a snapshot");
  importc->add_option("file", import_o.file, "The queries' output (docs/backends/TARGET.md)")->required();
  importc->add_option("--target,-t", import_o.target, "snowflake | firebolt")->required();
  importc->add_option("-o,--output", import_o.output, "Output file (default: stdout)");

  FmtOptions fmt_o;
  auto* fmtc = app.add_subcommand("fmt", "Rewrite .schema files in the canonical format");
  fmtc->add_option("paths", fmt_o.paths, "Files or directories (default: .)");
  fmtc->add_flag("--check", fmt_o.check, "Change nothing; exit 1 and list the files that are not formatted");
  fmtc->add_flag("--stdout", fmt_o.stdout_only, "Print the formatted text instead of rewriting files");

  InspectOptions inspect_o;
  auto* inspect = app.add_subcommand("inspect", "Read a live Postgres catalog as a snapshot");
  inspect->add_option("--db", inspect_o.db, "postgres://user@host/db (default: the PG* environment variables)");
  inspect->add_option("--schema", inspect_o.schemas, "Only these schemas (repeatable; default: all user schemas)")
      ->allow_extra_args(false);
  inspect->add_option("--format", inspect_o.format, "json (a catalog snapshot) | schema")->check(CLI::IsMember({"json", "schema"}));
  inspect->add_option("-o,--output", inspect_o.output, "Output file (default: stdout)");

  ApplyCliOptions apply_o;
  auto* apply = app.add_subcommand("apply", "Migrate a live Postgres database to the .schema files");
  apply->add_option("paths", apply_o.paths, "The desired state: files or directories (default: .)");
  apply->add_option("--db", apply_o.db, "postgres://user@host/db (default: the PG* environment variables)");
  apply->add_option("--schema", apply_o.schemas, "Only these schemas, in the database and the files (repeatable)")
      ->allow_extra_args(false);
  apply->add_flag("--dry-run", apply_o.dry_run, "Print what would run; change nothing");
  apply->add_flag("--online", apply_o.online, "Lock-friendly forms: indexes built concurrently, constraints validated apart");
  apply->add_option("--allow", apply_o.allow, "Allow findings of this rule (code or slug; repeatable)")
      ->allow_extra_args(false);
  apply->add_flag("--allow-destructive", apply_o.allow_destructive, "Same as --allow for every DS (data loss) rule");
  apply->add_option("--lock-timeout", apply_o.lock_timeout, "lock_timeout for every statement (default 3s)");
  apply->add_option("--statement-timeout", apply_o.statement_timeout, "statement_timeout (default 0: none)");
  apply->add_option("--format", apply_o.format, "text | json ({success, dry_run, statements, diagnostics, error})")
      ->check(CLI::IsMember({"text", "json"}));
  apply->add_option("--batch", apply_o.batch,
                    "Not atomic: run the changes in transactions of at most N changes, each committed on its own")
      ->check(CLI::Range(static_cast<size_t>(1), std::numeric_limits<size_t>::max()));
  apply->add_option("--plan", apply_o.plan_file, "A plan JSON made with --from postgres://: refuse if the database changed since");

  // An unknown command: say so and list the commands (CLI11 would only say
  // that the argument was not expected).
  if (argc > 1 && argv[1][0] != '-') {
    std::vector<std::string> names;
    for (const auto* sub : app.get_subcommands({})) names.push_back(sub->get_name());
    if (std::find(names.begin(), names.end(), argv[1]) == names.end()) {
      std::string list;
      for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
      std::cerr << "error: unknown command '" << argv[1] << "'\n";
      if (std::string hint = diag::DidYouMean(argv[1], names); !hint.empty()) std::cerr << "  hint: " << hint << "\n";
      std::cerr << "  commands: " << list << "\n  (schemac --help describes them)\n";
      return kExitError;
    }
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? kExitOk : kExitError;
  }
  try {
    struct ReportAtExit {
      ~ReportAtExit() { ReportPhases(); }
    } report_at_exit;
    if (*check) return RunCheck(check_o);
    if (*plan) return RunPlan(plan_o);
    if (*lintc) return RunLint(lint_o);
    if (*snap) return RunSnapshot(snap_o);
    if (*importc) return RunImport(import_o);
    if (*fmtc) return RunFmt(fmt_o);
    if (*inspect) return RunInspect(inspect_o);
    if (*apply) return RunApply(apply_o);
  } catch (const std::exception& e) {
    std::cerr << "error: internal error: " << e.what() << "\n"
              << "  hint: this is a bug in schemac; please report it with the input that caused it\n";
    return kExitError;
  }
  return kExitError;
}

}  // namespace schemac::driver
