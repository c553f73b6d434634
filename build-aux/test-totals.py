#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 The Ruhu authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Adds up meson's test logs and prints "N passed, N failed"; exits 1 on any failure."""
import json
import sys

passed = failed = skipped = 0
for path in sys.argv[1:]:
    try:
        with open(path, encoding="utf-8") as log:
            for line in log:
                result = json.loads(line).get("result")
                if result in ("OK", "EXPECTEDFAIL"):
                    passed += 1
                elif result == "SKIP":
                    skipped += 1
                else:
                    failed += 1
    except FileNotFoundError:
        print(f"missing test log {path}: that build did not run its tests", file=sys.stderr)
        failed += 1

line = f"{passed} passed, {failed} failed"
if skipped:
    line += f", {skipped} skipped"
print(line)
sys.exit(1 if failed or passed == 0 else 0)
