/* attest-sandbox-customers.c: the sandbox's seeded customers
 *
 * The same seed and count give the same customers, in the same order, on
 * every machine (GRand is a Mersenne Twister). The data is made to hurt: names
 * with commas, quotes, apostrophes and letters beyond ASCII, empty and
 * international phone numbers, some invalid emails, and agreement dates in
 * the three forms the service uses (none, seconds, milliseconds). Company
 * names and domains, which only the customer list of the current flow
 * shows, are drawn from a generator of their own, so that the rest is what
 * it was before they existed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-sandbox-customers"

#include "config.h"

#include "attest-sandbox-customers.h"
#include "attest-sandbox-util.h"

/* The public fields point to strings the customer owns. */
typedef struct
{
  AttestSandboxCustomer  public;
  /* The last partner attestation: its contact, for the 600061 rule, and
   * its date, for the agreements read. */
  char                  *attested_first_name;
  char                  *attested_last_name;
  char                  *attested_email;
  char                  *attested_phone_number;
  char                  *attested_date_agreed;
} SandboxCustomer;

struct _AttestSandboxCustomers
{
  guint32     seed;
  GPtrArray  *list;   /* SandboxCustomer, in listing order */
  GHashTable *by_id;
};

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

/* Microsoft's fictitious companies, and some with the letters and
 * punctuation that CSV files and people's names have. */
static const Name companies[] = {
  { "Contoso", "contoso" },
  { "Fabrikam", "fabrikam" },
  { "Adatum", "adatum" },
  { "Northwind Traders", "northwindtraders" },
  { "Tailspin Toys", "tailspintoys" },
  { "Wingtip Toys", "wingtiptoys" },
  { "Litware", "litware" },
  { "Proseware", "proseware" },
  { "Trey Research", "treyresearch" },
  { "Woodgrove Bank", "woodgrovebank" },
  { "Alpine Ski House", "alpineskihouse" },
  { "Coho Winery", "cohowinery" },
  { "Fourth Coffee", "fourthcoffee" },
  { "Lamna Healthcare", "lamnahealthcare" },
  { "Relecloud", "relecloud" },
  { "Wide World Importers", "wideworldimporters" },
  { "Margie's Travel", "margiestravel" },
  { "Boulangerie Étoile", "boulangerieetoile" },
  { "Öztürk Kahve", "ozturkkahve" },
  { "Müller & Söhne", "mullersohne" },
};

static const char * const company_kinds[] = {
  "", " Group", " Holdings", " Labs", " Services", " Partners",
};

static const char * const company_forms[] = {
  "", " Ltd.", ", Inc.", " GmbH", " SAS", " A.Ş.", " LLC", " S.A.",
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
  g_free ((char *) customer->public.company_name);
  g_free ((char *) customer->public.domain);
  g_free (customer->attested_first_name);
  g_free (customer->attested_last_name);
  g_free (customer->attested_email);
  g_free (customer->attested_phone_number);
  g_free (customer->attested_date_agreed);
  g_free (customer);
}

AttestSandboxCustomers *
attest_sandbox_customers_new (guint32 seed)
{
  AttestSandboxCustomers *self = g_new0 (AttestSandboxCustomers, 1);

  self->seed = seed;
  attest_sandbox_customers_generate (self, ATTEST_SANDBOX_DEFAULT_CUSTOMERS);

  return self;
}

void
attest_sandbox_customers_free (AttestSandboxCustomers *self)
{
  g_hash_table_unref (self->by_id);
  g_ptr_array_unref (self->list);
  g_free (self);
}

/* Makes @count customers anew, all waiting for attestation. */
static void
name_company (SandboxCustomer *customer,
              GRand           *rand,
              guint            index)
{
  const Name *company = &companies[g_rand_int_range (rand, 0, G_N_ELEMENTS (companies))];
  const char *kind = company_kinds[g_rand_int_range (rand, 0, G_N_ELEMENTS (company_kinds))];
  const char *form = company_forms[g_rand_int_range (rand, 0, G_N_ELEMENTS (company_forms))];
  g_autofree char *kind_ascii = g_ascii_strdown (kind[0] == ' ' ? kind + 1 : kind, -1);

  customer->public.company_name = g_strconcat (company->name, kind, form, NULL);
  customer->public.domain = g_strdup_printf ("%s%s%u.onmicrosoft.com", company->ascii,
                                             kind_ascii, index);
}

void
attest_sandbox_customers_generate (AttestSandboxCustomers *self,
                                   guint                   count)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (self->seed ^ 0x0c0ffee0);
  g_autoptr(GRand) company_rand = g_rand_new_with_seed (self->seed ^ 0x0c0a9a11);

  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->list, g_ptr_array_unref);
  self->list = g_ptr_array_new_full (count, customer_free);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < count; i++)
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
      name_company (customer, company_rand, i);

      g_ptr_array_add (self->list, customer);
      g_hash_table_insert (self->by_id, (char *) customer->public.customer_id, customer);
    }
}

guint
attest_sandbox_customers_get_count (AttestSandboxCustomers *self)
{
  return self->list->len;
}

const AttestSandboxCustomer *
attest_sandbox_customers_get (AttestSandboxCustomers *self,
                              guint                   index)
{
  SandboxCustomer *customer = g_ptr_array_index (self->list, index);

  return &customer->public;
}

const AttestSandboxCustomer *
attest_sandbox_customers_lookup (AttestSandboxCustomers *self,
                                 const char             *customer_id)
{
  SandboxCustomer *customer = g_hash_table_lookup (self->by_id, customer_id);

  return customer != NULL ? &customer->public : NULL;
}

/* How many customers the fetch list still holds. */
guint
attest_sandbox_customers_count_pending (AttestSandboxCustomers *self)
{
  guint pending = 0;

  for (guint i = 0; i < self->list->len; i++)
    {
      SandboxCustomer *customer = g_ptr_array_index (self->list, i);

      pending += !customer->public.attested;
    }

  return pending;
}

/* Whether the customer's last partner attestation had the contact of
 * @agreement: the service refuses the same one again (600061). */
gboolean
attest_sandbox_customers_attested_with (AttestSandboxCustomers       *self,
                                        const char                   *customer_id,
                                        const AttestSandboxAgreement *agreement)
{
  SandboxCustomer *customer = g_hash_table_lookup (self->by_id, customer_id);

  return customer != NULL && customer->public.attested
         && g_strcmp0 (customer->attested_first_name, agreement->first_name) == 0
         && g_strcmp0 (customer->attested_last_name, agreement->last_name) == 0
         && g_strcmp0 (customer->attested_email, agreement->email) == 0
         && g_strcmp0 (customer->attested_phone_number, agreement->phone_number) == 0;
}

/* Takes the customer off the fetch list, attested with @agreement's contact. */
void
attest_sandbox_customers_attest (AttestSandboxCustomers       *self,
                                 const char                   *customer_id,
                                 const AttestSandboxAgreement *agreement)
{
  SandboxCustomer *customer = g_hash_table_lookup (self->by_id, customer_id);

  customer->public.attested = TRUE;
  g_free (customer->attested_first_name);
  g_free (customer->attested_last_name);
  g_free (customer->attested_email);
  g_free (customer->attested_phone_number);
  g_free (customer->attested_date_agreed);
  customer->attested_first_name = g_strdup (agreement->first_name);
  customer->attested_last_name = g_strdup (agreement->last_name);
  customer->attested_email = g_strdup (agreement->email);
  customer->attested_phone_number = g_strdup (agreement->phone_number);
  customer->attested_date_agreed = g_strdup (agreement->date_agreed);
}

/* The MCA the customer's last partner attestation made, as the agreements
 * read lists it, its strings the customer's and its template the
 * partner's (NULL here); FALSE when a partner never attested it. */
gboolean
attest_sandbox_customers_get_attested (AttestSandboxCustomers *self,
                                       const char             *customer_id,
                                       AttestSandboxAgreement *agreement)
{
  SandboxCustomer *customer = g_hash_table_lookup (self->by_id, customer_id);

  if (customer == NULL || !customer->public.attested)
    return FALSE;

  *agreement = (AttestSandboxAgreement) {
    .date_agreed = customer->attested_date_agreed,
    .has_contact = TRUE,
    .first_name = customer->attested_first_name,
    .last_name = customer->attested_last_name,
    .email = customer->attested_email,
    .phone_number = customer->attested_phone_number,
  };

  return TRUE;
}

/* Takes the customer away, as when it leaves the partner. Returns FALSE
 * when there is none with @customer_id. */
gboolean
attest_sandbox_customers_remove (AttestSandboxCustomers *self,
                                 const char             *customer_id)
{
  SandboxCustomer *customer = g_hash_table_lookup (self->by_id, customer_id);

  if (customer == NULL)
    return FALSE;

  g_hash_table_remove (self->by_id, customer_id);
  g_ptr_array_remove (self->list, customer);

  return TRUE;
}
