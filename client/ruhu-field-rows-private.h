/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ruhu-field-row.h"

G_BEGIN_DECLS

/* The kinds of field rows; ruhu_field_row_new() picks one by field type. */
#define RUHU_TYPE_ENTRY_FIELD_ROW (ruhu_entry_field_row_get_type ())
G_DECLARE_FINAL_TYPE (RuhuEntryFieldRow, ruhu_entry_field_row, RUHU, ENTRY_FIELD_ROW, RuhuFieldRow)

#define RUHU_TYPE_TEXT_FIELD_ROW (ruhu_text_field_row_get_type ())
G_DECLARE_FINAL_TYPE (RuhuTextFieldRow, ruhu_text_field_row, RUHU, TEXT_FIELD_ROW, RuhuFieldRow)

#define RUHU_TYPE_CHOICE_FIELD_ROW (ruhu_choice_field_row_get_type ())
G_DECLARE_FINAL_TYPE (RuhuChoiceFieldRow, ruhu_choice_field_row, RUHU, CHOICE_FIELD_ROW, RuhuFieldRow)

#define RUHU_TYPE_MULTI_FIELD_ROW (ruhu_multi_field_row_get_type ())
G_DECLARE_FINAL_TYPE (RuhuMultiFieldRow, ruhu_multi_field_row, RUHU, MULTI_FIELD_ROW, RuhuFieldRow)

#define RUHU_TYPE_SWITCH_FIELD_ROW (ruhu_switch_field_row_get_type ())
G_DECLARE_FINAL_TYPE (RuhuSwitchFieldRow, ruhu_switch_field_row, RUHU, SWITCH_FIELD_ROW, RuhuFieldRow)

#define RUHU_TYPE_STATIC_FIELD_ROW (ruhu_static_field_row_get_type ())
G_DECLARE_FINAL_TYPE (RuhuStaticFieldRow, ruhu_static_field_row, RUHU, STATIC_FIELD_ROW, RuhuFieldRow)

G_END_DECLS
