#!/usr/bin/env python3
"""Validates a SARIF log against the official SARIF 2.1.0 JSON schema.

Usage: validate_sarif.py --oracles-py DIR --schema SARIF_SCHEMA.json [FILE]   (FILE default: stdin)

DIR holds the pinned jsonschema (scripts/oracles.sh installs it); formats
("uri", "uri-reference", "date-time") are checked too. Beyond the schema, it
checks what the schema cannot say: each result's ruleIndex points at the rule
of its ruleId, and regions start at line and column 1 or later. Prints
"valid SARIF 2.1.0: N results (M suppressed)" and exits 0, or prints every
error and exits 1.
"""
import argparse
import json
import os
import sys


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--oracles-py", required=True)
    ap.add_argument("--schema", required=True)
    ap.add_argument("file", nargs="?")
    args = ap.parse_args()
    missing = "the test oracles are missing ({}): run scripts/oracles.sh"
    if not os.path.isdir(os.path.join(args.oracles_py, "jsonschema")):
        sys.exit("validate_sarif: " + missing.format(args.oracles_py))
    if not os.path.isfile(args.schema):
        sys.exit("validate_sarif: " + missing.format(args.schema))
    sys.path.insert(0, args.oracles_py)
    import jsonschema  # noqa: E402  (the pinned one)

    with open(args.schema) as f:
        schema = json.load(f)
    text = open(args.file).read() if args.file else sys.stdin.read()
    try:
        log = json.loads(text)
    except json.JSONDecodeError as e:
        print(f"not JSON: {e}")
        return 1
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    # FormatChecker() knows every format, also "uri-reference" (draft 6+),
    # which this draft-04 schema uses.
    validator = cls(schema, format_checker=jsonschema.FormatChecker())
    errors = [f"{'/'.join(str(p) for p in e.absolute_path) or '(root)'}: {e.message}"
              for e in sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path))]

    results = suppressed = 0
    for r, run in enumerate(log.get("runs", []) if isinstance(log, dict) else []):
        rules = run.get("tool", {}).get("driver", {}).get("rules", [])
        for i, res in enumerate(run.get("results", [])):
            results += 1
            suppressed += bool(res.get("suppressions"))
            where = f"runs/{r}/results/{i}"
            idx = res.get("ruleIndex")
            if idx is not None:
                if not (isinstance(idx, int) and 0 <= idx < len(rules)):
                    errors.append(f"{where}/ruleIndex: {idx} is not an index of the {len(rules)} rules")
                elif "ruleId" in res and rules[idx].get("id") != res["ruleId"]:
                    errors.append(f"{where}: ruleIndex {idx} is rule {rules[idx].get('id')}, ruleId is {res['ruleId']}")
            for j, loc in enumerate(res.get("locations", [])):
                region = loc.get("physicalLocation", {}).get("region", {})
                for key in ("startLine", "startColumn"):
                    if key in region and region[key] < 1:
                        errors.append(f"{where}/locations/{j}/physicalLocation/region/{key}: {region[key]} < 1")
    if errors:
        print(f"INVALID SARIF: {len(errors)} errors")
        for e in errors:
            print("  " + e)
        return 1
    print(f"valid SARIF {log.get('version')}: {results} results ({suppressed} suppressed)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
