/* attest-progress.c: how far a run is, how fast it goes, when it ends
 *
 * The rate is an exponentially weighted average over samples at least a
 * second apart, so that one fast batch does not promise an ETA that the next
 * slow one breaks, and the estimate settles within a few seconds.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-progress"

#include "config.h"

#include "attest-progress.h"

#define SAMPLE_INTERVAL  G_USEC_PER_SEC
#define SMOOTHING        0.3

void
attest_progress_meter_init (AttestProgressMeter *meter,
                            guint                total,
                            guint                already_done,
                            gint64               now)
{
  g_return_if_fail (meter != NULL);

  *meter = (AttestProgressMeter) { 0 };
  meter->progress.total = total;
  meter->progress.done = MIN (already_done, total);
  meter->progress.eta_seconds = meter->progress.done == total ? 0 : -1;
  meter->started_at = now;
  meter->last_sample_at = now;
  meter->last_sample_done = meter->progress.done;
}

void
attest_progress_meter_update (AttestProgressMeter *meter,
                              guint                newly_done,
                              gint64               now)
{
  AttestProgress *progress;
  gint64 elapsed;

  g_return_if_fail (meter != NULL);

  progress = &meter->progress;
  progress->done = MIN (progress->done + newly_done, progress->total);

  elapsed = now - meter->last_sample_at;
  if (elapsed >= SAMPLE_INTERVAL)
    {
      double sample = (double) (progress->done - meter->last_sample_done)
                      * G_USEC_PER_SEC / (double) elapsed;

      progress->rate = progress->rate > 0 ? SMOOTHING * sample + (1 - SMOOTHING) * progress->rate
                                          : sample;
      meter->last_sample_at = now;
      meter->last_sample_done = progress->done;
    }

  if (progress->done >= progress->total)
    progress->eta_seconds = 0;
  else if (progress->rate > 0)
    progress->eta_seconds = (gint64) ((progress->total - progress->done) / progress->rate + 0.5);
  else
    progress->eta_seconds = -1;
}
