/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "ruhu-public-cache.h"

/* A public page reads every case of its township: about 0.1 ms each, for
 * anyone who asks, without signing in. So each page is kept with a stamp
 * of what it was made from (the store's newest version, the day, the
 * township's notice settings) and served again while the stamp is the
 * same, for at most RUHU_PUBLIC_CACHE_MAX_AGE_US: a change that the stamp
 * does not see (a case moved by ruhu-admin) shows within that time, less
 * than the five minutes browsers are told they may keep the page. Pages
 * are few (two per township that publishes), so nothing is evicted.
 * Requests run on several threads, hence the lock. */

struct _RuhuPublicCache
{
  GMutex      lock;
  GHashTable *pages;  /* key → Page* */
};

typedef struct
{
  char   *stamp;
  gint64  made_us;
  GBytes *page;
} Page;

static void
page_free (gpointer data)
{
  Page *page = data;

  g_free (page->stamp);
  g_bytes_unref (page->page);
  g_free (page);
}

RuhuPublicCache *
ruhu_public_cache_new (void)
{
  RuhuPublicCache *cache = g_new0 (RuhuPublicCache, 1);

  g_mutex_init (&cache->lock);
  cache->pages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, page_free);
  return cache;
}

void
ruhu_public_cache_free (RuhuPublicCache *cache)
{
  if (cache == NULL)
    return;
  g_hash_table_unref (cache->pages);
  g_mutex_clear (&cache->lock);
  g_free (cache);
}

/**
 * ruhu_public_cache_lookup:
 * @stamp: what the page would be made from now
 * @now_us: the monotonic time (g_get_monotonic_time())
 *
 * Returns: (transfer full) (nullable): the page kept for @key, if it was
 *   made from @stamp less than RUHU_PUBLIC_CACHE_MAX_AGE_US ago
 */
GBytes *
ruhu_public_cache_lookup (RuhuPublicCache *cache,
                          const char      *key,
                          const char      *stamp,
                          gint64           now_us)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&cache->lock);
  Page *page = g_hash_table_lookup (cache->pages, key);

  if (page == NULL || g_strcmp0 (page->stamp, stamp) != 0 || now_us < page->made_us ||
      now_us - page->made_us >= RUHU_PUBLIC_CACHE_MAX_AGE_US)
    return NULL;
  return g_bytes_ref (page->page);
}

/**
 * ruhu_public_cache_store:
 * @page: the page just made from @stamp
 */
void
ruhu_public_cache_store (RuhuPublicCache *cache,
                         const char      *key,
                         const char      *stamp,
                         gint64           now_us,
                         GBytes          *page)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&cache->lock);
  Page *entry = g_new0 (Page, 1);

  entry->stamp = g_strdup (stamp);
  entry->made_us = now_us;
  entry->page = g_bytes_ref (page);
  g_hash_table_replace (cache->pages, g_strdup (key), entry);
}
