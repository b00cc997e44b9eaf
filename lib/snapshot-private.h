/* SPDX-License-Identifier: MIT */
/* What the files of snapshots share (snapshot.c): the members of a group's
 * sums, and the checks of what is read, in either format. */
#ifndef CXM_SNAPSHOT_PRIVATE_H
#define CXM_SNAPSHOT_PRIVATE_H

#include <json-c/json.h>

#include <cxm/snapshot.h>

#include "limits.h"
#include "recorder-private.h"

/* One member of a group's sums: @rows x @cols counts, @cols counts when
 * @rows is 0, one when both are. Counts are at most CXM_MAX_RECORDS
 * (2^53): no real input comes near, every count stays exact as a double
 * and no sum the checks make can wrap. */
typedef struct {
  const char *name;
  gsize offset;
  int rows, cols;
} AggField;

#define CXM_SNAPSHOT_N_AGG_FIELDS 15
extern const AggField cxm_snapshot_agg_fields[CXM_SNAPSHOT_N_AGG_FIELDS];

static inline guint64 *
cxm_agg_field_words(CxmAgg *agg, const AggField *f)
{
  return (guint64 *) ((char *) agg + f->offset);
}

static inline int
cxm_agg_field_size(const AggField *f)
{
  return f->rows ? f->rows * f->cols : f->cols ? f->cols : 1;
}

/* FALSE, with CXM_ERROR_SNAPSHOT "invalid snapshot: @where: reason"
 * (@where nullable). */
gboolean cxm_snapshot_invalid(GError **error, const char *where, const char *format, ...)
    G_GNUC_PRINTF(3, 4);
/* A count, an integer 0..2^53, into *@out; beyond 2^53 *@beyond gets it. */
gboolean cxm_snapshot_take_count(json_object *value, guint64 *out, guint64 *beyond);
/* FALSE, with the error that the member @name holds @count, beyond 2^53. */
gboolean cxm_snapshot_count_beyond(GError **error, const char *where, const char *name,
                                   guint64 count);
/* A group's sums, checked to add up as recording makes them. */
gboolean cxm_snapshot_load_agg(json_object *obj, CxmAgg *agg, const char *where,
                               GError **error);
/* Leadership events by type; none at all only with @empty_ok. */
gboolean cxm_snapshot_load_lead(json_object *obj, CxmLead *lead, gboolean empty_ok,
                                const char *where, GError **error);
/* A team, employee, actor or subject name, checked as record key @key_name. */
gboolean cxm_snapshot_check_name(const char *key_name, const char *name,
                                 const char *where, GError **error);
/* FALSE, with CXM_ERROR_LIMIT, when @rec holds more groups than it may. */
gboolean cxm_snapshot_check_limit(const CxmRecorder *rec, GError **error);
/* The member @name of @obj, of @type; NULL after an error. */
json_object *cxm_snapshot_member(json_object *obj, const char *name, json_type type,
                                 const char *where, GError **error);
/* The policy of @root's "policy" and "fingerprint", which must match. */
CxmPolicy *cxm_snapshot_load_policy(json_object *root, const char *where, GError **error);

/* A format 1 snapshot, whole in @data (snapshot-v1.c). */
CxmRecorder *cxm_snapshot_load_v1(const char *data, gsize len, GError **error);

#endif
