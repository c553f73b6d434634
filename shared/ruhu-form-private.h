/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ruhu-form.h"

G_BEGIN_DECLS

typedef enum
{
  RUHU_CONDITION_EQUALS,
  RUHU_CONDITION_IN,
  RUHU_CONDITION_CONTAINS,
  RUHU_CONDITION_ALL,
  RUHU_CONDITION_ANY,
  RUHU_CONDITION_NOT,
} RuhuConditionOp;

typedef struct _RuhuCondition RuhuCondition;

struct _RuhuCondition
{
  RuhuConditionOp  op;
  char            *field;      /* EQUALS, IN, CONTAINS */
  GPtrArray       *values;     /* of JsonNode: one for EQUALS and CONTAINS */
  GPtrArray       *children;   /* of RuhuCondition: ALL, ANY, NOT (one) */
};

typedef enum
{
  RUHU_COMPUTE_SUM,
  RUHU_COMPUTE_DIFFERENCE,
} RuhuComputeOp;

typedef struct
{
  char            *value;
  char            *label;
  RuhuSensitivity  sensitivity;
} RuhuFormOption;

typedef enum
{
  RUHU_BOUND_NONE,
  RUHU_BOUND_VALUE,    /* min/max holds a number, or a date as a Julian day */
  RUHU_BOUND_TODAY,
} RuhuBound;

struct _RuhuFormField
{
  RuhuForm        *form;           /* unowned back pointer */
  char            *name;
  RuhuFieldType    type;
  RuhuFieldType    value_type;     /* the result type for COMPUTED, else type */
  char            *label;
  char            *help;
  gboolean         required;
  gboolean         multiline;
  RuhuBound        min_bound;
  RuhuBound        max_bound;
  gint64           min;
  gint64           max;
  guint            max_length;     /* 0: no limit */
  char            *pattern;
  char            *pattern_message;
  GRegex          *regex;
  GPtrArray       *options;        /* of RuhuFormOption */
  RuhuCondition   *relevant;
  RuhuSensitivity  sensitivity;
  RuhuComputeOp    compute_op;
  GPtrArray       *operands;       /* of char * */
  char            *refers_to;
};

struct _RuhuForm
{
  char          *kind;
  char          *path;
  gint64         version;
  char          *label;
  GStrv          parents;
  GPtrArray     *fields;           /* of RuhuFormField, in order */
  GHashTable    *by_name;          /* name → RuhuFormField */
};

RuhuForm      *ruhu_form_load_file          (const char     *path,
                                             GError        **error);
gboolean       ruhu_form_check_kinds        (RuhuForm       *form,
                                             GHashTable     *kinds,
                                             GError        **error);
void           ruhu_form_free               (RuhuForm       *form);

RuhuFormField *ruhu_form_field_parse        (JsonNode       *node,
                                             RuhuForm       *form,
                                             guint           index,
                                             GError        **error);
void           ruhu_form_field_free         (RuhuFormField  *field);

RuhuCondition *ruhu_condition_parse         (JsonNode       *node,
                                             RuhuForm       *form,
                                             const char     *field_name,
                                             guint           depth,
                                             GError        **error);
gboolean       ruhu_condition_evaluate      (RuhuCondition  *condition,
                                             GHashTable     *values);
void           ruhu_condition_free          (RuhuCondition  *condition);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RuhuForm, ruhu_form_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RuhuCondition, ruhu_condition_free)

gboolean       ruhu_form_fail               (GError        **error,
                                             RuhuFormError   code,
                                             RuhuForm       *form,
                                             const char     *field_name,
                                             const char     *format,
                                             ...) G_GNUC_PRINTF (5, 6);

G_END_DECLS
