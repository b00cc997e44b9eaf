/* SPDX-License-Identifier: MIT */
/* Time zones (zone.h). GTimeZone reads the tz database; its intervals are
 * copied once into a table of (start, offset) pairs over the instants a
 * record may have, so that each record's day costs a binary search. */
#include "config.h"

#include <string.h>

#include "error-private.h"
#include "limits.h"
#include "period-private.h"
#include "zone.h"

#define SECONDS_PER_DAY G_GINT64_CONSTANT(86400)

struct _CxmZone {
  gatomicrefcount ref;
  char *identifier;
  guint n;         /* at least 1 */
  gint64 *starts;  /* starts[0] is 0; offsets[i] holds from starts[i] */
  gint32 *offsets; /* seconds east of UTC */
};

/* A tz database name or a fixed offset: letters, digits and "/_+-", not
 * starting with "/" (GLib would read a file by that path) and without "..". */
static gboolean
plausible_identifier(const char *id)
{
  if (*id == '\0' || *id == '/' || strstr(id, "..") != NULL || strlen(id) > 64)
    return FALSE;
  for (const char *p = id; *p; p++)
    if (!g_ascii_isalnum(*p) && strchr("/_+-:", *p) == NULL)
      return FALSE;
  return TRUE;
}

/* The first instant in (@after, @limit] in interval @interval or later. */
static gint64
interval_start(GTimeZone *tz, int interval, gint64 after, gint64 limit)
{
  gint64 lo = after, hi = limit; /* lo is before the interval, hi in or after it */
  while (hi - lo > 1) {
    const gint64 mid = lo + (hi - lo) / 2;
    if (g_time_zone_find_interval(tz, G_TIME_TYPE_UNIVERSAL, mid) >= interval)
      hi = mid;
    else
      lo = mid;
  }
  return hi;
}

CxmZone *
cxm_zone_new(const char *identifier, GError **error)
{
  GTimeZone *tz = NULL;

  cxm_return_val_if_null(identifier, error, NULL);
  if (plausible_identifier(identifier))
    tz = g_time_zone_new_identifier(identifier);
  if (tz == NULL) {
    g_set_error(error, CXM_ERROR, CXM_ERROR_POLICY,
                "time_zone must be a tz database name (America/New_York), UTC or an "
                "offset (+05:30), got \"%s\"",
                identifier);
    return NULL;
  }

  const int first = g_time_zone_find_interval(tz, G_TIME_TYPE_UNIVERSAL, 0);
  const int last = g_time_zone_find_interval(tz, G_TIME_TYPE_UNIVERSAL, CXM_MAX_TS);
  GArray *starts = g_array_new(FALSE, FALSE, sizeof(gint64));
  GArray *offsets = g_array_new(FALSE, FALSE, sizeof(gint32));
  gint64 start = 0;
  for (int i = first; i <= last; i++) {
    if (i > first)
      start = interval_start(tz, i, start, CXM_MAX_TS);
    const gint32 offset = g_time_zone_get_offset(tz, g_time_zone_find_interval(
                                                         tz, G_TIME_TYPE_UNIVERSAL, start));
    /* A change of name or of DST flag alone is no change of day. */
    if (offsets->len > 0 && g_array_index(offsets, gint32, offsets->len - 1) == offset)
      continue;
    g_array_append_val(starts, start);
    g_array_append_val(offsets, offset);
  }
  g_time_zone_unref(tz);

  CxmZone *zone = g_new0(CxmZone, 1);
  g_atomic_ref_count_init(&zone->ref);
  zone->identifier = g_strdup(identifier);
  zone->n = starts->len;
  zone->starts = (gint64 *) (void *) g_array_free(starts, FALSE);
  zone->offsets = (gint32 *) (void *) g_array_free(offsets, FALSE);
  return zone;
}

CxmZone *
cxm_zone_ref(CxmZone *zone)
{
  g_atomic_ref_count_inc(&zone->ref);
  return zone;
}

void
cxm_zone_unref(CxmZone *zone)
{
  if (zone == NULL || !g_atomic_ref_count_dec(&zone->ref))
    return;
  g_free(zone->identifier);
  g_free(zone->starts);
  g_free(zone->offsets);
  g_free(zone);
}

const char *
cxm_zone_get_identifier(const CxmZone *zone)
{
  return zone->identifier;
}

gint64
cxm_zone_day_number(const CxmZone *zone, gint64 unix_seconds)
{
  guint lo = 0, hi = zone->n; /* the interval is the last start <= the instant */
  while (hi - lo > 1) {
    const guint mid = lo + (hi - lo) / 2;
    if (zone->starts[mid] <= unix_seconds)
      lo = mid;
    else
      hi = mid;
  }
  const gint64 day = cxm_day_number(unix_seconds + zone->offsets[lo]);
  return CLAMP(day, 0, CXM_MAX_TS / SECONDS_PER_DAY);
}
