/* attest-window-links.c: what the window does with acceptance links
 * (SPEC §13 "Links"): Copy Link and Write to Signatory for the rows
 * selected, opening a customer in Partner Center, and the links file
 *
 * A link needs no sign-in, so it is logged at debug level only. Attest
 * never opens an acceptance link: it goes to the clipboard, or into a
 * message the partner's mail app opens, for the customer to open.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-window-links"

#include "config.h"

#include <glib/gi18n.h>

#include "attest-mca-links.h"
#include "attest-mca-mail.h"
#include "attest-window-private.h"

/* Opening more than this many messages or pages asks first. */
#define MANY 3

/* A request value as the row shows it: its own, else Partner Center's. */
static char *
dup_shown_value (AttestRecordStore  *store,
                 guint               index,
                 AttestRequestField  field)
{
  g_autoptr(GString) scratch = g_string_new (NULL);
  gsize len = 0;
  const char *value = attest_record_store_peek_shown_request_value (store, index, field, scratch,
                                                                    &len, NULL);

  return value != NULL ? g_strndup (value, len) : NULL;
}

static gboolean
has_text (const char *text)
{
  return text != NULL && text[0] != '\0';
}

/* What the rows selected have to give: their links, and how many have
 * none. */
typedef struct
{
  GArray *indexes;   /* of the rows selected that have a link */
  guint   without;
} Selected;

static void
selected_clear (Selected *selected)
{
  g_clear_pointer (&selected->indexes, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Selected, selected_clear)

static void
select_with_links (AttestWindow *self,
                   Selected     *selected)
{
  g_autoptr(GArray) all = attest_record_grid_dup_selected (self->grid);

  selected->indexes = g_array_new (FALSE, FALSE, sizeof (guint));
  selected->without = 0;
  for (guint i = 0; i < all->len; i++)
    {
      guint index = g_array_index (all, guint, i);
      AttestRecordMcaInfo info;

      attest_record_store_get_mca_info (self->store, index, &info);
      if (has_text (info.link))
        g_array_append_val (selected->indexes, index);
      else
        selected->without++;
    }
}

static void
say_none_selected (AttestWindow *self)
{
  attest_window_show_toast (self, _("Select the customers first"));
}

/* Copy Link */

static void
copy_link_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  AttestWindow *self = ATTEST_WINDOW (widget);
  g_auto(Selected) selected = { NULL, 0 };
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *message = NULL;
  guint n;

  if (self->store == NULL)
    return;

  select_with_links (self, &selected);
  n = selected.indexes->len;
  if (n == 0 && selected.without == 0)
    {
      say_none_selected (self);
      return;
    }
  if (n == 0)
    {
      attest_window_show_toast (self, g_dngettext (GETTEXT_PACKAGE,
                                                   "This customer has no link yet: request "
                                                   "acceptance first",
                                                   "These customers have no link yet: request "
                                                   "acceptance first",
                                                   selected.without));
      return;
    }

  /* One link as it is; several as lines of company and link, which a
   * spreadsheet takes as two columns. */
  for (guint i = 0; i < n; i++)
    {
      guint index = g_array_index (selected.indexes, guint, i);
      AttestRecordMcaInfo info;
      g_autofree char *company = NULL;

      attest_record_store_get_mca_info (self->store, index, &info);
      if (n == 1)
        {
          g_string_append (text, info.link);
          break;
        }
      company = dup_shown_value (self->store, index, ATTEST_REQUEST_FIELD_COMPANY_NAME);
      if (!has_text (company))
        {
          g_free (company);
          company = attest_record_store_dup_field (self->store, index,
                                                   ATTEST_RECORD_FIELD_CUSTOMER_TENANT_ID);
        }
      g_string_append_printf (text, "%s\t%s\n", company != NULL ? company : "", info.link);
    }

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text->str);
  g_debug ("Copied %u acceptance links", n);

  if (selected.without > 0)
    /* Translators: both numbers count customers. */
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "Copied %'u link; %'u customer has none yet",
                                            "Copied %'u links; %'u customers have none yet",
                                            selected.without),
                               n, selected.without);
  else
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Copied the link",
                                            "Copied %'u links", n),
                               n);
  attest_window_show_toast (self, message);
}

/* Opening messages and pages */

typedef void (*OpenFunc) (AttestWindow *self,
                          guint         index);

typedef struct
{
  AttestWindow *window;
  GArray       *indexes;
  OpenFunc      open;
} Opening;

static void
opening_free (gpointer  data,
              GClosure *closure)
{
  Opening *opening = data;

  g_clear_weak_pointer (&opening->window);
  g_array_unref (opening->indexes);
  g_free (opening);
}

static void
open_all (AttestWindow *self,
          GArray       *indexes,
          OpenFunc      open)
{
  for (guint i = 0; i < indexes->len; i++)
    open (self, g_array_index (indexes, guint, i));
}

static void
on_open_many_response (AdwMessageDialog *dialog,
                       const char       *response,
                       Opening          *opening)
{
  if (opening->window != NULL && g_str_equal (response, "open"))
    open_all (opening->window, opening->indexes, opening->open);
}

/* Opens each of @indexes with @open; more than a few ask first, with
 * @heading and @body. */
static void
open_each (AttestWindow *self,
           GArray       *indexes,
           OpenFunc      open,
           const char   *heading,
           const char   *body)
{
  AdwMessageDialog *dialog;
  Opening *opening;

  if (indexes->len <= MANY)
    {
      open_all (self, indexes, open);
      return;
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "open", _("_Open All"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "open", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "open");
  adw_message_dialog_set_close_response (dialog, "cancel");

  opening = g_new0 (Opening, 1);
  g_set_weak_pointer (&opening->window, self);
  opening->indexes = g_array_ref (indexes);
  opening->open = open;
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_open_many_response), opening,
                         opening_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Write to Signatory */

/* The message to the signatory of record @index, as the row shows it:
 * its contact, else the billing profile's, in the customer's language. */
char *
attest_window_dup_signatory_uri (AttestWindow *self,
                                 guint         index)
{
  g_autofree char *email = NULL;
  g_autofree char *first_name = NULL;
  g_autofree char *company = NULL;
  g_autofree char *language = NULL;
  AttestRecordMcaInfo info;
  AttestMcaMail mail;

  g_return_val_if_fail (ATTEST_IS_WINDOW (self), NULL);
  g_return_val_if_fail (self->store != NULL, NULL);
  g_return_val_if_fail (index < attest_record_store_get_n_records (self->store), NULL);

  attest_record_store_get_mca_info (self->store, index, &info);
  email = attest_record_store_dup_shown_contact (self->store, index, ATTEST_RECORD_FIELD_EMAIL,
                                                 NULL);
  if (!has_text (info.link) || !has_text (email))
    return NULL;

  first_name = attest_record_store_dup_shown_contact (self->store, index,
                                                      ATTEST_RECORD_FIELD_FIRST_NAME, NULL);
  company = dup_shown_value (self->store, index, ATTEST_REQUEST_FIELD_COMPANY_NAME);
  language = dup_shown_value (self->store, index, ATTEST_REQUEST_FIELD_LANGUAGE);
  mail = (AttestMcaMail) { email, first_name, company, info.link, language };

  return attest_mca_mail_dup_uri (&mail);
}

static void
write_one (AttestWindow *self,
           guint         index)
{
  g_autofree char *uri = attest_window_dup_signatory_uri (self, index);

  if (uri == NULL)
    return;

  g_debug ("Writing to a signatory: %s", uri);
  gtk_show_uri (GTK_WINDOW (self), uri, GDK_CURRENT_TIME);
}

static void
write_to_signatory_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  AttestWindow *self = ATTEST_WINDOW (widget);
  g_auto(Selected) selected = { NULL, 0 };
  g_autoptr(GArray) writable = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree char *body = NULL;
  guint without_email = 0;

  if (self->store == NULL)
    return;

  select_with_links (self, &selected);
  if (selected.indexes->len == 0)
    {
      if (selected.without == 0)
        say_none_selected (self);
      else
        attest_window_show_toast (self, _("No link to send yet: request acceptance first"));
      return;
    }

  for (guint i = 0; i < selected.indexes->len; i++)
    {
      guint index = g_array_index (selected.indexes, guint, i);
      g_autofree char *email = attest_record_store_dup_shown_contact (self->store, index,
                                                                      ATTEST_RECORD_FIELD_EMAIL,
                                                                      NULL);

      if (has_text (email))
        g_array_append_val (writable, index);
      else
        without_email++;
    }
  if (without_email > 0)
    {
      g_autofree char *message = NULL;

      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%'u customer has no signatory email address: "
                                              "enter one in the Email column",
                                              "%'u customers have no signatory email address: "
                                              "enter one in the Email column",
                                              without_email),
                                 without_email);
      attest_window_show_toast (self, message);
    }

  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Your mail app opens a message to the signatory of %'u "
                                       "customer, with the link and a short text in the "
                                       "customer’s language.",
                                       "Your mail app opens a message to the signatory of each "
                                       "of %'u customers, with the link and a short text in the "
                                       "customer’s language.",
                                       writable->len),
                          writable->len);
  open_each (self, writable, write_one, _("Write to the Signatories?"), body);
}

/* Open in Partner Center */

static void
open_customer_page (AttestWindow *self,
                    guint         index)
{
  g_autofree char *link = attest_record_store_dup_field (self->store, index,
                                                         ATTEST_RECORD_FIELD_CUSTOMER_ACCOUNT_LINK);

  if (link != NULL)
    gtk_show_uri (GTK_WINDOW (self), link, GDK_CURRENT_TIME);
}

static void
open_in_partner_center_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  AttestWindow *self = ATTEST_WINDOW (widget);
  g_autoptr(GArray) indexes = NULL;
  g_autofree char *body = NULL;

  if (self->store == NULL)
    return;

  indexes = attest_record_grid_dup_selected (self->grid);
  if (indexes->len == 0)
    {
      say_none_selected (self);
      return;
    }

  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Your browser opens the Partner Center page of %'u "
                                       "customer.",
                                       "Your browser opens the Partner Center page of each of %'u "
                                       "customers.",
                                       indexes->len),
                          indexes->len);
  open_each (self, indexes, open_customer_page, _("Open the Customers in Partner Center?"), body);
}

/* Export Links */

/* The links of the customers shown that a request was for: those with a
 * link, and those marked that could not be requested, with the reason. */
static AttestMcaLinks *
build_links (AttestWindow    *self,
             AttestMcaLedger *ledger)
{
  AttestMcaLinks *links = attest_mca_links_new (ATTEST_MCA_LINKS_FORMAT_LINKS);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n = attest_record_store_get_n_records (self->store);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = attest_record_store_dup_field (self->store, i,
                                                           ATTEST_RECORD_FIELD_CUSTOMER_TENANT_ID);
      g_autoptr(AttestMcaCustomer) customer = NULL;
      AttestMcaState state;

      if (id == NULL || g_hash_table_contains (seen, g_strstrip (id)))
        continue;
      customer = attest_mca_ledger_lookup (ledger, id);
      if (customer == NULL)
        continue;

      state = attest_mca_customer_get_state (customer);
      if (!has_text (attest_mca_customer_get_link (customer)) &&
          !(attest_record_store_get_attested (self->store, i) &&
            (state == ATTEST_MCA_STATE_NEEDS_ACCEPTANCE || state == ATTEST_MCA_STATE_REFUSED)))
        continue;

      g_ptr_array_add (links->rows, attest_mca_link_row_new_from_customer (customer));
      g_hash_table_add (seen, g_steal_pointer (&id));
    }

  return links;
}

static void
on_links_ledger_opened (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  AttestWindow *self = ATTEST_WINDOW (object);
  g_autoptr(GFile) file = user_data;
  g_autoptr(AttestMcaLinks) links = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *name = g_file_get_basename (file);
  AttestMcaLedger *ledger = _attest_window_open_ledger_finish (self, result,
                                                               _("Cannot Export the Links"));

  if (ledger == NULL)
    return;

  links = build_links (self, ledger);
  _attest_window_end_work (self);

  if (links->rows->len == 0)
    {
      attest_window_show_error (self, _("Cannot Export the Links"),
                                _("None of the customers shown has a link, or was marked and "
                                  "could not be requested. Request acceptance first."));
      return;
    }
  if (path == NULL || !attest_mca_links_write (links, path, &error))
    {
      attest_window_show_error (self, _("Cannot Export the Links"),
                                error != NULL ? error->message : _("Choose a local file."));
      return;
    }

  {
    /* Translators: %2$s is a file name. */
    g_autofree char *message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "Exported %1$'u link to %2$s",
                                                             "Exported %1$'u links to %2$s",
                                                             links->rows->len),
                                                links->rows->len, name);

    attest_window_show_toast (self, message);
  }
}

static void
on_export_links_response (GtkNativeDialog *chooser,
                          int              response,
                          AttestWindow    *self)
{
  if (response == GTK_RESPONSE_ACCEPT && self->store != NULL && !_attest_window_is_working (self))
    _attest_window_open_ledger_async (self, on_links_ledger_opened,
                                      gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser)));

  g_object_unref (chooser);
}

static void
export_links_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  AttestWindow *self = ATTEST_WINDOW (widget);
  GtkFileChooserNative *chooser;

  if (self->store == NULL)
    {
      attest_window_show_toast (self, _("Open or fetch the customers first"));
      return;
    }

  chooser = gtk_file_chooser_native_new (_("Export Links"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "AcceptanceLinks.csv");
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_export_links_response), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Exports the links of the customers shown to @file, as Export Links
 * does once a file is chosen. */
void
attest_window_export_links (AttestWindow *self,
                            GFile        *file)
{
  g_return_if_fail (ATTEST_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (self->store != NULL && !_attest_window_is_working (self));

  _attest_window_open_ledger_async (self, on_links_ledger_opened, g_object_ref (file));
}

void
_attest_window_class_links_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.copy-link", NULL, copy_link_action);
  gtk_widget_class_install_action (widget_class, "win.write-to-signatory", NULL,
                                   write_to_signatory_action);
  gtk_widget_class_install_action (widget_class, "win.open-in-partner-center", NULL,
                                   open_in_partner_center_action);
  gtk_widget_class_install_action (widget_class, "win.export-links", NULL, export_links_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK,
                                       "win.copy-link", NULL);
}
