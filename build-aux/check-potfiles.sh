#!/bin/sh
# SPDX-FileCopyrightText: 2026 The Ruhu authors
# SPDX-License-Identifier: GPL-3.0-or-later
# Fails when a source file marks strings for translation but is missing from
# po/POTFILES.in, so that no message escapes the translators.
set -eu
top=$1
cd "$top"
status=0
for f in $(git ls-files 'shared/*.c' 'server/*.c' 'client/*.c' 'client/*.ui' 2>/dev/null || true); do
  if grep -q '_("\|N_("\|C_("\|translatable="yes"' "$f" && ! grep -qx "$f" po/POTFILES.in; then
    echo "$f has translatable strings but is not in po/POTFILES.in"
    status=1
  fi
done
exit $status
