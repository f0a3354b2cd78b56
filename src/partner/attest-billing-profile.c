/* attest-billing-profile.c: a customer's billing profile
 *
 * The answer is a CustomerBillingProfile: {"id", "firstName", "lastName",
 * "email", "culture", "language", "companyName", "defaultAddress":
 * {"country", "region", "city", "addressLine1", "postalCode", "firstName",
 * "lastName", "phoneNumber"}}. The signatory's name and email come from
 * the top level, the phone number and the country from the default
 * address. Values are kept as given, never mapped or guessed: checking
 * them (is the country ISO 3166-1, the culture BCP 47?) is the caller's
 * job. A value that is absent, null or empty is NULL.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-billing-profile"

#include "config.h"

#include <glib/gi18n.h>

#include "attest-billing-profile.h"
#include "attest-partner-answer.h"

struct _AttestBillingProfile
{
  gatomicrefcount  ref_count;
  char            *first_name;
  char            *last_name;
  char            *email;
  char            *phone_number;
  char            *culture;
  char            *language;
  char            *company_name;
  char            *country;
};

G_DEFINE_BOXED_TYPE (AttestBillingProfile, attest_billing_profile,
                     attest_billing_profile_ref, attest_billing_profile_unref)

/* Reads the answer's @root; NULL with @problem set when it does not fit. */
AttestBillingProfile *
attest_billing_profile_new_from_json (JsonNode  *root,
                                      char     **problem)
{
  g_autoptr(AttestBillingProfile) self = NULL;
  JsonObject *object;
  JsonObject *address = NULL;

  g_return_val_if_fail (problem != NULL && *problem == NULL, NULL);

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      *problem = g_strdup (_("it is not a JSON object"));
      return NULL;
    }

  object = json_node_get_object (root);
  self = g_new0 (AttestBillingProfile, 1);
  g_atomic_ref_count_init (&self->ref_count);

  if (!attest_partner_answer_get_text (object, NULL, "firstName", &self->first_name, problem)
      || !attest_partner_answer_get_text (object, NULL, "lastName", &self->last_name, problem)
      || !attest_partner_answer_get_text (object, NULL, "email", &self->email, problem)
      || !attest_partner_answer_get_text (object, NULL, "culture", &self->culture, problem)
      || !attest_partner_answer_get_text (object, NULL, "language", &self->language, problem)
      || !attest_partner_answer_get_text (object, NULL, "companyName", &self->company_name,
                                          problem)
      || !attest_partner_answer_get_object (object, NULL, "defaultAddress", &address, problem)
      || !attest_partner_answer_get_text (address, "defaultAddress", "phoneNumber",
                                          &self->phone_number, problem)
      || !attest_partner_answer_get_text (address, "defaultAddress", "country", &self->country,
                                          problem))
    return NULL;

  return g_steal_pointer (&self);
}

AttestBillingProfile *
attest_billing_profile_ref (AttestBillingProfile *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
attest_billing_profile_unref (AttestBillingProfile *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_free (self->first_name);
  g_free (self->last_name);
  g_free (self->email);
  g_free (self->phone_number);
  g_free (self->culture);
  g_free (self->language);
  g_free (self->company_name);
  g_free (self->country);
  g_free (self);
}

/* Each getter returns the value as given, or NULL when it is missing. */
const char *
attest_billing_profile_get_first_name (const AttestBillingProfile *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->first_name;
}

const char *
attest_billing_profile_get_last_name (const AttestBillingProfile *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->last_name;
}

const char *
attest_billing_profile_get_email (const AttestBillingProfile *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->email;
}

/* The default address's phone number. */
const char *
attest_billing_profile_get_phone_number (const AttestBillingProfile *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->phone_number;
}

/* "en-US", as given: perhaps not a valid BCP 47 tag. */
const char *
attest_billing_profile_get_culture (const AttestBillingProfile *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->culture;
}

const char *
attest_billing_profile_get_language (const AttestBillingProfile *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->language;
}

const char *
attest_billing_profile_get_company_name (const AttestBillingProfile *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->company_name;
}

/* The default address's country, as given. */
const char *
attest_billing_profile_get_country (const AttestBillingProfile *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->country;
}
