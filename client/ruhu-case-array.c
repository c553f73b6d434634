/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "ruhu-case-array.h"

struct _RuhuCaseArray
{
  GObject    parent_instance;
  GPtrArray *items;  /* RuhuCaseSummary */
};

static void ruhu_case_array_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RuhuCaseArray, ruhu_case_array, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, ruhu_case_array_model_init))

static GType
get_item_type (GListModel *model)
{
  return RUHU_TYPE_CASE_SUMMARY;
}

static guint
get_n_items (GListModel *model)
{
  return RUHU_CASE_ARRAY (model)->items->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  GPtrArray *items = RUHU_CASE_ARRAY (model)->items;

  return position < items->len ? g_object_ref (g_ptr_array_index (items, position)) : NULL;
}

static void
ruhu_case_array_model_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
ruhu_case_array_finalize (GObject *object)
{
  g_ptr_array_unref (RUHU_CASE_ARRAY (object)->items);
  G_OBJECT_CLASS (ruhu_case_array_parent_class)->finalize (object);
}

static void
ruhu_case_array_class_init (RuhuCaseArrayClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ruhu_case_array_finalize;
}

static void
ruhu_case_array_init (RuhuCaseArray *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
}

RuhuCaseArray *
ruhu_case_array_new (void)
{
  return g_object_new (RUHU_TYPE_CASE_ARRAY, NULL);
}

/* Like g_list_store_splice(): @additions are referenced, not taken. */
void
ruhu_case_array_splice (RuhuCaseArray    *self,
                        guint             position,
                        guint             n_removals,
                        RuhuCaseSummary **additions,
                        guint             n_additions)
{
  g_return_if_fail (RUHU_IS_CASE_ARRAY (self));
  g_return_if_fail (position + n_removals <= self->items->len);

  /* Referenced first: an addition may also be among the removals. */
  for (guint i = 0; i < n_additions; i++)
    g_object_ref (additions[i]);
  g_ptr_array_remove_range (self->items, position, n_removals);
  for (guint i = 0; i < n_additions; i++)
    g_ptr_array_insert (self->items, position + i, additions[i]);
  g_list_model_items_changed (G_LIST_MODEL (self), position, n_removals, n_additions);
}

gboolean
ruhu_case_array_find (RuhuCaseArray   *self,
                      RuhuCaseSummary *summary,
                      guint           *position)
{
  g_return_val_if_fail (RUHU_IS_CASE_ARRAY (self), FALSE);
  return g_ptr_array_find (self->items, summary, position);
}
