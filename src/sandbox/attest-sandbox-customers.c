/* attest-sandbox-customers.c: the sandbox's seeded customers
 *
 * The same seed and count give the same customers, in the same order, on
 * every machine (GRand is a Mersenne Twister). The data is made to hurt: names
 * with commas, quotes, apostrophes and letters beyond ASCII, empty and
 * international phone numbers, some invalid emails, and agreement dates in
 * the three forms the service uses (none, seconds, milliseconds).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-sandbox-customers"

#include "config.h"

#include "attest-sandbox-private.h"

typedef struct
{
  const char *name;
  const char *ascii;  /* for the email address */
} Name;

static const Name first_names[] = {
  { "Jane", "jane" },
  { "José", "jose" },
  { "Zoë", "zoe" },
  { "Łukasz", "lukasz" },
  { "Ayşe", "ayse" },
  { "Çağrı", "cagri" },
  { "François", "francois" },
  { "Søren", "soren" },
  { "Robert \"Bob\"", "bob" },
  { "Mary-Jane", "maryjane" },
  { "İlkay", "ilkay" },
  { "Émilie", "emilie" },
  { "Günther", "gunther" },
  { "Aoife", "aoife" },
  { "Kenji", "kenji" },
  { "Renée", "renee" },
};

static const Name last_names[] = {
  { "Doe", "doe" },
  { "O'Brien", "obrien" },
  { "Müller", "muller" },
  { "Smith, Jr.", "smith" },
  { "Şahin", "sahin" },
  { "García", "garcia" },
  { "Nguyễn", "nguyen" },
  { "D'Angelo", "dangelo" },
  { "van der Berg", "vanderberg" },
  { "Öztürk", "ozturk" },
  { "Kowalski", "kowalski" },
  { "Brontë", "bronte" },
  { "Yılmaz", "yilmaz" },
  { "Le Blanc, \"Junior\"", "leblanc" },
  { "Johansson", "johansson" },
  { "Ndiaye", "ndiaye" },
};

static const char * const domains[] = {
  "contoso.com", "fabrikam.fr", "adatum.com.tr", "northwind.de", "tailspin.co.uk",
};

static const char * const phone_numbers[] = {
  "", "+1 425-555-0100", "+33 1 23 45 67 89", "+90 212 555 01 23", "(425) 555-0199",
  "4255550100 ext. 12", "+44 20 7946 0958", "",
};

/* 2023-02-14 00:00:00 UTC */
#define BASE_AGREEMENT_EPOCH G_GINT64_CONSTANT (1676332800)

static char *
make_email (GRand      *rand,
            const Name *first,
            const Name *last,
            const char *domain,
            guint       index)
{
  /* About one in eleven is one the service refuses. */
  switch (g_rand_int_range (rand, 0, 44))
    {
    case 0:
      return g_strdup_printf ("%s.%s.%s", first->ascii, last->ascii, domain);
    case 1:
      return g_strdup_printf ("%s@@%s", last->ascii, domain);
    case 2:
      return g_strdup_printf ("%s@localhost", first->ascii);
    case 3:
      return g_strdup_printf ("%s %s@%s", first->ascii, last->ascii, domain);
    default:
      return g_strdup_printf ("%s.%s%u@%s", first->ascii, last->ascii, index, domain);
    }
}

static gint64
make_epoch (GRand *rand)
{
  gint64 seconds = BASE_AGREEMENT_EPOCH + (gint64) g_rand_int_range (rand, 0, 400) * 86400
                   + g_rand_int_range (rand, 0, 86400);

  switch (g_rand_int_range (rand, 0, 3))
    {
    case 0:
      return 0;
    case 1:
      return seconds;
    default:
      return seconds * 1000;
    }
}

static void
customer_free (gpointer data)
{
  SandboxCustomer *customer = data;

  g_free ((char *) customer->public.customer_id);
  g_free ((char *) customer->public.first_name);
  g_free ((char *) customer->public.last_name);
  g_free ((char *) customer->public.email);
  g_free ((char *) customer->public.phone_number);
  g_free (customer->attested_first_name);
  g_free (customer->attested_last_name);
  g_free (customer->attested_email);
  g_free (customer->attested_phone_number);
  g_free (customer);
}

void
attest_sandbox_customers_generate (AttestSandbox *self)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (self->seed ^ 0x0c0ffee0);

  attest_sandbox_customers_clear (self);
  self->customers = g_ptr_array_new_full (self->customer_count, customer_free);
  self->customers_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->continuations = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < self->customer_count; i++)
    {
      SandboxCustomer *customer = g_new0 (SandboxCustomer, 1);
      const Name *first = &first_names[g_rand_int_range (rand, 0, G_N_ELEMENTS (first_names))];
      const Name *last = &last_names[g_rand_int_range (rand, 0, G_N_ELEMENTS (last_names))];
      const char *domain = domains[g_rand_int_range (rand, 0, G_N_ELEMENTS (domains))];

      customer->public.customer_id = attest_sandbox_new_guid (rand);
      customer->public.first_name = g_strdup (first->name);
      customer->public.last_name = g_strdup (last->name);
      customer->public.email = make_email (rand, first, last, domain, i);
      customer->public.phone_number =
        g_strdup (phone_numbers[g_rand_int_range (rand, 0, G_N_ELEMENTS (phone_numbers))]);
      customer->public.last_agreement_epoch = make_epoch (rand);

      g_ptr_array_add (self->customers, customer);
      g_hash_table_insert (self->customers_by_id, (char *) customer->public.customer_id,
                           customer);
    }
}

void
attest_sandbox_customers_clear (AttestSandbox *self)
{
  g_clear_pointer (&self->customers_by_id, g_hash_table_unref);
  g_clear_pointer (&self->customers, g_ptr_array_unref);
  g_clear_pointer (&self->continuations, g_hash_table_unref);
}

guint
attest_sandbox_get_customer_count (AttestSandbox *self)
{
  g_return_val_if_fail (ATTEST_IS_SANDBOX (self), 0);

  return self->customers != NULL ? self->customers->len : 0;
}

const AttestSandboxCustomer *
attest_sandbox_get_customer (AttestSandbox *self,
                             guint          index)
{
  SandboxCustomer *customer;

  g_return_val_if_fail (ATTEST_IS_SANDBOX (self), NULL);
  g_return_val_if_fail (index < attest_sandbox_get_customer_count (self), NULL);

  customer = g_ptr_array_index (self->customers, index);

  return &customer->public;
}

const AttestSandboxCustomer *
attest_sandbox_lookup_customer (AttestSandbox *self,
                                const char    *customer_id)
{
  SandboxCustomer *customer;

  g_return_val_if_fail (ATTEST_IS_SANDBOX (self), NULL);
  g_return_val_if_fail (customer_id != NULL, NULL);

  if (self->customers_by_id == NULL)
    return NULL;

  customer = g_hash_table_lookup (self->customers_by_id, customer_id);

  return customer != NULL ? &customer->public : NULL;
}

/* How many customers the fetch list still holds. */
guint
attest_sandbox_count_pending (AttestSandbox *self)
{
  guint pending = 0;

  g_return_val_if_fail (ATTEST_IS_SANDBOX (self), 0);

  for (guint i = 0; i < attest_sandbox_get_customer_count (self); i++)
    {
      SandboxCustomer *customer = g_ptr_array_index (self->customers, i);

      pending += !customer->public.attested;
    }

  return pending;
}
