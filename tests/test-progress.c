/* test-progress.c: progress, rate and ETA (unit suite)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "attest-progress.h"
#include "attest-test-init.h"

#define SECOND G_USEC_PER_SEC

static void
test_progress_rate_and_eta (void)
{
  AttestProgressMeter meter;
  gint64 t = 1000 * SECOND;

  attest_progress_meter_init (&meter, 1000, 0, t);
  g_assert_cmpuint (meter.progress.done, ==, 0);
  g_assert_cmpint (meter.progress.eta_seconds, ==, -1);

  /* Not a second yet: no rate, no promise. */
  attest_progress_meter_update (&meter, 50, t + SECOND / 2);
  g_assert_cmpuint (meter.progress.done, ==, 50);
  g_assert_cmpfloat (meter.progress.rate, ==, 0);
  g_assert_cmpint (meter.progress.eta_seconds, ==, -1);

  /* 100 records in the first second: 100/s, 900 left, 9 s. */
  attest_progress_meter_update (&meter, 50, t + SECOND);
  g_assert_cmpfloat_with_epsilon (meter.progress.rate, 100.0, 1e-9);
  g_assert_cmpint (meter.progress.eta_seconds, ==, 9);

  /* A steady 200/s pulls the smoothed rate up, not all the way at once. */
  attest_progress_meter_update (&meter, 200, t + 2 * SECOND);
  g_assert_cmpfloat_with_epsilon (meter.progress.rate, 0.3 * 200 + 0.7 * 100, 1e-9);
  g_assert_cmpint (meter.progress.eta_seconds, ==, (gint64) (700 / 130.0 + 0.5));

  attest_progress_meter_update (&meter, 5000, t + 3 * SECOND);
  g_assert_cmpuint (meter.progress.done, ==, 1000);
  g_assert_cmpint (meter.progress.eta_seconds, ==, 0);
}

static void
test_progress_resumed_run (void)
{
  AttestProgressMeter meter;

  attest_progress_meter_init (&meter, 10, 4, 0);
  g_assert_cmpuint (meter.progress.done, ==, 4);
  attest_progress_meter_init (&meter, 10, 10, 0);
  g_assert_cmpint (meter.progress.eta_seconds, ==, 0);
  attest_progress_meter_init (&meter, 0, 0, 0);
  g_assert_cmpint (meter.progress.eta_seconds, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  attest_test_init (&argc, &argv, ATTEST_TEST_DEFAULT);

  g_test_add_func ("/progress/rate-and-eta", test_progress_rate_and_eta);
  g_test_add_func ("/progress/resumed-run", test_progress_resumed_run);

  return g_test_run ();
}
