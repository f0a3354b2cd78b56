/* attest-record-view.c: a GListModel over a store: filter, search and sort
 * over a million records
 *
 * The view is an array of record indexes, or nothing at all while it shows
 * every record in file order. Filtering asks the store for each record's
 * mark, problems and status; searching and sorting peek at field values
 * in the store's text, copying only the few that are quoted. Items are made
 * for the positions asked for and are remembered only weakly.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-record-view"

#include "config.h"

#include <string.h>

#include "attest-record-private.h"
#include "attest-record-view.h"

/* A list widget of GTK 4.8 keeps some 200 rows alive from the first one
 * shown. Told that all its items changed, it makes them all anew, and
 * drops the old: 200 rows of a dozen cells, most of the time a sort or a
 * search takes. Told instead that the new items came before the old ones,
 * and then scrolled to the first (as the grid does, to show a new order
 * from its start), it binds the rows of the old items, which it no longer
 * shows, to the new ones, as when it scrolls; the old items then go
 * without rows. Where the old rows are fewer than it keeps, it has rows
 * for both at once, and one change lets it keep the rows of the items in
 * both. */
#define ROWS_KEPT 200

struct _AttestRecordView
{
  GObject             parent_instance;

  AttestRecordStore  *store;
  AttestRecordSort    sort;
  gboolean            descending;
  AttestRecordFilter  filter;
  char               *search;        /* folded for search, or NULL */
  GArray             *order;         /* guint32 record indexes, or NULL for all in file order */
  GHashTable         *live;          /* index -> AttestRecord *, weakly */

  /* While a new order is announced (announce_order()): the rows shown
   * before, after the new ones. */
  GArray             *old_order;     /* as order */
  guint               old_n;
};

static void attest_record_view_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AttestRecordView, attest_record_view, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      attest_record_view_list_model_init))

static guint
view_get_n (AttestRecordView *self)
{
  return (self->order != NULL ? self->order->len : attest_record_store_get_n_records (self->store))
         + self->old_n;
}

/* The record at @position, old rows included while they are announced. */
static guint
view_get_index (AttestRecordView *self,
                guint             position)
{
  guint n_new = view_get_n (self) - self->old_n;

  if (position >= n_new)
    {
      position -= n_new;
      return self->old_order != NULL ? g_array_index (self->old_order, guint32, position)
                                     : position;
    }

  return self->order != NULL ? g_array_index (self->order, guint32, position) : position;
}

static GType
list_model_get_item_type (GListModel *model)
{
  return ATTEST_TYPE_RECORD;
}

static guint
list_model_get_n_items (GListModel *model)
{
  return view_get_n (ATTEST_RECORD_VIEW (model));
}

/* An item is forgotten when its last reference goes. */
static void
item_gone (gpointer  data,
           GObject  *item)
{
  AttestRecordView *self = data;
  guint index = attest_record_get_index ((AttestRecord *) item);

  if (g_hash_table_lookup (self->live, GUINT_TO_POINTER (index)) == item)
    g_hash_table_remove (self->live, GUINT_TO_POINTER (index));
}

static gpointer
list_model_get_item (GListModel *model,
                     guint       position)
{
  AttestRecordView *self = ATTEST_RECORD_VIEW (model);
  AttestRecord *item;
  guint index;

  if (position >= view_get_n (self))
    return NULL;

  index = view_get_index (self, position);
  item = g_hash_table_lookup (self->live, GUINT_TO_POINTER (index));
  if (item != NULL)
    return g_object_ref (item);

  item = _attest_record_new (self->store, index);
  g_object_weak_ref (G_OBJECT (item), item_gone, self);
  g_hash_table_insert (self->live, GUINT_TO_POINTER (index), item);

  return item;
}

static void
attest_record_view_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = list_model_get_item_type;
  iface->get_n_items = list_model_get_n_items;
  iface->get_item = list_model_get_item;
}

/* g_ascii_tolower(), inlined: it is called for each byte compared when
 * sorting or searching, where the call was a tenth of the time. */
static inline guchar
lower (char c)
{
  guchar u = (guchar) c;

  return u >= 'A' && u <= 'Z' ? u + ('a' - 'A') : u;
}

static gboolean
contains_ascii_nocase (const char *haystack,
                       gsize       haystack_len,
                       const char *needle,
                       gsize       needle_len)
{
  if (needle_len > haystack_len)
    return FALSE;

  for (gsize i = 0; i + needle_len <= haystack_len; i++)
    {
      gsize j = 0;

      /* The needle is folded: lower case already. */
      while (j < needle_len && lower (haystack[i + j]) == (guchar) needle[j])
        j++;
      if (j == needle_len)
        return TRUE;
    }

  return FALSE;
}

static gboolean
is_ascii (const char *text,
          gsize       len)
{
  guint8 high = 0;

  for (gsize i = 0; i < len; i++)
    high |= (guchar) text[i];

  return (high & 0x80) == 0;
}

/* Folds @text for a search that ignores case and accents: "Amélie" becomes
 * "amelie", "Yılmaz" (with the Turkish dotless ı) "yilmaz", "Straße"
 * "strasse". Letters without a Latin base stay, case-folded. */
char *
attest_record_fold_for_search (const char *text,
                               gssize      len)
{
  static const struct {
    gunichar    c;
    const char *ascii;
  } letters[] = {
    { 0x0131, "i" }, { 0x00DF, "ss" }, { 0x00F8, "o" }, { 0x00D8, "o" }, { 0x00E6, "ae" },
    { 0x00C6, "ae" }, { 0x0153, "oe" }, { 0x0152, "oe" }, { 0x0142, "l" }, { 0x0141, "l" },
    { 0x0111, "d" }, { 0x0110, "d" }, { 0x00F0, "d" }, { 0x00D0, "d" }, { 0x00FE, "th" },
    { 0x00DE, "th" },
  };
  GString *folded = g_string_sized_new (len < 0 ? 16 : len);
  const char *end = len < 0 ? NULL : text + len;

  for (const char *p = text; (end == NULL ? *p != '\0' : p < end); p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char_validated (p, end == NULL ? -1 : end - p);
      gunichar decomposed[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
      gboolean done = FALSE;

      if (c == (gunichar) -1 || c == (gunichar) -2)
        break;

      if (c < 0x80)
        {
          g_string_append_c (folded, g_ascii_tolower (c));
          continue;
        }

      for (guint i = 0; i < G_N_ELEMENTS (letters) && !done; i++)
        {
          if (letters[i].c == c)
            {
              g_string_append (folded, letters[i].ascii);
              done = TRUE;
            }
        }
      if (done)
        continue;

      /* A letter with accents decomposes into its base and the marks. */
      if (g_unichar_fully_decompose (c, FALSE, decomposed, G_N_ELEMENTS (decomposed)) > 0
          && decomposed[0] < 0x80)
        g_string_append_c (folded, g_ascii_tolower (decomposed[0]));
      else
        g_string_append_unichar (folded, g_unichar_tolower (c));
    }

  return g_string_free (folded, FALSE);
}

static gboolean
value_contains (AttestRecordView  *self,
                const char        *value,
                gsize              len,
                gboolean           needle_is_ascii)
{
  g_autofree char *folded = NULL;

  if (needle_is_ascii)
    {
      if (contains_ascii_nocase (value, len, self->search, strlen (self->search)))
        return TRUE;
      if (is_ascii (value, len))
        return FALSE;
    }

  folded = attest_record_fold_for_search (value, len);
  return strstr (folded, self->search) != NULL;
}

static gboolean
matches_search (AttestRecordView  *self,
                guint              index,
                GString           *scratch,
                gboolean           needle_is_ascii)
{
  static const AttestRecordField searched[] = {
    ATTEST_RECORD_FIELD_CUSTOMER_TENANT_ID, ATTEST_RECORD_FIELD_FIRST_NAME,
    ATTEST_RECORD_FIELD_LAST_NAME, ATTEST_RECORD_FIELD_EMAIL,
  };

  const char *company;
  gsize len;

  for (guint i = 0; i < G_N_ELEMENTS (searched); i++)
    {
      const char *value = attest_record_store_peek_field (self->store, index, searched[i], scratch,
                                                          &len);

      if (value != NULL && value_contains (self, value, len, needle_is_ascii))
        return TRUE;
    }

  /* The company is what a partner knows a customer by. */
  company = attest_record_store_peek_shown_request_value (self->store, index,
                                                          ATTEST_REQUEST_FIELD_COMPANY_NAME,
                                                          scratch, &len, NULL);

  return company != NULL && value_contains (self, company, len, needle_is_ascii);
}

static gboolean
matches_filter (AttestRecordView  *self,
                guint              index)
{
  AttestRecordStatus status = attest_record_store_get_status (self->store, index);
  guint32 problems = attest_record_store_get_problems (self->store, index);
  gboolean marked = attest_record_store_get_attested (self->store, index);

  switch (self->filter)
    {
    case ATTEST_RECORD_FILTER_ALL:
      return TRUE;
    case ATTEST_RECORD_FILTER_MARKED:
      return marked;
    case ATTEST_RECORD_FILTER_ACTIONABLE:
      return marked && problems == 0;
    case ATTEST_RECORD_FILTER_PROBLEMS:
      return problems != 0;
    case ATTEST_RECORD_FILTER_DONE:
      return status == ATTEST_RECORD_STATUS_ATTESTED ||
             status == ATTEST_RECORD_STATUS_ALREADY_ATTESTED;
    case ATTEST_RECORD_FILTER_FAILED:
      return status == ATTEST_RECORD_STATUS_REJECTED || status == ATTEST_RECORD_STATUS_FAILED;
    case ATTEST_RECORD_FILTER_UNCHECKED:
    case ATTEST_RECORD_FILTER_ACCEPTED_DIRECTLY:
    case ATTEST_RECORD_FILTER_ATTESTED:
    case ATTEST_RECORD_FILTER_NEEDS_ACCEPTANCE:
    case ATTEST_RECORD_FILTER_REQUESTED:
    case ATTEST_RECORD_FILTER_MCA_DONE:
    case ATTEST_RECORD_FILTER_REFUSED:
      return ATTEST_RECORD_FILTER_FOR_STATE (attest_record_store_get_mca_state (self->store,
                                                                                index))
             == self->filter;
    default:
      g_return_val_if_reached (TRUE);
    }
}

static gboolean
needle_is_ascii (const char *needle)
{
  return is_ascii (needle, strlen (needle));
}

static gboolean
row_matches (AttestRecordView *self,
             guint             index)
{
  g_autoptr(GString) scratch = NULL;

  if (!matches_filter (self, index))
    return FALSE;
  if (self->search == NULL)
    return TRUE;

  scratch = g_string_new (NULL);
  return matches_search (self, index, scratch, needle_is_ascii (self->search));
}

/* prefix holds the first eight bytes, lowered, big-endian: most
 * comparisons end there without reading the text. */
typedef struct
{
  guint64     prefix;
  const char *text;
  guint32     len;
  guint32     index;
} TextKey;

typedef struct
{
  guint32 key;
  guint32 index;
} NumberKey;

static guint64
text_prefix (const char *text,
             gsize       len)
{
  guint64 prefix = 0;

  for (guint i = 0; i < 8; i++)
    prefix = (prefix << 8) | (i < len ? lower (text[i]) : 0);

  return prefix;
}

static inline int
compare_indexes (guint32 a,
                 guint32 b)
{
  return (a > b) - (a < b);
}

static int
compare_text_keys (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  const TextKey *x = a;
  const TextKey *y = b;
  int sign = GPOINTER_TO_INT (user_data);
  guint32 n = MIN (x->len, y->len);
  int cmp = (x->prefix > y->prefix) - (x->prefix < y->prefix);

  for (guint32 i = 8; i < n && cmp == 0; i++)
    cmp = (int) lower (x->text[i]) - (int) lower (y->text[i]);
  if (cmp == 0)
    cmp = compare_indexes (x->len, y->len);
  if (cmp == 0)
    cmp = memcmp (x->text, y->text, n);
  if (cmp != 0)
    return sign * cmp;

  return compare_indexes (x->index, y->index);
}

static int
compare_number_keys (gconstpointer a,
                     gconstpointer b,
                     gpointer      user_data)
{
  const NumberKey *x = a;
  const NumberKey *y = b;
  int sign = GPOINTER_TO_INT (user_data);

  if (x->key != y->key)
    return sign * compare_indexes (x->key, y->key);

  return compare_indexes (x->index, y->index);
}

static guint32
number_key (AttestRecordView  *self,
            guint              index)
{
  guint32 problems;

  switch (self->sort)
    {
    case ATTEST_RECORD_SORT_ATTESTED:
      /* Unticked, ticked, then unreadable values. */
      return attest_record_store_get_attested_value (self->store, index);
    case ATTEST_RECORD_SORT_STATUS:
      return attest_record_store_get_status (self->store, index);
    case ATTEST_RECORD_SORT_PROBLEM:
      /* Records without problems first, then by their first problem. */
      problems = attest_record_store_get_problems (self->store, index);
      return problems == 0 ? 0 : (guint32) __builtin_ctz (problems) + 1;
    case ATTEST_RECORD_SORT_MCA_STATE:
      return attest_record_store_get_mca_state (self->store, index);
    case ATTEST_RECORD_SORT_INDEX:
    default:
      return index;
    }
}

static gboolean
sorts_by_text (AttestRecordSort sort)
{
  return (sort >= ATTEST_RECORD_SORT_CUSTOMER_TENANT_ID &&
          sort <= ATTEST_RECORD_SORT_LAST_AGREEMENT_DATE) ||
         (sort >= ATTEST_RECORD_SORT_COMPANY_NAME && sort <= ATTEST_RECORD_SORT_LANGUAGE);
}

/* The text a record sorts by, as the grid shows it. */
static const char *
peek_sort_text (AttestRecordView *self,
                guint             index,
                GString          *scratch,
                gsize            *len)
{
  if (self->sort >= ATTEST_RECORD_SORT_COMPANY_NAME)
    return attest_record_store_peek_shown_request_value (self->store, index,
                                                         self->sort
                                                         - ATTEST_RECORD_SORT_COMPANY_NAME,
                                                         scratch, len, NULL);

  return attest_record_store_peek_field (self->store, index,
                                         self->sort - ATTEST_RECORD_SORT_CUSTOMER_TENANT_ID,
                                         scratch, len);
}

static void
sort_view (AttestRecordView  *self,
           GArray            *view)
{
  gpointer sign = GINT_TO_POINTER (self->descending ? -1 : 1);
  guint32 *indexes = (guint32 *) (gpointer) view->data;
  guint n = view->len;

  if (sorts_by_text (self->sort))
    {
      g_autofree TextKey *keys = g_new (TextKey, n);
      g_autoptr(GString) scratch = g_string_new (NULL);
      GStringChunk *copies = g_string_chunk_new (4096);

      for (guint i = 0; i < n; i++)
        {
          gsize len = 0;
          const char *value = peek_sort_text (self, indexes[i], scratch, &len);

          if (value == NULL)
            value = "";
          else if (value == scratch->str)
            value = g_string_chunk_insert_len (copies, value, len);
          keys[i] = (TextKey) { text_prefix (value, len), value, (guint32) MIN (len, G_MAXUINT32),
                                indexes[i] };
        }
      g_qsort_with_data (keys, n, sizeof (TextKey), compare_text_keys, sign);
      for (guint i = 0; i < n; i++)
        indexes[i] = keys[i].index;
      g_string_chunk_free (copies);
    }
  else
    {
      g_autofree NumberKey *keys = g_new (NumberKey, n);

      for (guint i = 0; i < n; i++)
        keys[i] = (NumberKey) { number_key (self, indexes[i]), indexes[i] };
      g_qsort_with_data (keys, n, sizeof (NumberKey), compare_number_keys, sign);
      for (guint i = 0; i < n; i++)
        indexes[i] = keys[i].index;
    }
}

static void
apply_view (AttestRecordView *self)
{
  guint old_n = view_get_n (self);
  guint n_rows = attest_record_store_get_n_records (self->store);
  gboolean was_identity = self->order == NULL;
  GArray *view;
  g_autoptr(GArray) old_order = NULL;

  /* Not from a handler of the change that announces the last one. */
  g_return_if_fail (self->old_n == 0);
  old_order = g_steal_pointer (&self->order);

  if (self->filter != ATTEST_RECORD_FILTER_ALL || self->search != NULL ||
      self->sort != ATTEST_RECORD_SORT_INDEX || self->descending)
    {
      g_autoptr(GString) scratch = g_string_new (NULL);
      gboolean ascii = self->search != NULL && needle_is_ascii (self->search);

      view = g_array_sized_new (FALSE, FALSE, sizeof (guint32), n_rows);
      for (guint i = 0; i < n_rows; i++)
        {
          guint32 index = i;

          if (!matches_filter (self, i))
            continue;
          if (self->search != NULL && !matches_search (self, i, scratch, ascii))
            continue;
          g_array_append_val (view, index);
        }
      if (self->sort != ATTEST_RECORD_SORT_INDEX || self->descending)
        sort_view (self, view);
      self->order = view;
    }

  /* All records in file order, before and after: nothing to announce. */
  if (was_identity && self->order == NULL && old_n == n_rows)
    return;

  if (old_n <= ROWS_KEPT || view_get_n (self) == 0)
    {
      g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, view_get_n (self));
      return;
    }

  /* The new rows go before the old ones, and then the old ones go: see
   * ROWS_KEPT. */
  self->old_order = g_steal_pointer (&old_order);
  self->old_n = old_n;
  g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, view_get_n (self) - old_n);
  g_clear_pointer (&self->old_order, g_array_unref);
  self->old_n = 0;
  g_list_model_items_changed (G_LIST_MODEL (self), view_get_n (self), old_n, 0);
}

/* A record appended while a view is set goes at its end when it matches,
 * whatever the sort; the next refresh puts it in its place. */
static void
on_record_appended (AttestRecordView *self,
                    guint             index)
{
  guint32 value = index;

  if (self->order == NULL)
    {
      g_list_model_items_changed (G_LIST_MODEL (self), index, 0, 1);
      return;
    }

  if (row_matches (self, index))
    {
      g_array_append_val (self->order, value);
      g_list_model_items_changed (G_LIST_MODEL (self), self->order->len - 1, 0, 1);
    }
}

void
attest_record_view_set_sort (AttestRecordView *self,
                             AttestRecordSort  sort,
                             gboolean          descending)
{
  g_return_if_fail (ATTEST_IS_RECORD_VIEW (self));
  g_return_if_fail (sort <= ATTEST_RECORD_SORT_LAST);

  /* A view that does not change is not announced: a list widget looks at
   * every item it is told changed, a million of them. */
  if (self->sort == sort && self->descending == !!descending)
    return;

  self->sort = sort;
  self->descending = !!descending;
  apply_view (self);
}

void
attest_record_view_set_filter (AttestRecordView   *self,
                               AttestRecordFilter  filter)
{
  g_return_if_fail (ATTEST_IS_RECORD_VIEW (self));
  g_return_if_fail (filter <= ATTEST_RECORD_FILTER_LAST);

  if (self->filter == filter)
    return;

  self->filter = filter;
  apply_view (self);
}

/* Shows only records whose tenant ID, first name, last name or email
 * contains @text, whatever the case and accents; NULL or "" shows all. */
void
attest_record_view_set_search (AttestRecordView *self,
                               const char       *text)
{
  g_autofree char *folded = NULL;

  g_return_if_fail (ATTEST_IS_RECORD_VIEW (self));
  g_return_if_fail (text == NULL || g_utf8_validate (text, -1, NULL));

  if (text != NULL && *text != '\0')
    folded = attest_record_fold_for_search (text, -1);
  if (g_strcmp0 (folded, self->search) == 0)
    return;

  g_free (self->search);
  self->search = g_steal_pointer (&folded);
  apply_view (self);
}

/* Sorts and filters again, after edits or outcomes changed what matches. */
void
attest_record_view_refresh (AttestRecordView *self)
{
  g_return_if_fail (ATTEST_IS_RECORD_VIEW (self));

  apply_view (self);
}

/* The record index (file order) shown at @position of the view. */
guint
attest_record_view_get_index (AttestRecordView *self,
                              guint             position)
{
  g_return_val_if_fail (ATTEST_IS_RECORD_VIEW (self), G_MAXUINT);
  g_return_val_if_fail (position < view_get_n (self), G_MAXUINT);

  return view_get_index (self, position);
}

static void
on_record_changed (AttestRecordView *self,
                   guint             index)
{
  AttestRecord *item = g_hash_table_lookup (self->live, GUINT_TO_POINTER (index));

  if (item != NULL)
    _attest_record_emit_changed (item);
}

/* The records of a store read unchecked have their problems now: what
 * shows them, and a view that depends on them, change. */
static void
on_store_checked (AttestRecordView *self)
{
  GHashTableIter iter;
  gpointer item;

  if (self->order != NULL)
    apply_view (self);

  g_hash_table_iter_init (&iter, self->live);
  while (g_hash_table_iter_next (&iter, NULL, &item))
    _attest_record_emit_changed (item);
}

static gboolean
forget_item (gpointer key,
             gpointer value,
             gpointer user_data)
{
  g_object_weak_unref (value, item_gone, user_data);

  return TRUE;
}

static void
attest_record_view_finalize (GObject *object)
{
  AttestRecordView *self = (AttestRecordView *) object;

  g_hash_table_foreach_remove (self->live, forget_item, self);
  g_clear_pointer (&self->live, g_hash_table_unref);
  g_clear_pointer (&self->order, g_array_unref);
  g_clear_pointer (&self->search, g_free);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (attest_record_view_parent_class)->finalize (object);
}

static void
attest_record_view_class_init (AttestRecordViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = attest_record_view_finalize;
}

static void
attest_record_view_init (AttestRecordView *self)
{
  self->live = g_hash_table_new (NULL, NULL);
  self->sort = ATTEST_RECORD_SORT_INDEX;
  self->filter = ATTEST_RECORD_FILTER_ALL;
}

/* A view of every record of @store, in file order. */
AttestRecordView *
attest_record_view_new (AttestRecordStore *store)
{
  AttestRecordView *self;

  g_return_val_if_fail (ATTEST_IS_RECORD_STORE (store), NULL);

  self = g_object_new (ATTEST_TYPE_RECORD_VIEW, NULL);
  self->store = g_object_ref (store);
  g_signal_connect_object (store, "record-changed", G_CALLBACK (on_record_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "record-appended", G_CALLBACK (on_record_appended), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "checked", G_CALLBACK (on_store_checked), self,
                           G_CONNECT_SWAPPED);

  return self;
}

AttestRecordStore *
attest_record_view_get_store (AttestRecordView *self)
{
  g_return_val_if_fail (ATTEST_IS_RECORD_VIEW (self), NULL);

  return self->store;
}
