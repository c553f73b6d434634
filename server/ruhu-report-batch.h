/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ruhu-directory.h"
#include "ruhu-document.h"

G_BEGIN_DECLS

/* The district's monthly report batch (上报): a ZIP of the PDFs of every
 * case reported in the month (check sheet, acceptance notice, investigation
 * result, township opinion, as far as each case has them) and a manifest
 * with the SHA-256 of every file, so the district can tell that nothing was
 * changed or left out on the way. */

gboolean ruhu_report_batch_write (RuhuStore                  *store,
                                  RuhuDirectory              *directory,
                                  RuhuFormSet                *forms,
                                  const RuhuDocumentOptions  *options,
                                  guint                       year,
                                  guint                       month,
                                  const char                 *township,
                                  const char                 *zip_path,
                                  guint                      *n_cases,
                                  GError                    **error);

G_END_DECLS
