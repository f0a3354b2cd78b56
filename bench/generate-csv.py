#!/usr/bin/env python3
"""Writes a compatible CSV of N customer records, as Microsoft's tool would
write it for a large partner: realistic names in several scripts, emails and
phones, fields of varying length, names that need quoting (commas, quotes
inside quotes), some empty phones and dates.

Usage: generate-csv.py N FILE
"""

import random
import re
import sys

FIRST = ["Jane", "John", "Élodie", "François", "Ayşe", "Mehmet", "Anna", "Lars", "Sofía", "Chen",
         "Priya", "Olivia", "Noah", "Liam", "Emma", "Zoë", "Mateo", "Yuki", "Fatima", "Kwame"]
LAST = ["Doe", "Smith", "Dupont", "Lefèvre", "Yılmaz", "Öztürk", "Johansson", "García", "Wang",
        "Patel", "Brown", "Müller", "Rossi", "Nakamura", "Okafor", "O'Neil", "Kowalski", "Silva"]
DOMAINS = ["contoso.com", "fabrikam.com", "northwindtraders.com", "adventure-works.com",
           "tailspintoys.com", "wingtiptoys.com", "exemple.fr", "ornek.com.tr"]
# Longer and compound names, so that field lengths vary as they do in a real tenant list.
LONG_FIRST = ["Anne-Sophie", "Jean-Baptiste", "Maximilian", "Bartholomew", "Guðrún", "Alexandros",
              "Władysław", "Nguyễn Thị", "Σωκράτης", "Дмитрий", "Mary Elizabeth"]
LONG_LAST = ["van der Berg-Hoffmann", "Papadopoulou", "de la Cruz Fernández", "Krishnamurthy",
             "Wojciechowski", "Ó Súilleabháin", "Христофоров", "Þorsteinsdóttir", "St. John-Smythe"]
LINK = "https://partner.microsoft.com/dashboard/v2/customers/{}/account"


def main():
    count = int(sys.argv[1])
    rng = random.Random(42)
    with open(sys.argv[2], "w", encoding="utf-8", newline="") as out:
        out.write("CustomerTenantId,FirstName,LastName,Email,PhoneNumber,LastAgreementDate,"
                  "PartnerAttestationCompleted,CustomerAccountLink\r\n")
        lines = []
        for i in range(count):
            h = "%032x" % rng.getrandbits(128)
            guid = "%s-%s-4%s-a%s-%s" % (h[:8], h[8:12], h[13:16], h[17:20], h[20:])
            first = rng.choice(LONG_FIRST if rng.random() < 0.15 else FIRST)
            last = rng.choice(LONG_LAST if rng.random() < 0.15 else LAST)
            local = re.sub(r"[^a-z]", "", (first + "." + last).lower()) or "contact"
            email = "%s%d@%s" % (local, i, rng.choice(DOMAINS))
            if i % 97 == 0:
                first = '"%s, Jr."' % first
            elif i % 89 == 0:
                first = '"%s ""%s"""' % (first, rng.choice(["Bob", "Kiki", "Dédé"]))
            elif i % 83 == 0:
                last = '"%s, %s"' % (last, rng.choice(["PhD", "MBA", "Esq."]))
            phone = "" if i % 5 == 0 else "+1 425 555 %04d" % (i % 10000)
            date = "" if i % 7 == 0 else "2022-%02d-%02d %02d:%02d:00" % (
                1 + i % 12, 1 + i % 28, i % 24, i % 60)
            lines.append("%s,%s,%s,%s,%s,%s,False,%s\r\n" % (guid, first, last, email, phone, date,
                                                            LINK.format(guid)))
            if len(lines) == 10000:
                out.write("".join(lines))
                lines = []
        out.write("".join(lines))


if __name__ == "__main__":
    main()
