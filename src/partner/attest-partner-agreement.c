/* attest-partner-agreement.c: one of a customer's agreements
 *
 * An item is {"primaryContact": {"firstName", "lastName", "email",
 * "phoneNumber"}, "templateId", "dateAgreed", "type", "agreementLink"}.
 * The date agreed is what the state of a customer turns on (SPEC §13), so
 * an item without a readable one does not fit; the rest may be missing.
 *
 * The agreement's type is read with _get_agreement_type(): _get_type() is
 * the boxed type's GType, as for every type of Attest's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-partner-agreement"

#include "config.h"

#include <glib/gi18n.h>

#include "attest-partner-agreement.h"
#include "attest-partner-answer.h"

struct _AttestPartnerAgreement
{
  gatomicrefcount  ref_count;
  char            *type;
  GDateTime       *date_agreed;
  char            *template_id;
  char            *first_name;
  char            *last_name;
  char            *email;
  char            *phone_number;
};

G_DEFINE_BOXED_TYPE (AttestPartnerAgreement, attest_partner_agreement,
                     attest_partner_agreement_ref, attest_partner_agreement_unref)

/* Reads one item of the list, found at @where in the answer (“items[0]”);
 * NULL with @problem set when it does not fit. */
AttestPartnerAgreement *
attest_partner_agreement_new_from_json (JsonNode    *item,
                                        const char  *where,
                                        char       **problem)
{
  g_autoptr(AttestPartnerAgreement) self = NULL;
  g_autofree char *contact_place = NULL;
  JsonObject *object;
  JsonObject *contact = NULL;

  g_return_val_if_fail (item != NULL && where != NULL, NULL);
  g_return_val_if_fail (problem != NULL && *problem == NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (item))
    {
      /* Translators: the place of an item in Partner Center's answer. */
      *problem = g_strdup_printf (_("“%s” is not an object"), where);
      return NULL;
    }

  object = json_node_get_object (item);
  contact_place = g_strconcat (where, ".primaryContact", NULL);
  self = g_new0 (AttestPartnerAgreement, 1);
  g_atomic_ref_count_init (&self->ref_count);

  if (!attest_partner_answer_get_text (object, where, "type", &self->type, problem)
      || !attest_partner_answer_get_date (object, where, "dateAgreed", &self->date_agreed,
                                          problem)
      || !attest_partner_answer_get_text (object, where, "templateId", &self->template_id,
                                          problem)
      || !attest_partner_answer_get_object (object, where, "primaryContact", &contact, problem)
      || !attest_partner_answer_get_text (contact, contact_place, "firstName", &self->first_name,
                                          problem)
      || !attest_partner_answer_get_text (contact, contact_place, "lastName", &self->last_name,
                                          problem)
      || !attest_partner_answer_get_text (contact, contact_place, "email", &self->email, problem)
      || !attest_partner_answer_get_text (contact, contact_place, "phoneNumber",
                                          &self->phone_number, problem))
    return NULL;

  return g_steal_pointer (&self);
}

AttestPartnerAgreement *
attest_partner_agreement_ref (AttestPartnerAgreement *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
attest_partner_agreement_unref (AttestPartnerAgreement *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_free (self->type);
  g_clear_pointer (&self->date_agreed, g_date_time_unref);
  g_free (self->template_id);
  g_free (self->first_name);
  g_free (self->last_name);
  g_free (self->email);
  g_free (self->phone_number);
  g_free (self);
}

/* "MicrosoftCustomerAgreement" (ATTEST_PARTNER_AGREEMENT_TYPE_MCA),
 * "MicrosoftCloudAgreement", or NULL when not given. */
const char *
attest_partner_agreement_get_agreement_type (const AttestPartnerAgreement *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->type;
}

/* When the agreement was accepted or attested, in UTC unless the answer
 * gave an offset; never NULL. */
GDateTime *
attest_partner_agreement_get_date_agreed (const AttestPartnerAgreement *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->date_agreed;
}

const char *
attest_partner_agreement_get_template_id (const AttestPartnerAgreement *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->template_id;
}

/* The primary contact's first name, NULL when not given; as the other
 * contact fields. */
const char *
attest_partner_agreement_get_first_name (const AttestPartnerAgreement *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->first_name;
}

const char *
attest_partner_agreement_get_last_name (const AttestPartnerAgreement *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->last_name;
}

const char *
attest_partner_agreement_get_email (const AttestPartnerAgreement *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->email;
}

const char *
attest_partner_agreement_get_phone_number (const AttestPartnerAgreement *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->phone_number;
}
