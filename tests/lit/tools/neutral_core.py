#!/usr/bin/env python3
"""The core is target-neutral: compiler/ (other than the registry, which
names the backends) names no Postgres type, function, catalog or fact in its
code. Comments may explain a target; code may not decide for one.

Each source line of compiler/ is read with its comments removed and searched
for the words that only Postgres code needs (see WORDS). What is still there,
and why, is listed in tools/neutral_core.allow as `path: word  # reason`; the
list can only shrink: a listed finding that is gone is an error too.

  neutral_core.py REPO_ROOT   prints "compiler/ is target-neutral: N files, M allowed" or the findings (exit 1)

Nothing below check reads the syntax tree: the model (compiler/model), the
catalog, the differ, the planner, the target interfaces and the backends
include neither compiler/syntax/ast.h nor a header of compiler/check/, and
name no `ast::` in their code. The exceptions are the target dialects
(compiler/target/dialect.h and .cpp, backends/*/dialect.cpp): they check
target-block items for the checker, inside check (docs/architecture.md).

  neutral_core.py --below-check REPO_ROOT   prints "nothing below check reads the syntax tree: N files" or the findings (exit 1)
"""
import os
import re
import sys

# Postgres's own words: its name, its catalogs and functions, its default
# schema, its index methods and type spellings the language does not use.
WORDS = [
    (re.compile(r"postgres", re.I), "postgres"),
    (re.compile(r"\bpg_[a-z]"), "pg_"),
    (re.compile(r'"public"'), '"public"'),
    (re.compile(r"\bnextval\b"), "nextval"),
    (re.compile(r'"(?:btree|gist|gin|spgist|brin)"'), "index method"),
    (re.compile(r"character varying|double precision|timestamp with(?:out)? time zone"), "type spelling"),
    (re.compile(r"\bplpgsql\b|\bregclass\b|\bsearch_path\b"), "catalog fact"),
]
# A cast in SQL text: '::' followed by a type name, inside a string literal.
STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"')
CHAR = re.compile(r"'(?:[^'\\\n]|\\.)'")
CAST = re.compile(r"::\s*[a-z]")
EXEMPT = {os.path.join("compiler", "target", "registry.cpp")}


def strip_comments(text):
    """The text with // and /* */ comments blanked (string literals kept)."""
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if c == '"' or c == "'":
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            out.append(text[i:j + 1])
            i = j + 1
        elif text.startswith("R\"(", i):
            j = text.find(")\"", i + 3)
            j = n if j < 0 else j + 2
            out.append(text[i:j])
            i = j
        elif text.startswith("//", i):
            j = text.find("\n", i)
            i = n if j < 0 else j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append("\n" * text.count("\n", i, j))
            i = j
        else:
            out.append(c)
            i += 1
    return "".join(out)


def findings(root):
    found = set()
    files = 0
    for dirpath, dirnames, filenames in os.walk(os.path.join(root, "compiler")):
        dirnames.sort()
        for name in sorted(filenames):
            if not name.endswith((".cpp", ".h", ".def")):
                continue
            path = os.path.relpath(os.path.join(dirpath, name), root)
            if path in EXEMPT:
                continue
            files += 1
            with open(os.path.join(root, path), encoding="utf-8") as f:
                code = strip_comments(f.read())
            for line in code.splitlines():
                for pattern, word in WORDS:
                    if pattern.search(line):
                        found.add((path, word))
                for literal in STRING.findall(CHAR.sub("''", line)):
                    if CAST.search(literal):
                        found.add((path, "cast"))
    return files, found


# The folders below check, and the files among them that run inside check.
BELOW_CHECK = ["backends", os.path.join("compiler", "model"), os.path.join("compiler", "catalog"),
               os.path.join("compiler", "diff"), os.path.join("compiler", "plan"), os.path.join("compiler", "target")]
INSIDE_CHECK = re.compile(r"^(?:compiler/target/dialect\.(?:h|cpp)|backends/[^/]+/dialect\.cpp)$")
ABOVE_INCLUDE = re.compile(r'^\s*#\s*include\s*[<"](compiler/syntax/ast\.h|compiler/check/[^">]*)[">]')
AST_NAME = re.compile(r"\bast::")


def below_check_findings(root):
    """(files read, [(path, what)]) for the files below check that read the syntax tree or the checker."""
    found = []
    files = 0
    for top in BELOW_CHECK:
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, top)):
            dirnames.sort()
            for name in sorted(filenames):
                if not name.endswith((".cpp", ".h")):
                    continue
                path = os.path.relpath(os.path.join(dirpath, name), root).replace(os.sep, "/")
                if INSIDE_CHECK.match(path):
                    continue
                files += 1
                with open(os.path.join(root, path), encoding="utf-8") as f:
                    code = strip_comments(f.read())
                names_ast = False
                for line in code.splitlines():
                    m = ABOVE_INCLUDE.match(line)
                    if m:
                        found.append((path, "includes " + m.group(1)))
                    elif not names_ast and AST_NAME.search(STRING.sub('""', line)):
                        names_ast = True
                        found.append((path, "names ast::"))
    return files, found


def below_check(root):
    files, found = below_check_findings(root)
    if found:
        print("\n".join(f"{p}: {what} (build what a later phase needs into the model, in compiler/check)"
                        for p, what in found))
        return 1
    print(f"nothing below check reads the syntax tree: {files} files")
    return 0


def allowed(path):
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)
            entry, reason = line[0].strip(), (line[1].strip() if len(line) > 1 else "")
            if not entry:
                continue
            file, word = (x.strip() for x in entry.split(":", 1))
            if not reason:
                sys.exit(f"neutral_core.allow: '{entry}' has no reason")
            out[(file, word)] = reason
    return out


def main():
    if sys.argv[1] == "--below-check":
        return below_check(sys.argv[2])
    root = sys.argv[1]
    files, found = findings(root)
    allow = allowed(os.path.join(os.path.dirname(os.path.abspath(__file__)), "neutral_core.allow"))
    problems = [f"{p}: names {w} (move it behind the backend, or list it in tools/neutral_core.allow with why)"
                for p, w in sorted(found - allow.keys())]
    problems += [f"{p}: no longer names {w}: remove it from tools/neutral_core.allow"
                 for p, w in sorted(allow.keys() - found)]
    if problems:
        print("\n".join(problems))
        return 1
    print(f"compiler/ is target-neutral: {files} files, {len(allow)} allowed findings")
    return 0


if __name__ == "__main__":
    sys.exit(main())
