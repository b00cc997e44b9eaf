/* SPDX-License-Identifier: MIT */
/* Time zones (zone.h). GTimeZone reads the tz database, but finding an
 * instant's interval is a linear scan of every transition it knows (some
 * 2,000 for America/New_York), too slow per record, and its expansion of
 * the rules makes copying every interval up front slow too. So the zone's
 * offsets are copied a block of time at a time, when a record first falls
 * in the block: a record's day then costs a shift and a look at one or
 * two offsets. */
#include "config.h"

#include <string.h>

#include "error-private.h"
#include "limits.h"
#include "period-private.h"
#include "zone.h"

#define SECONDS_PER_DAY G_GINT64_CONSTANT(86400)
/* 2^25 s, about 388 days: a block holds at most a few transitions. */
#define BLOCK_BITS 25
#define N_BLOCKS ((CXM_MAX_TS >> BLOCK_BITS) + 1)

/* The offsets within one block: offsets[i] holds from starts[i] (starts[0]
 * is the block's start) to the next start. */
typedef struct {
  guint n;
  struct {
    gint64 start;
    gint32 offset;
  } at[];
} Block;

struct _CxmZone {
  gatomicrefcount ref;
  char *identifier;
  GTimeZone *tz;
  Block *blocks[N_BLOCKS]; /* atomic: NULL until a record needs one */
};

/* A tz database name or a fixed offset: letters, digits and "/_+-:", not
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
  CxmZone *zone = g_new0(CxmZone, 1);
  g_atomic_ref_count_init(&zone->ref);
  zone->identifier = g_strdup(identifier);
  zone->tz = tz;
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
  for (gsize i = 0; i < N_BLOCKS; i++)
    g_free(zone->blocks[i]);
  g_time_zone_unref(zone->tz);
  g_free(zone->identifier);
  g_free(zone);
}

const char *
cxm_zone_get_identifier(const CxmZone *zone)
{
  return zone->identifier;
}

static int
interval_at(GTimeZone *tz, gint64 t)
{
  return g_time_zone_find_interval(tz, G_TIME_TYPE_UNIVERSAL, t);
}

/* The offsets of block @b, from GTimeZone: the start of each of its
 * intervals found by bisection (intervals are numbered in time order),
 * those that change no offset left out. */
static Block *
make_block(GTimeZone *tz, gint64 b)
{
  const gint64 first = b << BLOCK_BITS;
  const gint64 last = MIN(first + (G_GINT64_CONSTANT(1) << BLOCK_BITS) - 1, CXM_MAX_TS);
  const int first_interval = interval_at(tz, first), last_interval = interval_at(tz, last);
  Block *block =
      g_malloc(sizeof *block + sizeof block->at[0] * (gsize) (last_interval - first_interval + 1));
  gint64 start = first;

  block->n = 0;
  for (int interval = first_interval; interval <= last_interval; interval++) {
    if (interval > first_interval) {
      /* lo is in an earlier interval, hi in this one or a later one. */
      gint64 lo = start, hi = last;
      while (hi - lo > 1) {
        const gint64 mid = lo + (hi - lo) / 2;
        if (interval_at(tz, mid) >= interval)
          hi = mid;
        else
          lo = mid;
      }
      start = hi;
    }
    const gint32 offset = g_time_zone_get_offset(tz, interval_at(tz, start));
    if (block->n > 0 && block->at[block->n - 1].offset == offset)
      continue; /* a new name or DST flag, the same day */
    block->at[block->n].start = start;
    block->at[block->n].offset = offset;
    block->n++;
  }
  return block;
}

gint64
cxm_zone_day_number(const CxmZone *zone, gint64 unix_seconds)
{
  const gint64 t = CLAMP(unix_seconds, 0, CXM_MAX_TS);
  Block **slot = (Block **) &zone->blocks[t >> BLOCK_BITS];
  Block *block = g_atomic_pointer_get(slot);

  if (block == NULL) {
    /* Threads that meet an empty block at once each make it; one wins. */
    Block *made = make_block(zone->tz, t >> BLOCK_BITS);
    if (g_atomic_pointer_compare_and_exchange(slot, NULL, made))
      block = made;
    else {
      g_free(made);
      block = g_atomic_pointer_get(slot);
    }
  }
  guint i = block->n - 1;
  while (block->at[i].start > t)
    i--;
  const gint64 day = cxm_day_number(t + block->at[i].offset);
  return CLAMP(day, 0, CXM_MAX_TS / SECONDS_PER_DAY);
}
