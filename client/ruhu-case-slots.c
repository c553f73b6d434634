/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "ruhu-case-slots.h"

struct _RuhuCaseSlot
{
  GObject    parent_instance;
  guint      position;
  GtkWidget *row;  /* while bound; not owned */
};

G_DEFINE_FINAL_TYPE (RuhuCaseSlot, ruhu_case_slot, G_TYPE_OBJECT)

static void
ruhu_case_slot_class_init (RuhuCaseSlotClass *klass)
{
}

static void
ruhu_case_slot_init (RuhuCaseSlot *self)
{
}

struct _RuhuCaseSlots
{
  GObject           parent_instance;
  GListModel       *cases;
  RuhuCaseSlotShow  show;
  GPtrArray        *slots;  /* RuhuCaseSlot: made as needed, kept for reuse */
  guint             n_slots;  /* how many of them are in the model */
  GHashTable       *bound;  /* RuhuCaseSlot with a row */
};

static void ruhu_case_slots_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RuhuCaseSlots, ruhu_case_slots, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, ruhu_case_slots_model_init))

static GType
get_item_type (GListModel *model)
{
  return RUHU_TYPE_CASE_SLOT;
}

static guint
get_n_items (GListModel *model)
{
  return RUHU_CASE_SLOTS (model)->n_slots;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  RuhuCaseSlots *self = RUHU_CASE_SLOTS (model);

  if (position >= self->n_slots)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->slots, position));
}

static void
ruhu_case_slots_model_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
show_slot (RuhuCaseSlots *self,
           RuhuCaseSlot  *slot)
{
  g_autoptr(RuhuCaseSummary) summary = g_list_model_get_item (self->cases, slot->position);

  self->show (slot->row, summary);
}

/* Bound rows show what their slot holds now; then the length follows. */
static void
cases_changed_cb (GListModel    *cases,
                  guint          position,
                  guint          removed,
                  guint          added,
                  RuhuCaseSlots *self)
{
  guint old_n = self->n_slots;
  guint new_n = g_list_model_get_n_items (cases);
  GHashTableIter iter;
  RuhuCaseSlot *slot;

  g_hash_table_iter_init (&iter, self->bound);
  while (g_hash_table_iter_next (&iter, (gpointer *) &slot, NULL))
    if (slot->position >= position && slot->position < new_n)
      show_slot (self, slot);

  /* Slots are kept when the list shrinks: a search typed and erased
   * would otherwise make and drop one object per case each time. */
  for (guint i = self->slots->len; i < new_n; i++)
    {
      RuhuCaseSlot *fresh = g_object_new (RUHU_TYPE_CASE_SLOT, NULL);

      fresh->position = i;
      g_ptr_array_add (self->slots, fresh);
    }
  self->n_slots = new_n;
  if (new_n != old_n)
    g_list_model_items_changed (G_LIST_MODEL (self), MIN (old_n, new_n),
                                old_n > new_n ? old_n - new_n : 0,
                                new_n > old_n ? new_n - old_n : 0);
}

static void
ruhu_case_slots_dispose (GObject *object)
{
  RuhuCaseSlots *self = RUHU_CASE_SLOTS (object);

  if (self->cases != NULL)
    g_signal_handlers_disconnect_by_data (self->cases, self);
  g_clear_object (&self->cases);
  g_clear_pointer (&self->bound, g_hash_table_unref);
  g_clear_pointer (&self->slots, g_ptr_array_unref);
  G_OBJECT_CLASS (ruhu_case_slots_parent_class)->dispose (object);
}

static void
ruhu_case_slots_class_init (RuhuCaseSlotsClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = ruhu_case_slots_dispose;
}

static void
ruhu_case_slots_init (RuhuCaseSlots *self)
{
  self->slots = g_ptr_array_new_with_free_func (g_object_unref);
  self->bound = g_hash_table_new (NULL, NULL);
}

/**
 * ruhu_case_slots_new:
 * @cases: a model of RuhuCaseSummary
 * @show: shows a summary in a row (or clears it, for %NULL)
 */
RuhuCaseSlots *
ruhu_case_slots_new (GListModel       *cases,
                     RuhuCaseSlotShow  show)
{
  RuhuCaseSlots *self = g_object_new (RUHU_TYPE_CASE_SLOTS, NULL);

  self->cases = g_object_ref (cases);
  self->show = show;
  g_signal_connect (cases, "items-changed", G_CALLBACK (cases_changed_cb), self);
  cases_changed_cb (cases, 0, 0, g_list_model_get_n_items (cases), self);
  return self;
}

/* The factory's bind: @row shows @slot's case until unbound. */
void
ruhu_case_slots_bind (RuhuCaseSlots *self,
                      RuhuCaseSlot  *slot,
                      GtkWidget     *row)
{
  slot->row = row;
  g_hash_table_add (self->bound, slot);
  show_slot (self, slot);
}

void
ruhu_case_slots_unbind (RuhuCaseSlots *self,
                        RuhuCaseSlot  *slot)
{
  if (slot->row != NULL)
    self->show (slot->row, NULL);
  slot->row = NULL;
  if (self->bound != NULL)
    g_hash_table_remove (self->bound, slot);
}

/* The case in the slot at @position, or NULL. */
RuhuCaseSummary *
ruhu_case_slots_get_summary (RuhuCaseSlots *self,
                             guint          position)
{
  return g_list_model_get_item (self->cases, position);
}
