/* attest-sandbox-mca.c: each customer's Microsoft Customer Agreement in the current flow
 *
 * What the documented reads of reference mca-current-flow §2 show of a
 * customer: its agreements, whether it accepted the MCA itself in the
 * Microsoft 365 admin center (isSigned), and its billing profile. What a
 * customer starts with follows from the seed and its ID alone, drawn when
 * asked for, so that 100,000 customers cost nothing until they are read;
 * only a customer's own acceptance set by a test is kept here. The MCA a
 * partner's attestation or its completion creates is the customer table's
 * record of that attestation, read from there: a bulk write of 500
 * customers copies nothing more.
 *
 * The seeds give a mix a partner meets: about 15% accepted directly, 30%
 * with an MCA dated on or after 2023-04-01 (a fifth of them exactly
 * 2023-04-01T00:00:00Z, the day that still counts), 30% with older MCAs
 * only (a fifth of them at 2023-03-31T23:59:59Z, the last second that does
 * not), 25% with no MCA at all; a third also have the old Microsoft Cloud
 * Agreement, which a read without agreementType lists alone. The newest
 * MCA is not always listed first. Billing profiles lack a value now and
 * then: no culture, a culture that is no BCP 47 tag, neither culture nor
 * language, no country, a country in lower case, an empty email, no
 * name, no company name.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-sandbox-mca"

#include "config.h"

#include "attest-sandbox-mca.h"

/* Seconds since the epoch, UTC. */
#define CLOUD_START   G_GINT64_CONSTANT (1451606400)  /* 2016-01-01 */
#define OLDER_START   G_GINT64_CONSTANT (1546300800)  /* 2019-01-01 */
#define CUTOFF        G_GINT64_CONSTANT (1680307200)  /* 2023-04-01 */
#define RECENT_END    G_GINT64_CONSTANT (1767139200)  /* 2025-12-31 */

/* What each draw is for, so that one kind of draw never moves another. */
#define DRAW_AGREEMENTS G_GUINT64_CONSTANT (0x4d4341)
#define DRAW_PROFILE    G_GUINT64_CONSTANT (0x50524f)

struct _AttestSandboxMca
{
  guint32                 seed;
  AttestSandboxCustomers *customers;  /* borrowed */
  GHashTable             *signed_;    /* customer ID → isSigned, where a test set it */
};

typedef struct
{
  guint64 state;
} Draw;

typedef struct
{
  const char *country;
  const char *lower_case_country;  /* as some profiles have it */
  const char *culture;
  const char *language;
  const char *region;
  const char *city;
  const char *address_line1;
  const char *postal_code;
} Place;

static const Place places[] = {
  { "US", "us", "en-US", "en", "WA", "Redmond", "1 Microsoft Way", "98052" },
  { "FR", "fr", "fr-FR", "fr", "Île-de-France", "Paris", "12 rue de Rivoli", "75004" },
  { "TR", "tr", "tr-TR", "tr", "İstanbul", "Şişli", "Büyükdere Cad. No:1", "34394" },
  { "DE", "de", "de-DE", "de", "Bayern", "München", "Leopoldstraße 1", "80802" },
  { "GB", "gb", "en-GB", "en", NULL, "London", "10 Baker Street", "NW1 6XE" },
  { "NL", "nl", "nl-NL", "nl", "Noord-Holland", "Amsterdam", "Damrak 1", "1012 LG" },
  { "CA", "ca", "fr-CA", "fr", "QC", "Montréal", "1 rue Sainte-Catherine", "H2X 1K4" },
  { "JP", "jp", "ja-JP", "ja", "東京都", "千代田区", "丸の内1-1", "100-0005" },
  { "BR", "br", "pt-BR", "pt", "SP", "São Paulo", "Av. Paulista 1000", "01310-100" },
  { "CH", "ch", "de-CH", "de", "ZH", "Zürich", "Bahnhofstrasse 1", "8001" },
};

/* Values a billing profile may lack. */
typedef enum
{
  GAP_NO_CULTURE = 6,
  GAP_INVALID_CULTURE,
  GAP_NO_LANGUAGE,
  GAP_NO_COUNTRY,
  GAP_LOWER_CASE_COUNTRY,
  GAP_NO_EMAIL,
  GAP_NO_NAME,
  GAP_NO_COMPANY_NAME,
  N_GAPS,               /* draws below GAP_NO_CULTURE lack nothing */
} Gap;

/* A generator for one customer and one purpose: FNV-1a of the ID, then
 * SplitMix64 steps. */
static void
draw_init (Draw       *draw,
           guint32     seed,
           const char *customer_id,
           guint64     purpose)
{
  guint64 hash = G_GUINT64_CONSTANT (0xcbf29ce484222325);

  for (const char *p = customer_id; *p != '\0'; p++)
    hash = (hash ^ (guchar) *p) * G_GUINT64_CONSTANT (0x100000001b3);

  draw->state = hash ^ ((guint64) seed << 32) ^ purpose;
}

static guint64
draw_next (Draw *draw)
{
  guint64 z = (draw->state += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);

  return z ^ (z >> 31);
}

static guint
draw_below (Draw  *draw,
            guint  n)
{
  return draw_next (draw) % n;
}

/* A time in [@start, @end), as the service writes dateAgreed. */
static const char *
draw_date (Draw         *draw,
           gint64        start,
           gint64        end,
           GStringChunk *strings)
{
  gint64 seconds = start + (gint64) (draw_next (draw) % (guint64) (end - start));
  g_autoptr(GDateTime) date = g_date_time_new_from_unix_utc (seconds);
  g_autofree char *text = g_date_time_format (date, "%Y-%m-%dT%H:%M:%SZ");

  return g_string_chunk_insert (strings, text);
}

AttestSandboxMca *
attest_sandbox_mca_new (guint32                 seed,
                        AttestSandboxCustomers *customers)
{
  AttestSandboxMca *self = g_new0 (AttestSandboxMca, 1);

  self->seed = seed;
  self->customers = customers;
  self->signed_ = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  return self;
}

void
attest_sandbox_mca_free (AttestSandboxMca *self)
{
  g_hash_table_unref (self->signed_);
  g_free (self);
}

/* The customers were made anew: what changed of the old ones goes. */
void
attest_sandbox_mca_forget_customers (AttestSandboxMca *self)
{
  g_hash_table_remove_all (self->signed_);
}

void
attest_sandbox_mca_forget_customer (AttestSandboxMca *self,
                                    const char       *customer_id)
{
  g_hash_table_remove (self->signed_, customer_id);
}

static AttestSandboxMcaSeed
seed_of (AttestSandboxMca *self,
         const char       *customer_id,
         Draw             *draw)
{
  guint share;

  draw_init (draw, self->seed, customer_id, DRAW_AGREEMENTS);
  share = draw_below (draw, 20);
  if (share < 3)
    return ATTEST_SANDBOX_MCA_SEED_ACCEPTED_DIRECTLY;
  if (share < 9)
    return ATTEST_SANDBOX_MCA_SEED_ATTESTED;
  if (share < 15)
    return ATTEST_SANDBOX_MCA_SEED_OLDER_ONLY;

  return ATTEST_SANDBOX_MCA_SEED_NONE;
}

AttestSandboxMcaSeed
attest_sandbox_mca_get_seed (AttestSandboxMca *self,
                             const char       *customer_id)
{
  Draw draw;

  return seed_of (self, customer_id, &draw);
}

/* Whether the customer accepted the MCA itself in the admin center. */
gboolean
attest_sandbox_mca_is_signed (AttestSandboxMca *self,
                              const char       *customer_id)
{
  gpointer value;

  if (g_hash_table_lookup_extended (self->signed_, customer_id, NULL, &value))
    return GPOINTER_TO_INT (value);

  return attest_sandbox_mca_get_seed (self, customer_id)
         == ATTEST_SANDBOX_MCA_SEED_ACCEPTED_DIRECTLY;
}

void
attest_sandbox_mca_set_signed (AttestSandboxMca *self,
                               const char       *customer_id,
                               gboolean          is_signed)
{
  g_hash_table_insert (self->signed_, g_strdup (customer_id), GINT_TO_POINTER (!!is_signed));
}

static void
append_seeded (GArray                      *agreements,
               const AttestSandboxCustomer *customer,
               const char                  *type,
               const char                  *date_agreed)
{
  AttestSandboxMcaAgreement agreement = {
    .type = type,
    .template_id = g_str_equal (type, ATTEST_SANDBOX_CLOUD_TYPE)
                   ? ATTEST_SANDBOX_CLOUD_TEMPLATE_ID : NULL,
    .date_agreed = date_agreed,
    .first_name = customer->first_name,
    .last_name = customer->last_name,
    .email = customer->email,
    .phone_number = customer->phone_number,
  };

  g_array_append_val (agreements, agreement);
}

/* The customer's agreements, those of its seed first, then the one its
 * last partner attestation created; NULL when there is no such customer.
 * The agreements' strings are the customer's or in @strings. */
GArray *
attest_sandbox_mca_list_agreements (AttestSandboxMca *self,
                                    const char       *customer_id,
                                    GStringChunk     *strings)
{
  const AttestSandboxCustomer *customer = attest_sandbox_customers_lookup (self->customers,
                                                                           customer_id);
  const char *mca = ATTEST_SANDBOX_MCA_TYPE;
  AttestSandboxAgreement attested;
  AttestSandboxMcaSeed seed;
  GArray *agreements;
  Draw draw;

  if (customer == NULL)
    return NULL;

  agreements = g_array_new (FALSE, FALSE, sizeof (AttestSandboxMcaAgreement));
  seed = seed_of (self, customer_id, &draw);

  if (draw_below (&draw, 3) == 0)
    append_seeded (agreements, customer, ATTEST_SANDBOX_CLOUD_TYPE,
                   draw_date (&draw, CLOUD_START, OLDER_START, strings));

  switch (seed)
    {
    case ATTEST_SANDBOX_MCA_SEED_ACCEPTED_DIRECTLY:
      if (draw_below (&draw, 2) == 0)
        append_seeded (agreements, customer, mca, draw_date (&draw, OLDER_START, CUTOFF, strings));
      break;
    case ATTEST_SANDBOX_MCA_SEED_ATTESTED:
      {
        gboolean with_older = draw_below (&draw, 2) == 0;
        gboolean older_last = draw_below (&draw, 2) == 0;
        const char *recent = draw_below (&draw, 5) == 0
                             ? "2023-04-01T00:00:00Z"
                             : draw_date (&draw, CUTOFF, RECENT_END, strings);
        const char *older = draw_date (&draw, OLDER_START, CUTOFF, strings);

        if (with_older && !older_last)
          append_seeded (agreements, customer, mca, older);
        append_seeded (agreements, customer, mca, recent);
        if (with_older && older_last)
          append_seeded (agreements, customer, mca, older);
      }
      break;
    case ATTEST_SANDBOX_MCA_SEED_OLDER_ONLY:
      append_seeded (agreements, customer, mca,
                     draw_below (&draw, 5) == 0 ? "2023-03-31T23:59:59Z"
                                                : draw_date (&draw, OLDER_START, CUTOFF, strings));
      if (draw_below (&draw, 3) == 0)
        append_seeded (agreements, customer, mca, draw_date (&draw, OLDER_START, CUTOFF, strings));
      break;
    case ATTEST_SANDBOX_MCA_SEED_NONE:
    default:
      break;
    }

  if (attest_sandbox_customers_get_attested (self->customers, customer_id, &attested))
    {
      AttestSandboxMcaAgreement agreement = {
        .type = mca,
        .template_id = attested.template_id,
        .date_agreed = attested.date_agreed,
        .first_name = attested.first_name,
        .last_name = attested.last_name,
        .email = attested.email,
        .phone_number = attested.phone_number,
      };

      g_array_append_val (agreements, agreement);
    }

  return agreements;
}

/* The customer's billing profile, its strings the customer's or static;
 * the customer must exist. */
void
attest_sandbox_mca_get_billing_profile (AttestSandboxMca            *self,
                                        const char                  *customer_id,
                                        AttestSandboxBillingProfile *profile)
{
  const AttestSandboxCustomer *customer = attest_sandbox_customers_lookup (self->customers,
                                                                           customer_id);
  static const char * const invalid_cultures[] = { "en_US", "English (United States)", "FR" };
  const Place *place;
  Draw draw;
  guint32 words[4];
  Gap gap;

  g_return_if_fail (customer != NULL);

  draw_init (&draw, self->seed, customer_id, DRAW_PROFILE);
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    words[i] = (guint32) draw_next (&draw);
  g_snprintf (profile->id, sizeof profile->id, "%08x-%04x-4%03x-%04x-%04x%08x",
              words[0], words[1] >> 16, words[1] & 0xfff, 0x8000 | (words[2] & 0x3fff),
              words[2] >> 16, words[3]);

  place = &places[draw_below (&draw, G_N_ELEMENTS (places))];
  profile->first_name = customer->first_name;
  profile->last_name = customer->last_name;
  profile->email = customer->email;
  profile->phone_number = customer->phone_number;
  profile->culture = place->culture;
  profile->language = place->language;
  profile->company_name = customer->company_name;
  profile->country = place->country;
  profile->region = place->region;
  profile->city = place->city;
  profile->address_line1 = place->address_line1;
  profile->postal_code = place->postal_code;

  gap = draw_below (&draw, N_GAPS);
  switch (gap)
    {
    case GAP_NO_CULTURE:
      profile->culture = NULL;
      break;
    case GAP_INVALID_CULTURE:
      profile->culture = invalid_cultures[draw_below (&draw, G_N_ELEMENTS (invalid_cultures))];
      break;
    case GAP_NO_LANGUAGE:
      profile->culture = profile->language = NULL;
      break;
    case GAP_NO_COUNTRY:
      profile->country = NULL;
      break;
    case GAP_LOWER_CASE_COUNTRY:
      profile->country = place->lower_case_country;
      break;
    case GAP_NO_EMAIL:
      profile->email = "";
      break;
    case GAP_NO_NAME:
      profile->first_name = profile->last_name = NULL;
      break;
    case GAP_NO_COMPANY_NAME:
      profile->company_name = NULL;
      break;
    case N_GAPS:
    default:
      break;
    }
}
