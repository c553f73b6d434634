/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "ruhu-device.h"
#include "ruhu-start-page.h"

typedef struct
{
  char         *store_dir;
  char         *error;
  GCancellable *cancellable;
  gboolean      busy;
} RuhuStartPagePrivate;

G_DEFINE_TYPE_WITH_PRIVATE (RuhuStartPage, ruhu_start_page, ADW_TYPE_BIN)

enum
{
  PROP_0,
  PROP_BUSY,
  PROP_ERROR,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

static void
ruhu_start_page_dispose (GObject *object)
{
  RuhuStartPagePrivate *priv = ruhu_start_page_get_instance_private (RUHU_START_PAGE (object));

  g_cancellable_cancel (priv->cancellable);
  G_OBJECT_CLASS (ruhu_start_page_parent_class)->dispose (object);
}

static void
ruhu_start_page_finalize (GObject *object)
{
  RuhuStartPagePrivate *priv = ruhu_start_page_get_instance_private (RUHU_START_PAGE (object));

  g_clear_object (&priv->cancellable);
  g_free (priv->store_dir);
  g_free (priv->error);
  G_OBJECT_CLASS (ruhu_start_page_parent_class)->finalize (object);
}

static void
ruhu_start_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  RuhuStartPage *self = RUHU_START_PAGE (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, ruhu_start_page_get_busy (self));
      break;
    case PROP_ERROR:
      g_value_set_string (value, ruhu_start_page_get_error (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ruhu_start_page_class_init (RuhuStartPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ruhu_start_page_dispose;
  object_class->finalize = ruhu_start_page_finalize;
  object_class->get_property = ruhu_start_page_get_property;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The message the page shows, or NULL. */
  properties[PROP_ERROR] =
    g_param_spec_string ("error", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ruhu_start_page_init (RuhuStartPage *self)
{
  RuhuStartPagePrivate *priv = ruhu_start_page_get_instance_private (self);

  priv->cancellable = g_cancellable_new ();
  priv->store_dir = ruhu_device_default_dir ();
}

void
ruhu_start_page_set_store_dir (RuhuStartPage *self,
                               const char    *dir)
{
  RuhuStartPagePrivate *priv = ruhu_start_page_get_instance_private (self);

  g_return_if_fail (RUHU_IS_START_PAGE (self));
  g_return_if_fail (dir != NULL);

  g_free (priv->store_dir);
  priv->store_dir = g_strdup (dir);
}

const char *
ruhu_start_page_get_store_dir (RuhuStartPage *self)
{
  RuhuStartPagePrivate *priv = ruhu_start_page_get_instance_private (self);

  g_return_val_if_fail (RUHU_IS_START_PAGE (self), NULL);
  return priv->store_dir;
}

gboolean
ruhu_start_page_get_busy (RuhuStartPage *self)
{
  RuhuStartPagePrivate *priv = ruhu_start_page_get_instance_private (self);

  g_return_val_if_fail (RUHU_IS_START_PAGE (self), FALSE);
  return priv->busy;
}

void
ruhu_start_page_set_busy (RuhuStartPage *self,
                          gboolean       busy)
{
  RuhuStartPagePrivate *priv = ruhu_start_page_get_instance_private (self);

  g_return_if_fail (RUHU_IS_START_PAGE (self));
  priv->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

const char *
ruhu_start_page_get_error (RuhuStartPage *self)
{
  RuhuStartPagePrivate *priv = ruhu_start_page_get_instance_private (self);

  g_return_val_if_fail (RUHU_IS_START_PAGE (self), NULL);
  return priv->error;
}

/* Shows @message, or no message for NULL. */
void
ruhu_start_page_set_error (RuhuStartPage *self,
                           const char    *message)
{
  RuhuStartPagePrivate *priv = ruhu_start_page_get_instance_private (self);

  g_return_if_fail (RUHU_IS_START_PAGE (self));
  g_free (priv->error);
  priv->error = g_strdup (message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

/* Cancelled when the page goes away. */
GCancellable *
ruhu_start_page_get_cancellable (RuhuStartPage *self)
{
  RuhuStartPagePrivate *priv = ruhu_start_page_get_instance_private (self);

  g_return_val_if_fail (RUHU_IS_START_PAGE (self), NULL);
  return priv->cancellable;
}
