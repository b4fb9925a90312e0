#!/usr/bin/env python3
"""many_tables.py N: a .schema file of N tables t00, t01, ... each with an
identity primary key, a unique text column and a text column (on Postgres:
the table, its TOAST table and TOAST index, two indexes and a sequence)."""
import sys

for i in range(int(sys.argv[1])):
    print(f"table t{i:02} {{")
    print("  id    bigint primary key identity")
    print("  email text unique")
    print("  name  text")
    print("}")
