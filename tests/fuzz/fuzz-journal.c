/* fuzz-journal.c: libFuzzer entry point for reading a run journal back
 *
 * A journal on disk may have been cut short, edited or damaged; reading it
 * must give a replay or a clear error, never a crash. Built and run by
 * tests/fuzz/run-fuzz.sh.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdint.h>

#include "attest-run-replay.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static char *journal_path;

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(AttestRunReplay) replay = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) unanswered = NULL;

  if (journal_path == NULL)
    {
      g_autofree char *directory = g_dir_make_tmp ("attest-fuzz-journal-XXXXXX", NULL);

      g_assert (directory != NULL);
      journal_path = g_build_filename (directory, "run.jsonl", NULL);
    }

  if (!g_file_set_contents (journal_path, (const char *) data, size, NULL))
    g_error ("Cannot write %s", journal_path);

  replay = attest_run_replay_read (journal_path, &error);
  g_assert ((replay == NULL) != (error == NULL));
  if (replay == NULL)
    return 0;

  g_assert (replay->header != NULL);
  unanswered = attest_run_replay_list_unanswered (replay);
  for (guint i = 0; i < replay->batches->len; i++)
    {
      AttestReplayBatch *batch = g_ptr_array_index (replay->batches, i);

      g_assert (attest_run_replay_find_batch (replay, batch->number) != NULL);
    }
  (void) attest_run_replay_count_status (replay, "attested");

  return 0;
}
