/* attest-column-sorter.c: a column's sorter that lets the record store sort
 *
 * Sorting a million rows belongs to the record store, which permutes its own
 * index; a GtkSortListModel would need an object per row. The column headers
 * still carry a GtkSorter each, so that GtkColumnView draws its arrows and
 * handles the clicks. GTK 4.8 cannot say which column the view sorts by
 * (that accessor came in 4.10), so we ask the view's sorter itself: it
 * consults its primary column first, and our column sorters answer
 * "smaller" and remember who was asked. An inverted answer means descending.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-column-sorter"

#include "config.h"

#include "attest-column-sorter.h"

struct _AttestColumnSorter
{
  GtkSorter         parent_instance;

  AttestRecordSort  sort;
};

G_DEFINE_FINAL_TYPE (AttestColumnSorter, attest_column_sorter, GTK_TYPE_SORTER)

/* The column asked last while reading the view's sorter. */
static AttestColumnSorter *asked;

static GtkOrdering
attest_column_sorter_compare (GtkSorter *sorter,
                              gpointer   item1,
                              gpointer   item2)
{
  asked = ATTEST_COLUMN_SORTER (sorter);
  return GTK_ORDERING_SMALLER;
}

static GtkSorterOrder
attest_column_sorter_get_order (GtkSorter *sorter)
{
  return GTK_SORTER_ORDER_PARTIAL;
}

static void
attest_column_sorter_class_init (AttestColumnSorterClass *klass)
{
  GtkSorterClass *sorter_class = GTK_SORTER_CLASS (klass);

  sorter_class->compare = attest_column_sorter_compare;
  sorter_class->get_order = attest_column_sorter_get_order;
}

static void
attest_column_sorter_init (AttestColumnSorter *self)
{
}

GtkSorter *
attest_column_sorter_new (AttestRecordSort sort)
{
  AttestColumnSorter *self = g_object_new (ATTEST_TYPE_COLUMN_SORTER, NULL);

  self->sort = sort;
  return GTK_SORTER (self);
}

AttestRecordSort
attest_column_sorter_get_sort (AttestColumnSorter *self)
{
  g_return_val_if_fail (ATTEST_IS_COLUMN_SORTER (self), ATTEST_RECORD_SORT_INDEX);

  return self->sort;
}

/* Returns what @view_sorter (a GtkColumnView's sorter) sorts by, or
 * ATTEST_RECORD_SORT_INDEX (file order) when no column is sorted. */
AttestRecordSort
attest_column_sorter_read_view_sorter (GtkSorter *view_sorter,
                                       gboolean  *descending)
{
  g_autoptr(GObject) a = g_object_new (G_TYPE_OBJECT, NULL);
  g_autoptr(GObject) b = g_object_new (G_TYPE_OBJECT, NULL);
  GtkOrdering ordering;
  AttestRecordSort sort = ATTEST_RECORD_SORT_INDEX;

  g_return_val_if_fail (GTK_IS_SORTER (view_sorter), ATTEST_RECORD_SORT_INDEX);

  asked = NULL;
  ordering = gtk_sorter_compare (view_sorter, a, b);
  if (asked != NULL)
    sort = asked->sort;
  asked = NULL;

  if (descending != NULL)
    *descending = ordering == GTK_ORDERING_LARGER;

  return sort;
}
