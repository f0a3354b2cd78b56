/* attest-mca-status-reads.c: the reads that tell one customer's state
 *
 * As few reads as the state needs (SPEC §13 "Status", mca-current-flow
 * §2): the customer's Microsoft Customer Agreements first, and when the
 * newest is dated on or after 2023-04-01 the customer is attested (one
 * read); else whether it accepted the MCA itself in the admin center,
 * accepted directly when it did (two reads); else it needs acceptance, and
 * its billing profile, which a request falls back on, is read and kept in
 * the ledger (three reads).
 *
 * A customer the ledger has as requested is done once an MCA dated on or
 * after its attestation's day shows (the completion dates it so), accepted
 * directly when isSigned, and otherwise stays requested: no read shows an
 * acceptance before its completion, and its profile was read before it
 * was requested (two reads).
 *
 * Whatever answer a customer gets is recorded in the ledger as it comes.
 * A read that fails after the client's retries (SPEC §6) leaves the
 * customer unchecked, with the reason; a failure no other customer could
 * escape (the sign-in, a missing credential, no answer at all) stops the
 * whole check.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-mca-status-reads"

#include "config.h"

#include <glib/gi18n.h>

#include "attest-mca-status-private.h"
#include "attest-token-provider.h"

/* 2023-04-01T00:00:00Z: a customer whose MCA was accepted or attested on
 * or after it needs nothing more (mca-current-flow §1). */
#define ATTESTED_SINCE G_GINT64_CONSTANT (1680307200)

typedef struct
{
  AttestMcaStatusCheck  *self;           /* a reference */
  AttestMcaStatusResult *result;         /* the check's */
  AttestMcaState         known;          /* the ledger's state before the check */
  gint64                 requested_day;  /* requested: the attestation's day (Unix time) */
} Read;

static void
read_free (Read *read)
{
  g_object_unref (read->self);
  g_free (read);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Read, read_free)

/* Whether no other customer can be read either after @error: the sign-in
 * or a credential is missing or refused, the service is not there at all,
 * or the user may read no customer (403 before any customer was read). */
static gboolean
stops_the_check (AttestMcaStatusCheck *self,
                 const GError         *error)
{
  if (error->domain == ATTEST_TOKEN_PROVIDER_ERROR)
    return TRUE;
  if (error->domain != ATTEST_PARTNER_ERROR)
    return FALSE;

  switch (error->code)
    {
    case ATTEST_PARTNER_ERROR_UNAUTHORIZED:
    case ATTEST_PARTNER_ERROR_MFA_REQUIRED:
    case ATTEST_PARTNER_ERROR_NO_CREDENTIAL:
    case ATTEST_PARTNER_ERROR_NETWORK:
    case ATTEST_PARTNER_ERROR_TLS:
    case ATTEST_PARTNER_ERROR_INSECURE_URL:
      return TRUE;
    case ATTEST_PARTNER_ERROR_FORBIDDEN:
      return self->n_read == 0;
    default:
      return FALSE;
    }
}

/* The read failed: takes @read and @error. */
static void
read_failed (Read   *read,
             GError *error)
{
  g_autoptr(Read) owned = read;
  g_autoptr(GError) owned_error = error;
  g_autoptr(GError) ledger_error = NULL;
  AttestMcaStatusCheck *self = read->self;
  AttestMcaStatusResult *result = read->result;

  if (self->stop != NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
      || stops_the_check (self, error))
    {
      /* Not this customer's own failure: it stays as it was. */
      _attest_mca_status_stop (self, error);
      _attest_mca_status_release_slot (self);
      return;
    }

  g_debug ("Could not check %s: %s", result->customer_id, error->message);
  result->failed = TRUE;
  result->message = g_strdup (error->message);

  /* A failed check tells nothing new of a customer whose state is known. */
  if (read->known == ATTEST_MCA_STATE_UNCHECKED
      && !attest_mca_ledger_record_state (self->ledger, result->customer_id,
                                          ATTEST_MCA_STATE_UNCHECKED, result->company_name,
                                          result->message, NULL, &ledger_error))
    _attest_mca_status_stop (self, ledger_error);

  _attest_mca_status_finish_result (self, result);
  _attest_mca_status_release_slot (self);
}

/* The reads told the customer's @state: takes @read. */
static void
read_done (Read           *read,
           AttestMcaState  state,
           const char     *message)
{
  g_autoptr(Read) owned = read;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(AttestMcaCustomer) customer = NULL;
  g_autoptr(GError) error = NULL;
  AttestMcaStatusCheck *self = read->self;
  AttestMcaStatusResult *result = read->result;

  if (!attest_mca_ledger_record_state (self->ledger, result->customer_id, state,
                                       result->company_name, message, now, &error))
    {
      _attest_mca_status_stop (self, error);
      _attest_mca_status_release_slot (self);
      return;
    }

  /* The ledger keeps a requested, refused or done customer so when the
   * reads say it needs acceptance: its state is the ledger's. */
  customer = attest_mca_ledger_lookup (self->ledger, result->customer_id);
  result->state = attest_mca_customer_get_state (customer);
  result->message = g_strdup (attest_mca_customer_get_message (customer));
  result->checked_at = g_date_time_ref (now);
  self->n_read++;

  _attest_mca_status_finish_result (self, result);
  _attest_mca_status_release_slot (self);
}

static void
on_billing_profile (GObject      *object,
                    GAsyncResult *res,
                    gpointer      user_data)
{
  Read *read = user_data;
  AttestMcaStatusCheck *self = read->self;
  g_autoptr(AttestBillingProfile) profile = NULL;
  g_autoptr(GError) ledger_error = NULL;
  g_autofree char *message = NULL;
  GError *error = NULL;

  read->result->n_requests++;
  profile = attest_partner_client_get_billing_profile_finish (self->client, res, &error);
  if (profile == NULL)
    {
      if (self->stop != NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
          || stops_the_check (self, error))
        {
          read_failed (read, error);
          return;
        }

      /* The state is known; a request will read the profile again. */
      message = g_strdup_printf (_("The billing profile could not be read: %s"),
                                 error->message);
      g_error_free (error);
    }
  else if (!attest_mca_ledger_record_profile (self->ledger, read->result->customer_id, profile,
                                              NULL, &ledger_error))
    {
      _attest_mca_status_stop (self, ledger_error);
      _attest_mca_status_release_slot (self);
      read_free (read);
      return;
    }

  read_done (read, ATTEST_MCA_STATE_NEEDS_ACCEPTANCE, message);
}

static void
on_direct_signed (GObject      *object,
                  GAsyncResult *res,
                  gpointer      user_data)
{
  Read *read = user_data;
  AttestMcaStatusCheck *self = read->self;
  gboolean is_signed = FALSE;
  GError *error = NULL;

  read->result->n_requests++;
  if (!attest_partner_client_get_direct_signed_finish (self->client, res, &is_signed, &error))
    read_failed (read, error);
  else if (is_signed)
    read_done (read, ATTEST_MCA_STATE_ACCEPTED_DIRECTLY, NULL);
  else if (read->known == ATTEST_MCA_STATE_REQUESTED)
    read_done (read, ATTEST_MCA_STATE_NEEDS_ACCEPTANCE, NULL);
  else
    attest_partner_client_get_billing_profile_async (self->client, read->result->customer_id,
                                                     self->cancellable, on_billing_profile,
                                                     read);
}

/* The date of the newest Microsoft Customer Agreement (Unix time), or
 * G_MININT64 when there is none. */
static gint64
newest_agreement (GPtrArray *agreements)
{
  gint64 newest = G_MININT64;

  for (guint i = 0; i < agreements->len; i++)
    {
      AttestPartnerAgreement *agreement = g_ptr_array_index (agreements, i);
      const char *type = attest_partner_agreement_get_agreement_type (agreement);
      GDateTime *date_agreed = attest_partner_agreement_get_date_agreed (agreement);

      if (date_agreed != NULL
          && (type == NULL || g_str_equal (type, ATTEST_PARTNER_AGREEMENT_TYPE_MCA)))
        newest = MAX (newest, g_date_time_to_unix (date_agreed));
    }

  return newest;
}

static void
on_agreements (GObject      *object,
               GAsyncResult *res,
               gpointer      user_data)
{
  Read *read = user_data;
  AttestMcaStatusCheck *self = read->self;
  g_autoptr(GPtrArray) agreements = NULL;
  GError *error = NULL;
  gint64 newest;

  read->result->n_requests++;
  agreements = attest_partner_client_get_agreements_finish (self->client, res, &error);
  if (agreements == NULL)
    {
      read_failed (read, error);
      return;
    }

  newest = newest_agreement (agreements);
  if (read->known == ATTEST_MCA_STATE_REQUESTED && newest >= read->requested_day)
    read_done (read, ATTEST_MCA_STATE_DONE, NULL);
  else if (newest >= ATTESTED_SINCE)
    read_done (read, ATTEST_MCA_STATE_ATTESTED, NULL);
  else
    attest_partner_client_get_direct_signed_async (self->client, read->result->customer_id,
                                                   self->cancellable, on_direct_signed, read);
}

/* Starts the reads of @result's customer, which the ledger knows as
 * @known (NULL: not at all), in a slot the caller took. */
void
_attest_mca_status_read_customer (AttestMcaStatusCheck  *self,
                                  AttestMcaStatusResult *result,
                                  AttestMcaCustomer     *known)
{
  Read *read = g_new0 (Read, 1);

  read->self = g_object_ref (self);
  read->result = result;
  read->known = known != NULL ? attest_mca_customer_get_state (known)
                              : ATTEST_MCA_STATE_UNCHECKED;
  if (read->known == ATTEST_MCA_STATE_REQUESTED)
    {
      GDateTime *requested_at = attest_mca_customer_get_requested_at (known);

      /* The completion is dated no earlier than the attestation's day. */
      read->requested_day = ATTESTED_SINCE;
      if (requested_at != NULL)
        {
          g_autoptr(GDateTime) utc = g_date_time_to_utc (requested_at);
          g_autoptr(GDateTime) day = g_date_time_new_utc (g_date_time_get_year (utc),
                                                          g_date_time_get_month (utc),
                                                          g_date_time_get_day_of_month (utc),
                                                          0, 0, 0);

          read->requested_day = MAX (read->requested_day, g_date_time_to_unix (day));
        }
    }

  attest_partner_client_get_agreements_async (self->client, result->customer_id,
                                              self->cancellable, on_agreements, read);
}
