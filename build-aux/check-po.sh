#!/bin/sh
# SPDX-FileCopyrightText: 2026 The Ruhu authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Fails unless the catalogue translates every message of the current sources:
# extracts a fresh template from po/POTFILES.in (as meson's glib preset does),
# merges the catalogue into it, and refuses untranslated or fuzzy messages.
set -eu
top=$1
po=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cd "$top"
xgettext --from-code=UTF-8 --add-comments --keyword=_ --keyword=N_ \
  --keyword=C_:1c,2 --keyword=NC_:1c,2 --keyword=g_dngettext:2,3 \
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
  --files-from=po/POTFILES.in --directory="$top" -o "$work/current.pot"
msgmerge --quiet --no-fuzzy-matching -o "$work/merged.po" "$po" "$work/current.pot"
stats=$(msgfmt --check --statistics -o /dev/null "$work/merged.po" 2>&1)
echo "$stats"
case "$stats" in
  *untranslated*|*fuzzy*)
    echo "Messages without a zh_CN translation:"
    msgattrib --untranslated --only-fuzzy "$work/merged.po" 2>/dev/null | grep '^msgid' | head -20
    msgattrib --untranslated "$work/merged.po" | grep '^msgid "[^"]' | head -20
    exit 1 ;;
esac
