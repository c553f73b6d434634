#!/bin/sh
# SPDX-FileCopyrightText: 2026 The Ruhu authors
# SPDX-License-Identifier: GPL-3.0-or-later
# Fails when a catalogue has untranslated or fuzzy messages, or does not compile.
set -eu
msgfmt=$1
po=$2
stats=$("$msgfmt" --check --statistics -o /dev/null "$po" 2>&1)
echo "$stats"
case "$stats" in
  *untranslated*|*fuzzy*) exit 1 ;;
esac
