/* attest-first-rows.c: a list model that shows the first items of another
 *
 * Shows at most the first "limit" items of its model, all of them once the
 * limit is G_MAXUINT. The grid opens a large file through it: in GTK 4.8 a
 * GtkColumnView makes some 200 rows as soon as its model has that many
 * items, whatever the window shows, and the frame that first shows a file
 * waits for all of them. Shown the rows that fit the window first, it
 * draws them sooner, and makes the others in the frames after.
 *
 * Without a limit each change of the model is passed on as it is, so that
 * GTK keeps the rows it can (see ROWS_KEPT in attest-record-view.c). With
 * one, a change within the limit that adds or removes items is passed on
 * as every item from where it starts to the limit removed and added again:
 * a model changed in the few frames before the limit goes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-first-rows"

#include "config.h"

#include "attest-first-rows.h"

struct _AttestFirstRows
{
  GObject     parent_instance;

  GListModel *model;
  guint       limit;
  guint       n_model;   /* the model's items, as last told */
};

static void attest_first_rows_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AttestFirstRows, attest_first_rows, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      attest_first_rows_list_model_init))

static guint
shown (AttestFirstRows *self,
       guint            n_model)
{
  return MIN (n_model, self->limit);
}

static GType
list_model_get_item_type (GListModel *model)
{
  AttestFirstRows *self = ATTEST_FIRST_ROWS (model);

  return self->model != NULL ? g_list_model_get_item_type (self->model) : G_TYPE_OBJECT;
}

static guint
list_model_get_n_items (GListModel *model)
{
  AttestFirstRows *self = ATTEST_FIRST_ROWS (model);

  return shown (self, self->n_model);
}

static gpointer
list_model_get_item (GListModel *model,
                     guint       position)
{
  AttestFirstRows *self = ATTEST_FIRST_ROWS (model);

  if (position >= shown (self, self->n_model))
    return NULL;

  return g_list_model_get_item (self->model, position);
}

static void
attest_first_rows_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = list_model_get_item_type;
  iface->get_n_items = list_model_get_n_items;
  iface->get_item = list_model_get_item;
}

static void
on_items_changed (GListModel      *model,
                  guint            position,
                  guint            removed,
                  guint            added,
                  AttestFirstRows *self)
{
  guint before = shown (self, self->n_model);
  guint after;

  self->n_model = self->n_model - removed + added;
  if (self->limit == G_MAXUINT)
    {
      g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
      return;
    }

  after = shown (self, self->n_model);
  if (removed == added && position < after)
    g_list_model_items_changed (G_LIST_MODEL (self), position, MIN (removed, after - position),
                                MIN (added, after - position));
  else if (position < MAX (before, after))
    g_list_model_items_changed (G_LIST_MODEL (self), position, before - MIN (position, before),
                                after - MIN (position, after));
}

AttestFirstRows *
attest_first_rows_new (void)
{
  return g_object_new (ATTEST_TYPE_FIRST_ROWS, NULL);
}

GListModel *
attest_first_rows_get_model (AttestFirstRows *self)
{
  g_return_val_if_fail (ATTEST_IS_FIRST_ROWS (self), NULL);

  return self->model;
}

/* Shows @model, or nothing, up to @limit items (G_MAXUINT: all). */
void
attest_first_rows_set_model (AttestFirstRows *self,
                             GListModel      *model,
                             guint            limit)
{
  guint before;

  g_return_if_fail (ATTEST_IS_FIRST_ROWS (self));
  g_return_if_fail (model == NULL || G_IS_LIST_MODEL (model));

  before = shown (self, self->n_model);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, on_items_changed, self);
  g_set_object (&self->model, model);
  self->n_model = model != NULL ? g_list_model_get_n_items (model) : 0;
  self->limit = limit;
  if (model != NULL)
    g_signal_connect_object (model, "items-changed", G_CALLBACK (on_items_changed), self, 0);

  if (before > 0 || shown (self, self->n_model) > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, before, shown (self, self->n_model));
}

guint
attest_first_rows_get_limit (AttestFirstRows *self)
{
  g_return_val_if_fail (ATTEST_IS_FIRST_ROWS (self), 0);

  return self->limit;
}

/* Shows up to @limit items from now on (G_MAXUINT: all); the items now
 * shown or hidden are added at the end or removed from it. */
void
attest_first_rows_set_limit (AttestFirstRows *self,
                             guint            limit)
{
  guint before;
  guint after;

  g_return_if_fail (ATTEST_IS_FIRST_ROWS (self));

  before = shown (self, self->n_model);
  self->limit = limit;
  after = shown (self, self->n_model);
  if (after > before)
    g_list_model_items_changed (G_LIST_MODEL (self), before, 0, after - before);
  else if (after < before)
    g_list_model_items_changed (G_LIST_MODEL (self), after, before - after, 0);
}

static void
attest_first_rows_dispose (GObject *object)
{
  AttestFirstRows *self = ATTEST_FIRST_ROWS (object);

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, on_items_changed, self);
  g_clear_object (&self->model);
  self->n_model = 0;

  G_OBJECT_CLASS (attest_first_rows_parent_class)->dispose (object);
}

static void
attest_first_rows_class_init (AttestFirstRowsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = attest_first_rows_dispose;
}

static void
attest_first_rows_init (AttestFirstRows *self)
{
  self->limit = G_MAXUINT;
}
