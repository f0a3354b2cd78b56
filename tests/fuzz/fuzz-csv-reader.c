/* fuzz-csv-reader.c: libFuzzer entry point for the CSV reader and writer
 *
 * Built and run by tests/fuzz/run-fuzz.sh.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdint.h>

#include "csv-exercise.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  csv_exercise (data, size);

  return 0;
}
