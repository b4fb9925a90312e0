#!/usr/bin/env python3
"""Checks schemac's Avro compatibility verdicts against Apache Avro's own checker.

Usage: avro_oracle.py --oracles-py DIR (--pairs FILE | --schemac BIN --pairs FILE)

DIR holds the pinned `avro` package (scripts/oracles.sh installs it). FILE has
one JSON object a line, {"old": schema, "new": schema, "backward": bool,
"forward": bool}, as tests/unit/avro_oracle_test.cpp writes them when
SCHEMAC_AVRO_PAIRS names the file. With --schemac (the path of the built
`schemac`; the unit-test binary is tests/schemac_unit beside it, as CMake
lays out the build), the script first runs that test to write FILE.

For every pair, avro.compatibility.ReaderWriterCompatibilityChecker decides
BACKWARD (reader: new, writer: old) and FORWARD (reader: old, writer: new);
every disagreement is printed. Prints "N pairs, 2N verdicts: all agree with
avro X" and exits 0, or prints the disagreements and exits 1.
"""
import argparse
import json
import os
import subprocess
import sys


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--oracles-py", required=True)
    ap.add_argument("--pairs", required=True)
    ap.add_argument("--schemac")
    args = ap.parse_args()
    if not os.path.isdir(os.path.join(args.oracles_py, "avro")):
        sys.exit(f"avro_oracle: the test oracles are missing ({args.oracles_py}): run scripts/oracles.sh")
    sys.path.insert(0, args.oracles_py)
    import avro  # noqa: E402  (the pinned one)
    import avro.schema  # noqa: E402
    from avro.compatibility import ReaderWriterCompatibilityChecker, SchemaCompatibilityType  # noqa: E402

    if args.schemac:
        unit = os.path.join(os.path.dirname(os.path.abspath(args.schemac)), "tests", "schemac_unit")
        env = dict(os.environ, SCHEMAC_AVRO_PAIRS=args.pairs)
        run = subprocess.run([unit, "[avro-oracle]"], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                             text=True)
        if run.returncode != 0:
            print(run.stdout)
            sys.exit(f"avro_oracle: {unit} failed ({run.returncode})")

    def compatible(reader, writer):
        result = ReaderWriterCompatibilityChecker().get_compatibility(reader, writer)
        return result.compatibility is SchemaCompatibilityType.compatible, result

    pairs = 0
    disagreements = 0
    counts = {"backward": [0, 0], "forward": [0, 0]}
    with open(args.pairs) as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            pair = json.loads(line)
            pairs += 1
            old = avro.schema.parse(json.dumps(pair["old"]))
            new = avro.schema.parse(json.dumps(pair["new"]))
            for mode, reader, writer in (("backward", new, old), ("forward", old, new)):
                theirs, result = compatible(reader, writer)
                counts[mode][theirs] += 1
                if theirs != pair[mode]:
                    disagreements += 1
                    print(f"pair {n} {mode.upper()}: schemac says {'compatible' if pair[mode] else 'incompatible'}, "
                          f"avro says {'compatible' if theirs else 'incompatible'} "
                          f"({sorted(result.messages)} at {sorted(result.locations)})")
                    print(f"  old: {json.dumps(pair['old'])}")
                    print(f"  new: {json.dumps(pair['new'])}")
    version = getattr(avro, "__version__", "?")
    if pairs == 0:
        print("no pairs to check")
        return 1
    if disagreements:
        print(f"{disagreements} of {2 * pairs} verdicts disagree with avro {version}")
        return 1
    print(f"{pairs} pairs, {2 * pairs} verdicts: all agree with avro {version}")
    print(f"backward: {counts['backward'][1]} compatible, {counts['backward'][0]} not; "
          f"forward: {counts['forward'][1]} compatible, {counts['forward'][0]} not")
    return 0


if __name__ == "__main__":
    sys.exit(main())
