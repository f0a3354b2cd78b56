/* attest-cli-table.c: text in columns on a terminal
 *
 * Columns line up by what a terminal shows, not by bytes: a translated
 * header, a date in words or a number grouped with a narrow no-break
 * space takes a cell per character, two for a wide one and none for a
 * combining mark, as GLib counts them for --help. A column is as wide as
 * its widest cell, so that a translation or a long date never pushes the
 * next column out of line.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-cli-table"

#include "config.h"

#include <string.h>

#include "attest-cli-private.h"

struct _AttestCliTable
{
  char      *alignment;   /* 'l' or 'r' per column */
  guint      n_columns;
  GPtrArray *rows;        /* GStrv */
};

/* How many terminal cells @text takes. */
guint
attest_cli_text_width (const char *text)
{
  guint width = 0;

  g_return_val_if_fail (text != NULL, 0);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iszerowidth (c))
        continue;
      width += g_unichar_iswide (c) ? 2 : 1;
    }

  return width;
}

/* Appends @text to @line in a field of @width cells, left-aligned when
 * @width is negative and right-aligned when it is positive, as printf's
 * "%*s" does with bytes. */
void
attest_cli_append_padded (GString    *line,
                          const char *text,
                          int         width)
{
  guint text_width = attest_cli_text_width (text);
  guint field = (guint) ABS (width);
  guint padding = field > text_width ? field - text_width : 0;

  if (width > 0)
    for (guint i = 0; i < padding; i++)
      g_string_append_c (line, ' ');
  g_string_append (line, text);
  if (width < 0)
    for (guint i = 0; i < padding; i++)
      g_string_append_c (line, ' ');
}

/* A table whose columns are aligned as @alignment says, a character a
 * column: 'l' left, 'r' right (numbers). */
AttestCliTable *
attest_cli_table_new (const char *alignment)
{
  AttestCliTable *table = g_new0 (AttestCliTable, 1);

  g_return_val_if_fail (alignment != NULL && alignment[0] != '\0', NULL);

  table->alignment = g_strdup (alignment);
  table->n_columns = strlen (alignment);
  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  return table;
}

void
attest_cli_table_free (AttestCliTable *table)
{
  g_free (table->alignment);
  g_ptr_array_unref (table->rows);
  g_free (table);
}

/* Adds a row of as many texts as the table has columns. */
void
attest_cli_table_add_row (AttestCliTable *table,
                          ...)
{
  GStrv row = g_new0 (char *, table->n_columns + 1);
  va_list args;

  va_start (args, table);
  for (guint i = 0; i < table->n_columns; i++)
    {
      const char *cell = va_arg (args, const char *);

      row[i] = g_strdup (cell != NULL ? cell : "");
    }
  va_end (args);

  g_ptr_array_add (table->rows, row);
}

/* Prints the table on stdout, the columns two cells apart. */
void
attest_cli_table_print (AttestCliTable *table)
{
  g_autofree guint *widths = g_new0 (guint, table->n_columns);
  g_autoptr(GString) line = g_string_new (NULL);

  for (guint r = 0; r < table->rows->len; r++)
    {
      GStrv row = g_ptr_array_index (table->rows, r);

      for (guint c = 0; c < table->n_columns; c++)
        widths[c] = MAX (widths[c], attest_cli_text_width (row[c]));
    }

  for (guint r = 0; r < table->rows->len; r++)
    {
      GStrv row = g_ptr_array_index (table->rows, r);

      g_string_truncate (line, 0);
      for (guint c = 0; c < table->n_columns; c++)
        {
          int width = (int) widths[c];

          if (c > 0)
            g_string_append (line, "  ");
          attest_cli_append_padded (line, row[c], table->alignment[c] == 'r' ? width : -width);
        }
      while (line->len > 0 && line->str[line->len - 1] == ' ')
        g_string_truncate (line, line->len - 1);
      g_print ("%s\n", line->str);
    }
}
