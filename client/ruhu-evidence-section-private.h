/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ruhu-evidence-job.h"
#include "ruhu-evidence-section.h"

G_BEGIN_DECLS

/* Longest side of a thumbnail in pixels: sharp at twice the tile size. */
#define THUMBNAIL_SIZE 320

struct _RuhuEvidenceSection
{
  AdwBin            parent_instance;
  RuhuDevice       *device;
  char             *case_id;
  RuhuForm         *form;              /* the evidence form; owned by the device's set */
  RuhuFormField    *category_field;
  RuhuEvidenceList *list;              /* as last loaded; nullable */
  GCancellable     *cancellable;       /* the list and its thumbnails */
  GCancellable     *add_cancellable;   /* a photo being added */
  char             *pending_photo;     /* SHA-256 of the photo waiting for its category */
  char             *editing_entity;    /* the saved evidence being filed anew; nullable */
  gboolean          pending_from_camera;
  gboolean          loading;
  guint             n_thumbnails_loading;
  guint             n_thumbnails;

  GtkButton        *capture_button;
  GtkLabel         *message_label;
  GtkRevealer      *pending_revealer;
  GtkPicture       *pending_picture;
  GtkDropDown      *category_dropdown;
  GtkLabel         *member_label;
  GtkDropDown      *member_dropdown;
  GtkButton        *discard_button;
  GtkButton        *save_button;
  GtkLabel         *empty_label;
  GtkFlowBox       *flowbox;
};

/* ruhu-evidence-section.c */
void ruhu_evidence_section_show_message (RuhuEvidenceSection *self,
                                         const char          *message);

/* ruhu-evidence-add.c: a new photo, from a file or the camera, waiting
 * for its category and member until it is saved as evidence */
void ruhu_evidence_add_class_init       (GtkWidgetClass      *widget_class);
void ruhu_evidence_add_init             (RuhuEvidenceSection *self);
void ruhu_evidence_add_file             (RuhuEvidenceSection *self,
                                         GFile               *file);
void ruhu_evidence_add_cancel           (RuhuEvidenceSection *self);
void ruhu_evidence_add_edit             (RuhuEvidenceSection *self,
                                         const char          *entity);

G_END_DECLS
