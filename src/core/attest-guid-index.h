/* attest-guid-index.h: the duplicate check of customer tenant IDs
 *
 * An index of record numbers by the 32-bit tag of each record's ID; it
 * keeps no IDs itself, and asks its owner to compare two records' IDs when
 * their tags agree.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "attest-validation.h"

G_BEGIN_DECLS

typedef struct _AttestGuidIndex AttestGuidIndex;

/* Whether records @a and @b have the same ID. Called from the index's
 * threads during attest_guid_index_build(), so it must be safe there. */
typedef gboolean (*AttestGuidSameFunc) (guint    a,
                                        guint    b,
                                        gpointer user_data);

/* One repeat found by attest_guid_index_build(). */
typedef struct
{
  guint earlier;
  guint later;
} AttestGuidRepeat;

AttestGuidIndex *attest_guid_index_new      (AttestGuidSameFunc  same,
                                             gpointer            user_data);
void             attest_guid_index_free     (AttestGuidIndex    *self);
guint            attest_guid_index_add      (AttestGuidIndex    *self,
                                             guint32             tag,
                                             guint               index);
GArray          *attest_guid_index_build    (AttestGuidIndex    *self,
                                             const guint32      *tags,
                                             guint               n);
gsize            attest_guid_index_get_size (AttestGuidIndex    *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestGuidIndex, attest_guid_index_free)

/* The tag of a tenant ID: 32 bits of a hash that mixes both halves of the
 * ID into every bit, so that IDs that differ in a few bits only
 * (sequential GUIDs) still spread over the whole index. Never 0, which
 * stands for "no ID" in the tags given to attest_guid_index_build(). */
static inline guint32
attest_guid_tag (const AttestGuid *guid)
{
  guint64 h = guid->high ^ (guid->low * G_GUINT64_CONSTANT (0x9e3779b97f4a7c15));
  guint32 tag;

  h ^= h >> 33;
  h *= G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
  h ^= h >> 33;
  h *= G_GUINT64_CONSTANT (0xc4ceb9fe1a85ec53);
  h ^= h >> 33;
  tag = (guint32) (h >> 32);

  return tag != 0 ? tag : 1;
}

G_END_DECLS
