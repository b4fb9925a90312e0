#!/usr/bin/env python3
"""Generates the scale shapes the planner must stay linear in, as pairs of
projects (before/, after/):

  gen_shapes.py OUT_DIR SHAPE N

  view-chain   N views, each reading the one before; the base table's column
               is retyped, so every view is dropped and created again
  rename-all   N tables, each renamed (`renamed from`) with a foreign key to
               the one before
"""
import os
import sys


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


def view_chain(n, retyped):
    out = ["table base {\n  id bigint primary key\n  v %s\n}\n" % ("bigint" if retyped else "int")]
    out.append('view v_00000 as """select id, v from base"""\n')
    for i in range(1, n):
        out.append('view v_%05d as """select id, v from v_%05d"""\n' % (i, i - 1))
    return "".join(out)


def rename_all(n, renamed):
    out = []
    for i in range(n):
        name = ("r_%05d" if renamed else "t_%05d") % i
        rename = "\n  renamed from t_%05d" % i if renamed else ""
        parent = ("r_%05d" if renamed else "t_%05d") % (i - 1)
        ref = "\n  parent_id bigint references %s" % parent if i else ""
        out.append("table %s {%s\n  id bigint primary key\n  label text%s\n}\n" % (name, rename, ref))
    return "".join(out)


def main():
    out, shape, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    gen = {"view-chain": view_chain, "rename-all": rename_all}[shape]
    write(os.path.join(out, "before", "db.schema"), gen(n, False))
    write(os.path.join(out, "after", "db.schema"), gen(n, True))


if __name__ == "__main__":
    main()
