/* SPDX-License-Identifier: MIT */
/* Snapshots (cxm/snapshot.h): what writing and reading share, the members
 * of a group's sums, and the checks of what is read in either format:
 * counts, sums that add up, names, the group limit, the policy. Writing is
 * in snapshot-write.c, reading format 2 in snapshot-read.c, format 1 in
 * snapshot-v1.c (doc/snapshot-format.md). */
#include "config.h"

#include <string.h>

#include "enums-private.h"
#include "interaction-private.h"
#include "json-text.h"
#include "policy-private.h"
#include "snapshot-private.h"

#define SCALAR(name, member)                    \
  {                                             \
    name, G_STRUCT_OFFSET(CxmAgg, member), 0, 0 \
  }
#define VECTOR(name, member, n)                 \
  {                                             \
    name, G_STRUCT_OFFSET(CxmAgg, member), 0, n \
  }
#define MATRIX(name, member, r, c)              \
  {                                             \
    name, G_STRUCT_OFFSET(CxmAgg, member), r, c \
  }

const AggField cxm_snapshot_agg_fields[CXM_SNAPSHOT_N_AGG_FIELDS] = {
  VECTOR("class", by_class, CXM_CLASS_COUNT),
  VECTOR("reason", by_reason, CXM_REASON_COUNT),
  SCALAR("difficult", difficult),
  SCALAR("recovered", recovered),
  MATRIX("difficulty", by_difficulty, CXM_DIFFICULTY_COUNT, 3),
  MATRIX("emotion", by_emotion, CXM_EMOTION_COUNT, 5),
  VECTOR("csat", csat, 5),
  VECTOR("nps", nps, 11),
  VECTOR("effort", effort, 7),
  VECTOR("employee_satisfaction", employee_satisfaction, 5),
  SCALAR("first_contacts", first_contacts),
  SCALAR("first_contacts_resolved", first_contacts_resolved),
  SCALAR("beyond_role", beyond_role),
  SCALAR("proactive", proactive),
  SCALAR("empowered", empowered),
};

/* Every field of CxmAgg is in the table. */
G_STATIC_ASSERT(sizeof(CxmAgg) ==
                sizeof(guint64) *
                    (CXM_CLASS_COUNT + CXM_REASON_COUNT + 2 + CXM_DIFFICULTY_COUNT * 3 +
                     CXM_EMOTION_COUNT * 5 + 5 + 11 + 7 + 5 + 5));

gboolean
cxm_snapshot_invalid(GError **error, const char *where, const char *format, ...)
{
  va_list args;
  char *reason;

  va_start(args, format);
  reason = g_strdup_vprintf(format, args);
  va_end(args);
  g_set_error(error, CXM_ERROR, CXM_ERROR_SNAPSHOT, "invalid snapshot: %s%s%s",
              where ? where : "", where ? ": " : "", reason);
  g_free(reason);
  return FALSE;
}

/* A count: an integer 0..2^53. Beyond it, *@beyond gets it. */
gboolean
cxm_snapshot_take_count(json_object *value, guint64 *out, guint64 *beyond)
{
  if (!json_object_is_type(value, json_type_int) || json_object_get_int64(value) < 0)
    return FALSE;
  *out = json_object_get_uint64(value);
  if (*out <= CXM_MAX_RECORDS)
    return TRUE;
  *beyond = *out;
  return FALSE;
}

static gboolean
take_counts(json_object *value, guint64 *out, int n, guint64 *beyond)
{
  if (!json_object_is_type(value, json_type_array) ||
      json_object_array_length(value) != (gsize) n)
    return FALSE;
  for (int i = 0; i < n; i++)
    if (!cxm_snapshot_take_count(json_object_array_get_idx(value, (gsize) i), &out[i],
                                 beyond))
      return FALSE;
  return TRUE;
}

gboolean
cxm_snapshot_count_beyond(GError **error, const char *where, const char *name,
                          guint64 count)
{
  return cxm_snapshot_invalid(error, where,
                              "\"%s\" holds %" G_GUINT64_FORMAT
                              ", more than 2^53 (%" G_GUINT64_FORMAT ")",
                              name, count, CXM_MAX_RECORDS);
}

static guint64
sum(const guint64 *words, int n)
{
  guint64 total = 0;
  for (int i = 0; i < n; i++)
    total += words[i];
  return total;
}

/* The sums of a group must add up as recording makes them. */
static const char *
agg_inconsistency(const CxmAgg *a)
{
  const guint64 n = sum(a->by_class, CXM_CLASS_COUNT);

  if (n == 0)
    return "a group without records";
  if (sum(a->by_reason, CXM_REASON_COUNT) != n)
    return "reasons do not add up to the records";
  if (a->difficult > n || a->recovered > a->difficult)
    return "more difficult or recovered moments than records";
  for (int k = 0; k < CXM_DIFFICULTY_COUNT; k++) {
    const guint64 *d = a->by_difficulty[k];
    if (d[0] > n || d[1] + d[2] > d[0])
      return "difficulty counts do not add up";
  }
  for (int e = 0; e < CXM_EMOTION_COUNT; e++) {
    const guint64 *m = a->by_emotion[e];
    if (m[0] > n || m[1] + m[2] > m[0] || m[3] > m[0] || m[4] > m[3] || m[4] > m[1])
      return "emotion counts do not add up";
  }
  if (sum(a->csat, 5) > n || sum(a->nps, 11) > n || sum(a->effort, 7) > n ||
      sum(a->employee_satisfaction, 5) > n)
    return "more scores than records";
  if (a->first_contacts > n || a->first_contacts_resolved > a->first_contacts ||
      a->beyond_role > n || a->proactive > n || a->empowered > n)
    return "more flagged records than records";
  return NULL;
}

gboolean
cxm_snapshot_load_agg(json_object *obj, CxmAgg *agg, const char *where, GError **error)
{
  const char *problem;

  memset(agg, 0, sizeof *agg);
  if (!json_object_is_type(obj, json_type_object))
    return cxm_snapshot_invalid(error, where, "must be an object of counts");
  json_object_object_foreach (obj, name, value) {
    const AggField *f = NULL;
    guint64 beyond = 0;
    gboolean ok = TRUE;

    for (gsize i = 0; i < CXM_SNAPSHOT_N_AGG_FIELDS && f == NULL; i++)
      if (strcmp(cxm_snapshot_agg_fields[i].name, name) == 0)
        f = &cxm_snapshot_agg_fields[i];
    if (f == NULL)
      return cxm_snapshot_invalid(error, where, "unknown member \"%s\"", name);
    if (f->rows == 0 && f->cols == 0) {
      ok = cxm_snapshot_take_count(value, cxm_agg_field_words(agg, f), &beyond);
    } else if (f->rows == 0) {
      ok = take_counts(value, cxm_agg_field_words(agg, f), f->cols, &beyond);
    } else {
      ok = json_object_is_type(value, json_type_array) &&
           json_object_array_length(value) == (gsize) f->rows;
      for (int r = 0; ok && r < f->rows; r++)
        ok = take_counts(json_object_array_get_idx(value, (gsize) r),
                         cxm_agg_field_words(agg, f) + r * f->cols, f->cols, &beyond);
    }
    if (!ok && beyond > 0)
      return cxm_snapshot_count_beyond(error, where, name, beyond);
    if (!ok && f->rows > 0)
      return cxm_snapshot_invalid(error, where, "\"%s\" must be %d arrays of %d counts",
                                  name, f->rows, f->cols);
    if (!ok && f->cols > 0)
      return cxm_snapshot_invalid(error, where, "\"%s\" must be an array of %d counts",
                                  name, f->cols);
    if (!ok)
      return cxm_snapshot_invalid(error, where, "\"%s\" must be a count", name);
  }
  problem = agg_inconsistency(agg);
  return problem == NULL || cxm_snapshot_invalid(error, where, "%s", problem);
}

/* Leadership events by type: {"coaching": 3, ...}. @empty_ok for format
 * 1's totals, which list every type. */
gboolean
cxm_snapshot_load_lead(json_object *obj, CxmLead *lead, gboolean empty_ok,
                       const char *where, GError **error)
{
  memset(lead, 0, sizeof *lead);
  if (!json_object_is_type(obj, json_type_object))
    return cxm_snapshot_invalid(error, where, "must be an object of counts");
  json_object_object_foreach (obj, type, count) {
    int index = cxm_leadership_type_from_name(type);
    guint64 beyond = 0;
    if (index == CXM_UNSET)
      return cxm_snapshot_invalid(error, where, "unknown type \"%s\"", type);
    if (!cxm_snapshot_take_count(count, &lead->by_type[index], &beyond))
      return beyond > 0
                 ? cxm_snapshot_count_beyond(error, where, type, beyond)
                 : cxm_snapshot_invalid(error, where, "\"%s\" must be a count", type);
  }
  if (!empty_ok && cxm_lead_total(lead) == 0)
    return cxm_snapshot_invalid(error, where, "a group without events");
  if (cxm_lead_total(lead) > CXM_MAX_RECORDS)
    return cxm_snapshot_invalid(error, where, "more than 2^53 events");
  return TRUE;
}

/* A team, employee, actor or subject name, checked as in a record. */
gboolean
cxm_snapshot_check_name(const char *key_name, const char *name, const char *where,
                        GError **error)
{
  char copy[CXM_MAX_STRING + 1];
  guint8 len;
  GError *why = NULL;

  if (cxm_copy_string_field(copy, &len, key_name, name, strlen(name), FALSE, &why))
    return TRUE;
  cxm_snapshot_invalid(error, where, "%s", why->message);
  g_error_free(why);
  return FALSE;
}

gboolean
cxm_snapshot_check_limit(const CxmRecorder *rec, GError **error)
{
  if (rec->max_groups == 0 || rec->n_groups <= rec->max_groups)
    return TRUE;
  g_set_error(error, CXM_ERROR, CXM_ERROR_LIMIT,
              "snapshot holds more than %" G_GUINT64_FORMAT " groups", rec->max_groups);
  return FALSE;
}

json_object *
cxm_snapshot_member(json_object *obj, const char *name, json_type type, const char *where,
                    GError **error)
{
  json_object *value;

  if (!json_object_object_get_ex(obj, name, &value) || value == NULL) {
    cxm_snapshot_invalid(error, where, "\"%s\" is missing", name);
    return NULL;
  }
  if (!json_object_is_type(value, type)) {
    cxm_snapshot_invalid(error, where, "\"%s\" has the wrong type", name);
    return NULL;
  }
  return value;
}

CxmPolicy *
cxm_snapshot_load_policy(json_object *root, const char *where, GError **error)
{
  json_object *obj, *fingerprint;
  CxmPolicy *policy;
  GError *why = NULL;
  g_autofree char *policy_where =
      g_strconcat(where ? where : "", where ? ": " : "", "policy", NULL);
  g_autofree char *fingerprint_where =
      g_strconcat(where ? where : "", where ? ": " : "", "fingerprint", NULL);

  if ((obj = cxm_snapshot_member(root, "policy", json_type_object, where, error)) ==
          NULL ||
      (fingerprint = cxm_snapshot_member(root, "fingerprint", json_type_string, where,
                                         error)) == NULL)
    return NULL;
  policy = cxm_policy_new_from_data(json_object_to_json_string_ext(obj, CXM_JSON_LINE),
                                    -1, &why);
  if (policy == NULL) {
    cxm_snapshot_invalid(error, policy_where, "%s", why->message);
    g_error_free(why);
    return NULL;
  }
  if (strcmp(policy->fingerprint, json_object_get_string(fingerprint)) != 0) {
    cxm_snapshot_invalid(error, fingerprint_where,
                         "\"%s\" does not match the policy's settings (%s)",
                         json_object_get_string(fingerprint), policy->fingerprint);
    cxm_policy_free(policy);
    return NULL;
  }
  return policy;
}
