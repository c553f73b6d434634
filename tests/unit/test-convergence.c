/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "ruhu-json.h"
#include "test-util.h"

/* The convergence property: three replicas make random edits, concurrent
 * edits of the same field, new entities, deletions, resolutions and
 * rejections, and exchange what they have in random subsets, orders and
 * duplicates. Once everything has reached everyone, every replica must hold
 * identical entities, values, heads and conflicts.
 *
 * Each trial has its own seed, printed on failure; RUHU_CONVERGENCE_SEED=N
 * replays just that trial, RUHU_CONVERGENCE_TRIALS=N changes the count. */

#define N_REPLICAS     3
#define N_STEPS        40
#define DEFAULT_TRIALS 1000

static const char *fields[] = { "name", "income_wage", "health" };

typedef struct
{
  GRand      *rand;
  RuhuStore  *replicas[N_REPLICAS];
  gint64      now_ms;
  char       *case_id;
  char       *root;
  GPtrArray  *rejected;   /* RuhuOp*: every operation a "server" refused */
} Trial;

static void
trial_init (Trial   *trial,
            guint32  seed)
{
  trial->rand = g_rand_new_with_seed (seed);
  trial->now_ms = 1800000000000;
  trial->case_id = g_uuid_string_random ();
  trial->root = g_uuid_string_random ();
  trial->rejected = g_ptr_array_new_with_free_func ((GDestroyNotify) ruhu_op_unref);
  for (guint i = 0; i < N_REPLICAS; i++)
    {
      /* One encrypted replica: sealing must not change what merges. */
      trial->replicas[i] = test_memory_store (i == 1 ? "passphrase" : NULL);
      test_set_fake_clock (trial->replicas[i], &trial->now_ms);
    }
}

static void
trial_clear (Trial *trial)
{
  for (guint i = 0; i < N_REPLICAS; i++)
    g_clear_object (&trial->replicas[i]);
  g_clear_pointer (&trial->rejected, g_ptr_array_unref);
  g_clear_pointer (&trial->rand, g_rand_free);
  g_clear_pointer (&trial->case_id, g_free);
  g_clear_pointer (&trial->root, g_free);
}

static int
pick (Trial *trial,
      int    n)
{
  return g_rand_int_range (trial->rand, 0, n);
}

static JsonNode *
random_value (Trial *trial)
{
  /* Few values, so that concurrent writers often agree by chance. */
  return test_int (pick (trial, 3));
}

/* An entity the replica has and shows (not deleted), or NULL. */
static char *
pick_live_entity (Trial     *trial,
                  RuhuStore *store)
{
  g_autoptr(GPtrArray) entities = ruhu_store_list_entities (store, NULL, NULL);
  g_autoptr(GPtrArray) live = g_ptr_array_new ();

  for (guint i = 0; i < entities->len; i++)
    {
      RuhuEntityInfo *info = entities->pdata[i];

      if (!info->deleted)
        g_ptr_array_add (live, info->id);
    }
  if (live->len == 0)
    return NULL;
  return g_strdup (live->pdata[pick (trial, live->len)]);
}

static void
step_edit (Trial     *trial,
           RuhuStore *store)
{
  g_autofree char *entity = pick_live_entity (trial, store);
  g_autoptr(JsonNode) value = random_value (trial);
  g_autoptr(RuhuOp) op = NULL;
  g_autoptr(GError) error = NULL;

  if (entity == NULL)
    op = ruhu_store_write (store, trial->root, "household", trial->case_id, NULL,
                           fields[pick (trial, G_N_ELEMENTS (fields))], value, "tester", &error);
  else
    op = ruhu_store_write (store, entity, NULL, NULL, NULL,
                           fields[pick (trial, G_N_ELEMENTS (fields))], value, "tester", &error);
  g_assert_no_error (error);
}

static void
step_new_entity (Trial     *trial,
                 RuhuStore *store)
{
  g_autofree char *entity = g_uuid_string_random ();
  g_autoptr(JsonNode) value = random_value (trial);
  g_autoptr(GError) error = NULL;
  g_autoptr(RuhuOp) op = ruhu_store_write (store, entity, pick (trial, 2) ? "member" : "evidence",
                                           trial->case_id, trial->root, fields[0], value,
                                           "tester", &error);

  g_assert_no_error (error);
}

static void
step_delete (Trial     *trial,
             RuhuStore *store)
{
  g_autofree char *entity = pick_live_entity (trial, store);
  g_autoptr(RuhuOp) op = NULL;
  g_autoptr(GError) error = NULL;

  if (entity == NULL)
    return;
  op = ruhu_store_set_deleted (store, entity, TRUE, "tester", &error);
  g_assert_no_error (error);
}

static void
step_resolve (Trial     *trial,
              RuhuStore *store)
{
  g_autoptr(GPtrArray) conflicts = ruhu_store_list_conflicts (store, NULL, NULL);
  g_autoptr(RuhuOp) op = NULL;
  g_autoptr(GError) error = NULL;
  RuhuConflict *conflict;

  if (conflicts->len == 0)
    return;
  conflict = conflicts->pdata[pick (trial, conflicts->len)];
  if (conflict->kind == RUHU_CONFLICT_DELETE_EDIT)
    {
      op = ruhu_store_set_deleted (store, conflict->entity, pick (trial, 2), "resolver", &error);
    }
  else
    {
      /* Pick one candidate's value, as a person would. */
      RuhuOp *chosen = conflict->candidates->pdata[pick (trial, conflict->candidates->len)];

      if (g_str_equal (conflict->field, RUHU_FIELD_DELETED))
        op = ruhu_store_set_deleted (store, conflict->entity, ruhu_op_value_is_true (chosen),
                                     "resolver", &error);
      else
        op = ruhu_store_write (store, conflict->entity, NULL, NULL, NULL, conflict->field,
                               chosen->value, "resolver", &error);
    }
  g_assert_no_error (error);
}

static void
shuffle (Trial     *trial,
         GPtrArray *array)
{
  for (guint i = array->len; i > 1; i--)
    {
      guint j = pick (trial, i);
      gpointer tmp = array->pdata[i - 1];

      array->pdata[i - 1] = array->pdata[j];
      array->pdata[j] = tmp;
    }
}

/* Sends a random subset of what @from has to @to, shuffled, some twice. */
static void
deliver (Trial     *trial,
         RuhuStore *from,
         RuhuStore *to,
         gboolean   everything)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) feed = NULL;
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) ruhu_op_unref);
  g_autoptr(GArray) results = NULL;
  gint64 cursor;

  feed = ruhu_store_feed_since (from, 0, G_MAXUINT, &cursor, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < feed->len; i++)
    {
      if (everything || pick (trial, 2))
        g_ptr_array_add (batch, ruhu_op_ref (feed->pdata[i]));
      if (pick (trial, 8) == 0)
        g_ptr_array_add (batch, ruhu_op_ref (feed->pdata[i]));
    }
  shuffle (trial, batch);
  g_assert_true (ruhu_store_apply (to, batch, &results, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < results->len; i++)
    {
      RuhuApplyResult *result = &g_array_index (results, RuhuApplyResult, i);

      if (result->status == RUHU_APPLY_INVALID)
        g_error ("a valid operation was refused: %s", result->message);
    }
}

/* A "server" refuses one of the replica's unacknowledged operations. */
static void
step_reject (Trial     *trial,
             RuhuStore *store)
{
  g_autoptr(GPtrArray) outbox = ruhu_store_outbox_peek (store, 1000, NULL);
  g_autoptr(GError) error = NULL;
  RuhuOp *op;

  if (outbox->len == 0)
    return;
  op = outbox->pdata[pick (trial, outbox->len)];
  g_assert_true (ruhu_store_reject (store, op, "refused by the rules", &error));
  g_assert_no_error (error);
  g_ptr_array_add (trial->rejected, ruhu_op_ref (op));
}

static gpointer
ref_op (gconstpointer op,
        gpointer      user_data)
{
  return ruhu_op_ref ((RuhuOp *) op);
}

static void
deliver_rejections (Trial     *trial,
                    RuhuStore *store)
{
  /* The copy unrefs what it holds when freed, so it takes references. */
  g_autoptr(GPtrArray) order = g_ptr_array_copy (trial->rejected, ref_op, NULL);

  shuffle (trial, order);
  for (guint i = 0; i < order->len; i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (ruhu_store_reject (store, order->pdata[i], "refused by the rules", &error));
      g_assert_no_error (error);
    }
}

static void
run_step (Trial *trial)
{
  RuhuStore *store = trial->replicas[pick (trial, N_REPLICAS)];
  int roll = pick (trial, 100);

  trial->now_ms += pick (trial, 3);  /* often the same millisecond */
  if (roll < 35)
    step_edit (trial, store);
  else if (roll < 45)
    step_new_entity (trial, store);
  else if (roll < 53)
    step_delete (trial, store);
  else if (roll < 63)
    step_resolve (trial, store);
  else if (roll < 90)
    {
      RuhuStore *other = trial->replicas[pick (trial, N_REPLICAS)];

      if (other != store)
        deliver (trial, store, other, FALSE);
    }
  else if (roll < 95)
    step_reject (trial, store);
  else
    deliver_rejections (trial, store);
}

/* Every conflict listed really is one: values differ, or a deletion missed an edit. */
static void
check_conflicts_are_real (RuhuStore *store)
{
  g_autoptr(GPtrArray) conflicts = ruhu_store_list_conflicts (store, NULL, NULL);

  for (guint i = 0; i < conflicts->len; i++)
    {
      RuhuConflict *conflict = conflicts->pdata[i];
      g_autofree char *first = NULL;
      gboolean differ = FALSE;

      g_assert_cmpuint (conflict->candidates->len, >=, 2);
      if (conflict->kind != RUHU_CONFLICT_VALUES)
        continue;
      for (guint j = 0; j < conflict->candidates->len; j++)
        {
          g_autofree char *value = ruhu_json_canonical (((RuhuOp *) conflict->candidates->pdata[j])->value);

          if (first == NULL)
            first = g_steal_pointer (&value);
          else
            differ |= !g_str_equal (first, value);
        }
      g_assert_true (differ);
    }
}

/* How many converged end states held each kind of thing: evidence that the
 * random walk reaches the cases that matter. */
typedef struct
{
  guint value_conflicts;
  guint delete_conflicts;
  guint rejections;
  guint deletions;
} Coverage;

static void
count_coverage (const char *dump,
                Coverage   *coverage)
{
  g_autofree char *value_tag = g_strdup_printf (" %d:", RUHU_CONFLICT_VALUES);
  g_autofree char *delete_tag = g_strdup_printf (" %d:", RUHU_CONFLICT_DELETE_EDIT);
  g_auto(GStrv) lines = g_strsplit (dump, "\n", -1);
  gboolean value = FALSE, deletion = FALSE, rejected = FALSE, deleted = FALSE;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (g_str_has_prefix (lines[i], "conflict "))
        {
          value |= strstr (lines[i], value_tag) != NULL;
          deletion |= strstr (lines[i], delete_tag) != NULL;
        }
      rejected |= g_str_has_prefix (lines[i], "rejected ");
      deleted |= g_str_has_suffix (lines[i], " deleted");
    }
  coverage->value_conflicts += value;
  coverage->delete_conflicts += deletion;
  coverage->rejections += rejected;
  coverage->deletions += deleted;
}

static gboolean
run_trial (guint32   seed,
           Coverage *coverage)
{
  Trial trial = { 0 };
  g_autofree char *reference = NULL;
  gboolean same = TRUE;

  trial_init (&trial, seed);
  for (int i = 0; i < N_STEPS; i++)
    run_step (&trial);

  /* Quiescence: every rejection and every version reaches every replica. */
  for (guint i = 0; i < N_REPLICAS; i++)
    deliver_rejections (&trial, trial.replicas[i]);
  for (guint round = 0; round < 2; round++)
    for (guint i = 0; i < N_REPLICAS; i++)
      for (guint j = 0; j < N_REPLICAS; j++)
        if (i != j)
          deliver (&trial, trial.replicas[i], trial.replicas[j], TRUE);

  reference = ruhu_store_dump (trial.replicas[0], NULL);
  for (guint i = 1; i < N_REPLICAS; i++)
    {
      g_autofree char *dump = ruhu_store_dump (trial.replicas[i], NULL);

      if (g_strcmp0 (reference, dump) != 0)
        {
          g_printerr ("replica 0:\n%s\nreplica %u:\n%s\n", reference, i, dump);
          same = FALSE;
        }
    }
  if (same)
    {
      check_conflicts_are_real (trial.replicas[0]);
      count_coverage (reference, coverage);
    }
  trial_clear (&trial);
  return same;
}

static guint
env_uint (const char *name,
          guint       fallback)
{
  const char *text = g_getenv (name);

  return text != NULL ? (guint) g_ascii_strtoull (text, NULL, 10) : fallback;
}

static void
test_replicas_converge (void)
{
  guint trials = env_uint ("RUHU_CONVERGENCE_TRIALS", DEFAULT_TRIALS);
  const char *replay = g_getenv ("RUHU_CONVERGENCE_SEED");
  Coverage coverage = { 0 };

  if (replay != NULL)
    {
      guint32 seed = env_uint ("RUHU_CONVERGENCE_SEED", 0);

      if (!run_trial (seed, &coverage))
        g_error ("replicas diverged with seed %u", seed);
      return;
    }

  for (guint t = 0; t < trials; t++)
    {
      guint32 seed = (guint32) g_test_rand_int ();

      if (!run_trial (seed, &coverage))
        g_error ("trial %u of %u: replicas diverged; replay with RUHU_CONVERGENCE_SEED=%u",
                 t + 1, trials, seed);
    }
  g_test_message ("%u trials converged; they ended with value conflicts in %u, "
                  "delete-vs-edit conflicts in %u, deletions in %u, rejections in %u",
                  trials, coverage.value_conflicts, coverage.delete_conflicts,
                  coverage.deletions, coverage.rejections);
  /* A walk that never reaches these would prove little. */
  g_assert_cmpuint (coverage.value_conflicts, >, trials / 20);
  g_assert_cmpuint (coverage.delete_conflicts, >, trials / 50);
  g_assert_cmpuint (coverage.rejections, >, trials / 20);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ruhu/merge/replicas-converge", test_replicas_converge);
  return g_test_run ();
}
