/* validate-ui.c: checks that .ui files build, templates included (data suite)
 *
 * gtk4-builder-tool cannot validate a template whose parent is a libadwaita
 * class, since it never loads libadwaita. This tool does what it does, with
 * libadwaita loaded: a template is extended onto a stand-in type of the same
 * name deriving from the declared parent, and any callback name is accepted
 * (callbacks are bound by the widget class, which is not what is checked here).
 * Attest's own widgets are registered first, so templates may use them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "attest-ui.h"

#define VALIDATE_TYPE_SCOPE (validate_scope_get_type ())
G_DECLARE_FINAL_TYPE (ValidateScope, validate_scope, VALIDATE, SCOPE, GObject)

struct _ValidateScope
{
  GObject          parent_instance;
  GtkBuilderScope *types;
};

static void validate_scope_iface_init (GtkBuilderScopeInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ValidateScope, validate_scope, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_BUILDER_SCOPE,
                                                      validate_scope_iface_init))

static GType
validate_scope_get_type_from_name (GtkBuilderScope *scope,
                                   GtkBuilder      *builder,
                                   const char      *type_name)
{
  ValidateScope *self = VALIDATE_SCOPE (scope);

  return GTK_BUILDER_SCOPE_GET_IFACE (self->types)->get_type_from_name (self->types, builder,
                                                                        type_name);
}

static void
ignore_signal (void)
{
}

static GClosure *
validate_scope_create_closure (GtkBuilderScope        *scope,
                               GtkBuilder             *builder,
                               const char             *function_name,
                               GtkBuilderClosureFlags  flags,
                               GObject                *object,
                               GError                **error)
{
  return g_cclosure_new (G_CALLBACK (ignore_signal), NULL, NULL);
}

static void
validate_scope_iface_init (GtkBuilderScopeInterface *iface)
{
  iface->get_type_from_name = validate_scope_get_type_from_name;
  iface->create_closure = validate_scope_create_closure;
}

static void
validate_scope_finalize (GObject *object)
{
  g_clear_object (&VALIDATE_SCOPE (object)->types);
  G_OBJECT_CLASS (validate_scope_parent_class)->finalize (object);
}

static void
validate_scope_class_init (ValidateScopeClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = validate_scope_finalize;
}

static void
validate_scope_init (ValidateScope *self)
{
  self->types = gtk_builder_cscope_new ();
}

static gboolean
find_template (const char  *contents,
               char       **class_name,
               char       **parent_name)
{
  g_autoptr(GRegex) regex = g_regex_new ("<template\\s+class=\"([^\"]+)\"\\s+parent=\"([^\"]+)\"",
                                         0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;

  if (!g_regex_match (regex, contents, 0, &match))
    return FALSE;

  *class_name = g_match_info_fetch (match, 1);
  *parent_name = g_match_info_fetch (match, 2);
  return TRUE;
}

static GType
make_stand_in_type (const char *class_name,
                    GType       parent)
{
  GTypeQuery query;
  GType type;

  g_type_query (parent, &query);
  type = g_type_register_static_simple (parent, class_name, query.class_size, NULL,
                                        query.instance_size, NULL, 0);
  return type;
}

/* Warnings and criticals while a real class builds its own template mean
 * that template is broken. */
static guint problems_logged;

static GLogWriterOutput
count_problems (GLogLevelFlags   level,
                const GLogField *fields,
                gsize            n_fields,
                gpointer         user_data)
{
  if (level & (G_LOG_LEVEL_WARNING | G_LOG_LEVEL_CRITICAL))
    problems_logged++;

  return g_log_writer_default (level, fields, n_fields, user_data);
}

static gboolean
validate_file (const char  *path,
               GError     **error)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new ();
  g_autoptr(GtkBuilderScope) scope = g_object_new (VALIDATE_TYPE_SCOPE, NULL);
  g_autofree char *contents = NULL;
  g_autofree char *class_name = NULL;
  g_autofree char *parent_name = NULL;
  gsize length;
  GType parent;
  GType type;
  GObject *object;
  gboolean ok;

  if (!g_file_get_contents (path, &contents, &length, error))
    return FALSE;

  gtk_builder_set_scope (builder, scope);

  if (!find_template (contents, &class_name, &parent_name))
    return gtk_builder_add_from_string (builder, contents, length, error);

  parent = gtk_builder_get_type_from_name (builder, parent_name);
  if (parent == G_TYPE_INVALID)
    {
      g_set_error (error, GTK_BUILDER_ERROR, GTK_BUILDER_ERROR_INVALID_VALUE,
                   "%s: unknown template parent type %s", path, parent_name);
      return FALSE;
    }

  /* One of Attest's own classes builds its template itself. */
  type = g_type_from_name (class_name);
  if (type != G_TYPE_INVALID)
    {
      guint before = problems_logged;

      object = g_object_new (type, NULL);
      g_object_ref_sink (object);
      if (GTK_IS_WINDOW (object))
        gtk_window_destroy (GTK_WINDOW (object));
      g_object_unref (object);

      if (problems_logged != before)
        {
          g_set_error (error, GTK_BUILDER_ERROR, GTK_BUILDER_ERROR_INVALID_VALUE,
                       "%s: the template of %s does not build", path, class_name);
          return FALSE;
        }
      return TRUE;
    }

  type = make_stand_in_type (class_name, parent);

  object = g_object_new (type, NULL);
  g_object_ref_sink (object);
  ok = gtk_builder_extend_with_template (builder, object, type, contents, length, error);
  if (GTK_IS_WINDOW (object))
    gtk_window_destroy (GTK_WINDOW (object));
  g_object_unref (object);

  return ok;
}

/* Exit status: 0 when every file is valid, 1 when one is not, 2 on misuse,
 * 3 when there is no display. With --expect-invalid first, 0 means every
 * file was found invalid (a test that the validator can fail). */
int
main (int   argc,
      char *argv[])
{
  gboolean expect_invalid = argc > 1 && g_str_equal (argv[1], "--expect-invalid");
  int first = expect_invalid ? 2 : 1;
  int status = 0;

  if (argc <= first)
    {
      g_printerr ("Usage: %s [--expect-invalid] FILE.ui…\n", argv[0]);
      return 2;
    }

  if (!gtk_init_check ())
    {
      g_printerr ("%s: cannot open a display\n", argv[0]);
      return 3;
    }
  adw_init ();
  attest_ui_ensure_types ();
  g_log_set_writer_func (count_problems, NULL, NULL);

  for (int i = first; i < argc; i++)
    {
      g_autoptr(GError) error = NULL;

      if (!validate_file (argv[i], &error))
        {
          g_print ("%s: %s\n", argv[i], error->message);
          if (!expect_invalid)
            status = 1;
        }
      else
        {
          g_print ("%s: valid\n", argv[i]);
          if (expect_invalid)
            status = 1;
        }
    }

  return status;
}
