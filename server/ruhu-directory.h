/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "ruhu-crypto.h"

G_BEGIN_DECLS

/* The server's directory: users, their roles and places, devices, bearer
 * tokens, case assignments and the place of each case. Kept in
 * DIR/server.db (SQLite, WAL, synchronous=FULL), apart from case data. */

#define RUHU_DIRECTORY_ERROR (ruhu_directory_error_quark ())

typedef enum
{
  RUHU_DIRECTORY_ERROR_BAD_CREDENTIALS,
  RUHU_DIRECTORY_ERROR_UNKNOWN_TOKEN,
  RUHU_DIRECTORY_ERROR_TOKEN_EXPIRED,
  RUHU_DIRECTORY_ERROR_REVOKED,
  RUHU_DIRECTORY_ERROR_NO_SUCH_USER,
  RUHU_DIRECTORY_ERROR_USER_EXISTS,
  RUHU_DIRECTORY_ERROR_INVALID,      /* bad user name, place code, role, weak password */
  RUHU_DIRECTORY_ERROR_DATABASE,
} RuhuDirectoryError;

typedef enum
{
  RUHU_ROLE_INVESTIGATOR,
  RUHU_ROLE_VILLAGE_ASSISTANT,
  RUHU_ROLE_VOLUNTEER,
  RUHU_ROLE_SUPERVISOR,
  RUHU_ROLE_DISTRICT_OFFICER,
  RUHU_ROLE_ADMINISTRATOR,
} RuhuRole;

/* Who is calling: the result of a login or of checking a token. */
typedef struct
{
  char     *user_id;
  char     *name;
  RuhuRole  role;
  char     *place;       /* division code (6, 9 or 12 digits); "" for an administrator */
  char     *device_id;
  gint64    expires_at;  /* Unix seconds */
} RuhuPrincipal;

typedef struct
{
  char     *user_id;
  char     *name;
  RuhuRole  role;
  char     *place;
  gboolean  revoked;
} RuhuUserInfo;

typedef struct
{
  char     *device_id;
  char     *user_id;     /* who signed in from it last */
  char     *name;        /* nullable */
  gboolean  revoked;
  gint64    last_seen;   /* Unix seconds */
} RuhuDeviceInfo;

#define RUHU_TYPE_DIRECTORY (ruhu_directory_get_type ())
G_DECLARE_FINAL_TYPE (RuhuDirectory, ruhu_directory, RUHU, DIRECTORY, GObject)

/* Returns the time in Unix seconds: tests replace the real clock. */
typedef gint64 (*RuhuDirectoryClockFunc) (gpointer user_data);

GQuark         ruhu_directory_error_quark   (void);

const char    *ruhu_role_to_string          (RuhuRole            role);
gboolean       ruhu_role_from_string        (const char         *text,
                                             RuhuRole           *role);
gboolean       ruhu_place_code_is_valid     (const char         *code);
gboolean       ruhu_place_contains          (const char         *scope,
                                             const char         *place);

RuhuDirectory *ruhu_directory_open          (const char         *path,
                                             GError            **error);
void           ruhu_directory_set_clock     (RuhuDirectory      *self,
                                             RuhuDirectoryClockFunc func,
                                             gpointer            user_data);
void           ruhu_directory_set_kdf_params (RuhuDirectory     *self,
                                              const RuhuKdfParams *params);

/* Users (ruhu-admin) */
gboolean       ruhu_directory_add_user      (RuhuDirectory      *self,
                                             const char         *user_id,
                                             const char         *name,
                                             RuhuRole            role,
                                             const char         *place,
                                             const char         *password,
                                             GError            **error);
gboolean       ruhu_directory_modify_user   (RuhuDirectory      *self,
                                             const char         *user_id,
                                             const char         *name,
                                             const RuhuRole     *role,
                                             const char         *place,
                                             const char         *password,
                                             GError            **error);
GPtrArray     *ruhu_directory_list_users    (RuhuDirectory      *self,
                                             GError            **error);
gboolean       ruhu_directory_revoke_user   (RuhuDirectory      *self,
                                             const char         *user_id,
                                             GError            **error);
gboolean       ruhu_directory_revoke_device (RuhuDirectory      *self,
                                             const char         *device_id,
                                             GError            **error);
GPtrArray     *ruhu_directory_list_devices  (RuhuDirectory      *self,
                                             GError            **error);
gboolean       ruhu_directory_get_device_key (RuhuDirectory     *self,
                                              const char        *device_id,
                                              char             **public_key,
                                              GError           **error);

/* Sessions */
char          *ruhu_directory_login         (RuhuDirectory      *self,
                                             const char         *user_id,
                                             const char         *password,
                                             const char         *device_id,
                                             const char         *device_name,
                                             const char         *device_key,
                                             gint64              ttl_seconds,
                                             RuhuPrincipal     **principal,
                                             GError            **error);
RuhuPrincipal *ruhu_directory_authenticate  (RuhuDirectory      *self,
                                             const char         *token,
                                             GError            **error);

/* Scope: assignments and the place of each case */
gboolean       ruhu_directory_assign        (RuhuDirectory      *self,
                                             const char         *case_id,
                                             const char         *user_id,
                                             GError            **error);
gboolean       ruhu_directory_is_assigned   (RuhuDirectory      *self,
                                             const char         *case_id,
                                             const char         *user_id,
                                             gboolean           *assigned,
                                             GError            **error);
GPtrArray     *ruhu_directory_list_assigned (RuhuDirectory      *self,
                                             const char         *user_id,
                                             GError            **error);
gboolean       ruhu_directory_set_case_place (RuhuDirectory     *self,
                                              const char        *case_id,
                                              const char        *place,
                                              const char        *creator,
                                              GError           **error);
gboolean       ruhu_directory_get_case_place (RuhuDirectory     *self,
                                              const char        *case_id,
                                              char             **place,
                                              char             **creator,
                                              GError           **error);

void           ruhu_principal_free          (RuhuPrincipal      *principal);
void           ruhu_user_info_free          (RuhuUserInfo       *info);
void           ruhu_device_info_free        (RuhuDeviceInfo     *info);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RuhuPrincipal, ruhu_principal_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RuhuUserInfo, ruhu_user_info_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RuhuDeviceInfo, ruhu_device_info_free)

G_END_DECLS
