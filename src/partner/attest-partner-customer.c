/* attest-partner-customer.c: a customer as GET /v1/customers lists it
 *
 * An item is {"id", "companyProfile": {"tenantId", "domain",
 * "companyName"}, …}; the customer's ID is the one the routes take, "id",
 * else its profile's "tenantId".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-partner-customer"

#include "config.h"

#include <glib/gi18n.h>

#include "attest-partner-answer.h"
#include "attest-partner-customer.h"

struct _AttestPartnerCustomer
{
  gatomicrefcount  ref_count;
  char            *tenant_id;
  char            *company_name;
  char            *domain;
};

G_DEFINE_BOXED_TYPE (AttestPartnerCustomer, attest_partner_customer,
                     attest_partner_customer_ref, attest_partner_customer_unref)

/* @company_name and @domain may be NULL (not known). */
AttestPartnerCustomer *
attest_partner_customer_new (const char *tenant_id,
                             const char *company_name,
                             const char *domain)
{
  AttestPartnerCustomer *self;

  g_return_val_if_fail (tenant_id != NULL, NULL);

  self = g_new0 (AttestPartnerCustomer, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->tenant_id = g_strdup (tenant_id);
  self->company_name = g_strdup (company_name);
  self->domain = g_strdup (domain);

  return self;
}

/* Reads one item of the list, found at @where in the answer (“items[3]”);
 * NULL with @problem set when it does not fit. */
AttestPartnerCustomer *
attest_partner_customer_new_from_json (JsonNode    *item,
                                       const char  *where,
                                       char       **problem)
{
  g_autofree char *id = NULL;
  g_autofree char *tenant_id = NULL;
  g_autofree char *company_name = NULL;
  g_autofree char *domain = NULL;
  g_autofree char *profile_place = NULL;
  JsonObject *object;
  JsonObject *profile = NULL;

  g_return_val_if_fail (item != NULL && where != NULL, NULL);
  g_return_val_if_fail (problem != NULL && *problem == NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (item))
    {
      /* Translators: the place of an item in Partner Center's answer. */
      *problem = g_strdup_printf (_("“%s” is not an object"), where);
      return NULL;
    }

  object = json_node_get_object (item);
  profile_place = g_strconcat (where, ".companyProfile", NULL);
  if (!attest_partner_answer_get_text (object, where, "id", &id, problem)
      || !attest_partner_answer_get_object (object, where, "companyProfile", &profile, problem)
      || !attest_partner_answer_get_text (profile, profile_place, "tenantId", &tenant_id,
                                          problem)
      || !attest_partner_answer_get_text (profile, profile_place, "companyName", &company_name,
                                          problem)
      || !attest_partner_answer_get_text (profile, profile_place, "domain", &domain, problem))
    return NULL;

  if (id == NULL && tenant_id == NULL)
    {
      /* Translators: the place of an item in Partner Center's answer. */
      *problem = g_strdup_printf (_("“%s” has no customer ID (“id” or "
                                    "“companyProfile.tenantId”)"), where);
      return NULL;
    }

  return attest_partner_customer_new (id != NULL ? id : tenant_id, company_name, domain);
}

AttestPartnerCustomer *
attest_partner_customer_ref (AttestPartnerCustomer *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
attest_partner_customer_unref (AttestPartnerCustomer *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_free (self->tenant_id);
  g_free (self->company_name);
  g_free (self->domain);
  g_free (self);
}

/* The customer's tenant ID, the ID its routes take; never NULL. */
const char *
attest_partner_customer_get_tenant_id (const AttestPartnerCustomer *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->tenant_id;
}

/* NULL when the list did not give it. */
const char *
attest_partner_customer_get_company_name (const AttestPartnerCustomer *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->company_name;
}

/* The customer's domain (contoso.onmicrosoft.com), NULL when not given. */
const char *
attest_partner_customer_get_domain (const AttestPartnerCustomer *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->domain;
}
