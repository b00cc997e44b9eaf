/* SPDX-License-Identifier: MIT */
/* Hot spots (SPEC section 6): difficulty kind x team and x channel, ranked
 * by disappointments, or for a report by a rate among those with enough
 * records. Derived from the groups' per-kind counts, so they cost nothing
 * per record. */
#include "config.h"

#include <string.h>

#include "error-private.h"
#include "recorder-private.h"
#include "report-private.h"

static int
compare_hotspots(gconstpointer pa, gconstpointer pb)
{
  const CxmHotspot *a = pa, *b = pb;

  if (a->counts.disappointment != b->counts.disappointment)
    return a->counts.disappointment > b->counts.disappointment ? -1 : 1;
  if (a->counts.count != b->counts.count)
    return a->counts.count > b->counts.count ? -1 : 1;
  if (a->difficulty != b->difficulty)
    return (int) a->difficulty - (int) b->difficulty;
  if (a->kind != b->kind)
    return a->kind == CXM_GROUP_TEAM ? -1 : 1;
  return strcmp(a->key, b->key);
}

static void
collect(GArray *spots, const CxmRecorder *recorder, CxmGroupKind kind)
{
  char **keys = cxm_recorder_get_keys(recorder, kind, NULL);

  for (char **key = keys; *key != NULL; key++) {
    g_autoptr(CxmStats) stats = cxm_recorder_get_stats(recorder, kind, *key, NULL);
    for (int d = 0; d < CXM_DIFFICULTY_COUNT; d++) {
      CxmHotspot spot = { d, kind, NULL, { 0 } };
      cxm_stats_get_difficulty(stats, d, &spot.counts);
      if (spot.counts.count == 0)
        continue;
      spot.key = g_strdup(*key);
      g_array_append_val(spots, spot);
    }
  }
  g_strfreev(keys);
}

CxmHotspot *
cxm_recorder_get_hotspots(const CxmRecorder *recorder, gsize *n_hotspots, GError **error)
{
  GArray *spots;

  cxm_return_val_if_null(recorder, error, NULL);
  cxm_return_val_if_null(n_hotspots, error, NULL);
  spots = g_array_new(FALSE, FALSE, sizeof(CxmHotspot));
  cxm_recorder_lock(recorder);
  collect(spots, recorder, CXM_GROUP_TEAM);
  collect(spots, recorder, CXM_GROUP_CHANNEL);
  cxm_recorder_unlock(recorder);
  g_array_sort(spots, compare_hotspots);
  *n_hotspots = spots->len;
  return (CxmHotspot *) g_array_free(spots, spots->len == 0);
}

void
cxm_hotspots_free(CxmHotspot *hotspots, gsize n_hotspots)
{
  if (hotspots == NULL)
    return;
  for (gsize i = 0; i < n_hotspots; i++)
    g_free(hotspots[i].key);
  g_free(hotspots);
}

/* ---- a report's ranking (cxm_report_options_set_hotspot_rank()) ---------- */

typedef struct {
  int rank; /* a CxmHotspotRank other than the default */
  const CxmReport *report;
} RankBy;

/* The ranking rate of @spot, worse larger: FALSE when it shows none. */
static gboolean
rank_value(const CxmHotspot *spot, const RankBy *by, double *value)
{
  const CxmBreakdown *c = &spot->counts;

  /* A suppressed spot shows no rate, so its rate must not place it. */
  if (cxm_report_suppressed_count(by->report, c->count))
    return FALSE;
  if (by->rank == CXM_HOTSPOT_BY_DISAPPOINTMENT_RATE) {
    *value = (double) c->disappointment / (double) c->count;
    return TRUE;
  }
  if (c->difficult == 0)
    return FALSE;
  /* The lowest recovery first. */
  *value = -((double) c->recovered / (double) c->difficult);
  return TRUE;
}

static int
compare_by_rate(gconstpointer pa, gconstpointer pb, gpointer data)
{
  const RankBy *by = data;
  double a, b;
  gboolean has_a = rank_value(pa, by, &a), has_b = rank_value(pb, by, &b);

  if (has_a != has_b)
    return has_a ? -1 : 1;
  /* Equal fractions divide to the same double, so ties are exact. */
  if (has_a && a != b)
    return a > b ? -1 : 1;
  return compare_hotspots(pa, pb);
}

CxmHotspot *
cxm_report_get_hotspots(const CxmReport *report, gsize *n_hotspots)
{
  const CxmReportOptions *options = report->options;
  CxmHotspot *spots = cxm_recorder_get_hotspots(report->recorder, n_hotspots, NULL);
  gsize kept = 0;

  /* Leave out those below the minimum, keeping the order. */
  for (gsize i = 0; i < *n_hotspots; i++) {
    if (spots[i].counts.count < options->hotspot_min)
      g_free(spots[i].key);
    else
      spots[kept++] = spots[i];
  }
  *n_hotspots = kept;
  if (options->hotspot_rank != CXM_HOTSPOT_BY_DISAPPOINTMENT) {
    RankBy by = { options->hotspot_rank, report };
    g_qsort_with_data(spots, (gint) kept, sizeof *spots, compare_by_rate, &by);
  }
  if (kept == 0) {
    g_free(spots);
    return NULL;
  }
  return spots;
}
