/* attest-progress.h: how far a run is, how fast it goes, when it ends
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  guint  total;            /* records of the run */
  guint  done;             /* records with an outcome */
  /* The outcomes of the whole run: a resumed one counts what its journal
   * holds from before too. */
  guint  attested;
  guint  already_attested;
  guint  rejected;
  guint  failed;
  double rate;             /* records per second, smoothed; 0 until known */
  gint64 eta_seconds;      /* -1 until known */
} AttestProgress;

typedef struct
{
  AttestProgress progress;
  gint64         started_at;     /* monotonic µs */
  gint64         last_sample_at;
  guint          last_sample_done;
} AttestProgressMeter;

void attest_progress_meter_init   (AttestProgressMeter *meter,
                                   guint                total,
                                   guint                already_done,
                                   gint64               now);
void attest_progress_meter_update (AttestProgressMeter *meter,
                                   guint                newly_done,
                                   gint64               now);

G_END_DECLS
