/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "ruhu-id.h"
#include "ruhu-json-fields.h"
#include "ruhu-review-comments.h"

static void
review_comment_free (RuhuReviewComment *comment)
{
  g_free (comment->id);
  g_free (comment->target);
  g_free (comment->field);
  g_free (comment->comment);
  g_free (comment->version);
  g_free (comment->return_step);
  g_free (comment);
}

/* Returns: (nullable): the comment, or %NULL if it is not complete yet
 * (its fields arrive one by one) */
static RuhuReviewComment *
read_comment (RuhuStore             *store,
              const RuhuEntityInfo  *info,
              GError               **error)
{
  g_autoptr(GHashTable) fields = NULL;
  g_autoptr(GPtrArray) heads = NULL;
  RuhuReviewComment *comment;

  if ((fields = ruhu_store_get_fields (store, info->id, error)) == NULL ||
      (heads = ruhu_store_get_heads (store, info->id, "comment", error)) == NULL)
    return NULL;
  if (heads->len == 0)
    return NULL;
  comment = g_new0 (RuhuReviewComment, 1);
  comment->id = g_strdup (info->id);
  comment->target = ruhu_fields_dup_string (fields, "target");
  comment->field = ruhu_fields_dup_string (fields, "field");
  comment->comment = ruhu_fields_dup_string (fields, "comment");
  comment->version = g_strdup (((RuhuOp *) g_ptr_array_index (heads, 0))->version);
  if (comment->target == NULL || comment->field == NULL || comment->comment == NULL)
    g_clear_pointer (&comment, review_comment_free);
  return comment;
}

static int
compare_versions (gconstpointer a,
                  gconstpointer b)
{
  const RuhuReviewComment *x = *(RuhuReviewComment **) a;
  const RuhuReviewComment *y = *(RuhuReviewComment **) b;

  return ruhu_version_compare (x->version, y->version);
}

/* Each comment goes with the first counted return after it. */
static void
match_returns (RuhuReviewComments *self,
               const RuhuCaseFlow *flow)
{
  guint next = 0;

  for (guint i = 0; i < flow->transitions->len; i++)
    {
      const RuhuTransition *step = g_ptr_array_index (flow->transitions, i);

      if (step->step != RUHU_STEP_RETURN || !step->counted)
        continue;
      for (; next < self->comments->len; next++)
        {
          RuhuReviewComment *comment = g_ptr_array_index (self->comments, next);

          if (ruhu_version_compare (comment->version, step->version) > 0)
            break;
          comment->return_step = g_strdup (step->entity);
        }
      g_free (self->last_return);
      self->last_return = g_strdup (step->entity);
    }
}

/**
 * ruhu_review_comments_load:
 * @flow: the case's workflow, as read from @store
 *
 * Returns: (transfer full): the case's return comments, or %NULL with @error
 */
RuhuReviewComments *
ruhu_review_comments_load (RuhuStore           *store,
                           const RuhuCaseFlow  *flow,
                           GError             **error)
{
  g_autoptr(RuhuReviewComments) self = g_new0 (RuhuReviewComments, 1);
  g_autoptr(GPtrArray) entities = NULL;

  self->comments = g_ptr_array_new_with_free_func ((GDestroyNotify) review_comment_free);
  if ((entities = ruhu_store_list_entities (store, flow->case_id, error)) == NULL)
    return NULL;
  for (guint i = 0; i < entities->len; i++)
    {
      RuhuEntityInfo *info = g_ptr_array_index (entities, i);
      RuhuReviewComment *comment;
      GError *local = NULL;

      if (info->deleted || g_strcmp0 (info->kind, RUHU_REVIEW_COMMENT_KIND) != 0)
        continue;
      if ((comment = read_comment (store, info, &local)) != NULL)
        g_ptr_array_add (self->comments, comment);
      else if (local != NULL)
        {
          g_propagate_error (error, local);
          return NULL;
        }
    }
  g_ptr_array_sort (self->comments, compare_versions);
  match_returns (self, flow);
  return g_steal_pointer (&self);
}

void
ruhu_review_comments_free (RuhuReviewComments *self)
{
  g_clear_pointer (&self->comments, g_ptr_array_unref);
  g_free (self->last_return);
  g_free (self);
}

/* How many comments went with the return step @return_step. */
guint
ruhu_review_comments_count_for (const RuhuReviewComments *self,
                                const char               *return_step)
{
  guint n = 0;

  for (guint i = 0; i < self->comments->len; i++)
    {
      const RuhuReviewComment *comment = g_ptr_array_index (self->comments, i);

      if (g_strcmp0 (comment->return_step, return_step) == 0 && return_step != NULL)
        n++;
    }
  return n;
}

/**
 * ruhu_review_comments_on_field:
 * @drafts: also the comments not sent with a return yet
 *
 * Only the latest return's comments count: older ones were answered by the
 * investigation that followed.
 *
 * Returns: (transfer container) (element-type RuhuReviewComment): the
 *   comments on @field of @entity, oldest first
 */
GPtrArray *
ruhu_review_comments_on_field (const RuhuReviewComments *self,
                               const char               *entity,
                               const char               *field,
                               gboolean                  drafts)
{
  GPtrArray *found = g_ptr_array_new ();

  for (guint i = 0; i < self->comments->len; i++)
    {
      RuhuReviewComment *comment = g_ptr_array_index (self->comments, i);
      gboolean current = comment->return_step != NULL &&
                         g_strcmp0 (comment->return_step, self->last_return) == 0;

      if (g_str_equal (comment->target, entity) && g_str_equal (comment->field, field) &&
          (current || (drafts && comment->return_step == NULL)))
        g_ptr_array_add (found, comment);
    }
  return found;
}

/**
 * ruhu_review_comments_write:
 *
 * Writes a new comment on @field of @target, the text last: its version
 * places the comment before the return that will carry it.
 *
 * Returns: (transfer full): the new comment's entity id, or %NULL with @error
 */
char *
ruhu_review_comments_write (RuhuStore   *store,
                            const char  *case_id,
                            const char  *target,
                            const char  *field,
                            const char  *comment,
                            const char  *actor,
                            GError     **error)
{
  g_autofree char *entity = ruhu_id_new ();
  const char *fields[][2] = { { "target", target }, { "field", field }, { "comment", comment } };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autoptr(JsonNode) value = json_node_init_string (json_node_alloc (), fields[i][1]);
      g_autoptr(RuhuOp) op = ruhu_store_write (store, entity, RUHU_REVIEW_COMMENT_KIND, case_id,
                                               case_id, fields[i][0], value, actor, error);

      if (op == NULL)
        return NULL;
    }
  return g_steal_pointer (&entity);
}
