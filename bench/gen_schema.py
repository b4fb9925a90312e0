#!/usr/bin/env python3
"""Generates a large .schema project for benchmarks.

  gen_schema.py OUT_DIR [--tables N] [--change-percent P] [--seed S]

Each table has 20 columns, 2 indexes and 1 foreign key (to an earlier table).
With --change-percent, that share of tables gets a new column, a changed
type, a dropped column and a new index, as a pull request would.
"""
import argparse
import os
import random

TYPES = ["bigint", "int", "text", "varchar(80)", "bool", "timestamptz", "decimal(12, 2)", "uuid", "date", "json"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--tables", type=int, default=1000)
    ap.add_argument("--change-percent", type=float, default=0.0)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    changed = set(rng.sample(range(a.tables), int(a.tables * a.change_percent / 100)))
    os.makedirs(a.out, exist_ok=True)
    per_file = 100
    for f in range(0, a.tables, per_file):
        lines = []
        for i in range(f, min(f + per_file, a.tables)):
            cols = [("id", "bigint primary key identity")]
            for c in range(1, 18):
                t = TYPES[(i + c) % len(TYPES)]
                if i in changed and c == 3:
                    t = "text" if t != "text" else "varchar(200)"  # a type change
                if i in changed and c == 4:
                    t = "varchar(200)" if t.startswith("varchar") else t
                attrs = " not null" if c % 5 == 0 else ""
                if i in changed and c == 7:
                    continue  # a dropped column
                cols.append((f"col_{c}", t + attrs))
            ref = random.Random(i).randrange(i) if i else None  # the same in every variant
            cols.append(("parent_id", "bigint references t_%04d" % ref if ref is not None else "bigint"))
            cols.append(("created_at", "timestamptz not null default now()"))
            if i in changed:
                cols.append(("added_col", "text"))
            lines.append("table t_%04d {" % i)
            for n, t in cols:
                lines.append(f"  {n} {t}")
            lines.append("  index (col_1, created_at)")
            lines.append("  index (parent_id)")
            if i in changed:
                lines.append("  index (added_col)")
            lines.append("}")
            lines.append("")
        with open(os.path.join(a.out, "part_%02d.schema" % (f // per_file)), "w") as out:
            out.write("\n".join(lines))


if __name__ == "__main__":
    main()
