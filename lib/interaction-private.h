/* SPDX-License-Identifier: MIT */
/* The interaction's layout and the range-checked setters the parsers use. */
#ifndef CXM_INTERACTION_PRIVATE_H
#define CXM_INTERACTION_PRIVATE_H

#include <cxm/interaction.h>

#include "limits.h"

/* Strings live inline so that filling an interaction never allocates. */
struct _CxmInteraction {
  gint64 ts;
  gint64 contact_number; /* CXM_UNSET when absent */
  gboolean has_ts;
  gint8 channel, level, resolution;
  gint8 csat, nps, effort, employee_satisfaction;
  gint8 beyond_role, proactive, empowered;
  guint16 difficulties;                                /* bit per CxmDifficulty */
  guint8 emotions;                                     /* bit per CxmEmotion */
  guint8 id_len, employee_len, team_len, customer_len; /* 0: absent */
  char id[CXM_MAX_STRING + 1];
  char employee[CXM_MAX_STRING + 1];
  char team[CXM_MAX_STRING + 1];
  char customer[CXM_MAX_STRING + 1];
};

/* ts within 1970-01-01..9999-12-31, else CXM_ERROR_RANGE. */
gboolean cxm_check_ts(gint64 unix_seconds, const char *written, GError **error);

/* The first required key (id, ts, channel) that @it lacks, or NULL. */
const char *cxm_interaction_missing_key(const CxmInteraction *it);

typedef enum {
  CXM_SCORE_CSAT,
  CXM_SCORE_NPS,
  CXM_SCORE_EFFORT,
  CXM_SCORE_EMPLOYEE_SATISFACTION
} CxmScoreField;

/* The setters the JSON parser uses: range-checked as 64-bit values, so
 * JSON integers are checked before any narrowing, and -1 is an
 * out-of-range value (in JSON only null means absent), not CXM_UNSET.
 * @written (nullable) is the value as the input wrote it, for the message;
 * G_MININT64 stands for a number beyond 64 bits, out of every range. */
gboolean cxm_interaction_take_ts(CxmInteraction *it, gint64 unix_seconds,
                                 const char *written, GError **error);
gboolean cxm_interaction_take_score(CxmInteraction *it, CxmScoreField field, gint64 value,
                                    const char *written, GError **error);
gboolean cxm_interaction_take_contact_number(CxmInteraction *it, gint64 contact_number,
                                             const char *written, GError **error);

/* Validates a 1..128-byte UTF-8 string for @key (and no control characters
 * when @is_id) and copies it into @dest. */
gboolean cxm_copy_string_field(char *dest, guint8 *dest_len, const char *key,
                               const char *value, gsize len, gboolean is_id,
                               GError **error);

#endif
