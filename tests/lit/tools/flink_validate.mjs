// A second, independent opinion on a Flink plan's DDL: dt-sql-parser's
// FlinkSQL grammar (ANTLR, written apart from Flink's own Calcite parser).
// Flink's planner (flink_server.py) runs the statements; this checks that a
// parser that is not Flink's also reads every CREATE TABLE / CREATE VIEW, so
// the plan does not lean on a quirk of one parser.
//
//   node flink_validate.mjs ORACLES_DIR < statements.json
//
// stdin: a JSON array of SQL statements. stdout: a JSON array, one entry per
// statement: the list of dt-sql-parser's errors (empty when it parses).
// One node process per plan, not per statement. dt-sql-parser is installed
// by scripts/oracles.sh in ORACLES_DIR/npm.
import { createRequire, register } from "node:module";
import { pathToFileURL } from "node:url";
import { join, resolve } from "node:path";
import { readFileSync } from "node:fs";

const oracles = resolve(process.argv[2]);
// dt-sql-parser 4.5's dist/ is ES module syntax with extensionless and
// directory imports in a package not marked "type": "module", which node's
// loader refuses (as ESM and as CommonJS): these loader hooks resolve such a
// relative import to FILE.js or DIR/index.js and load its files as ESM.
const hooks = `
import { existsSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";
export async function resolve(spec, ctx, next) {
  if ((spec.startsWith("./") || spec.startsWith("../")) && ctx.parentURL && ctx.parentURL.includes("/dt-sql-parser/")) {
    const base = new URL(spec, ctx.parentURL);
    const p = fileURLToPath(base);
    for (const c of [p, p + ".js", p + "/index.js"]) {
      if (existsSync(c) && statSync(c).isFile()) return next(new URL("file://" + c).href, ctx);
    }
  }
  return next(spec, ctx);
}
export async function load(url, ctx, next) {
  if (url.includes("/dt-sql-parser/dist/")) return next(url, { ...ctx, format: "module" });
  return next(url, ctx);
}`;
register("data:text/javascript," + encodeURIComponent(hooks), import.meta.url);
let mod;
try {
  const require = createRequire(join(oracles, "npm", "package.json"));
  mod = await import(pathToFileURL(require.resolve("dt-sql-parser")).href);
} catch (e) {
  process.stderr.write(`flink_validate.mjs: cannot load dt-sql-parser from ${oracles}/npm (${e.message}); run scripts/oracles.sh\n`);
  process.exit(2);
}
const { FlinkSQL } = mod.default && mod.default.FlinkSQL ? mod.default : mod;
const parser = new FlinkSQL();
const statements = JSON.parse(readFileSync(0, "utf8"));
const out = statements.map((sql) =>
  parser.validate(sql).map((e) => ({
    line: e.startLine,
    column: e.startColumn,
    message: e.message,
  })),
);
process.stdout.write(JSON.stringify(out) + "\n");
