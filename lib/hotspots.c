/* SPDX-License-Identifier: MIT */
/* Hot spots (SPEC section 6): difficulty kind x team and x channel, ranked
 * by disappointments. Derived from the groups' per-kind counts, so they
 * cost nothing per record. */
#include "config.h"

#include <string.h>

#include "error-private.h"
#include "recorder-private.h"

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
