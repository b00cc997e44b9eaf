/* SPDX-License-Identifier: MIT */
/* Time zones as the recorder reads them: a UTC offset for each instant,
 * from the system tz database through GTimeZone. */
#ifndef CXM_ZONE_H
#define CXM_ZONE_H

#include <glib.h>

/* A zone: its offsets, copied from GTimeZone a block of time at a time
 * as records need them. Its identifier and offsets never change, so a
 * zone is shared by reference (policies copy zones by reference) and read
 * from any thread. */
typedef struct _CxmZone CxmZone;

/* The zone @identifier names: "UTC", a tz database name
 * ("America/New_York") or a fixed offset ("+05:30", "-08:00"); NULL with
 * CXM_ERROR_POLICY naming @identifier when there is no such zone. Paths
 * and the local zone are refused: a policy must mean the same thing on
 * every machine that reads it. */
CxmZone *cxm_zone_new(const char *identifier, GError **error);
CxmZone *cxm_zone_ref(CxmZone *zone);
void cxm_zone_unref(CxmZone *zone);
/* The identifier, as given. */
const char *cxm_zone_get_identifier(const CxmZone *zone);
/* The local day number (days since 1970-01-01) of @unix_seconds in
 * @zone, kept within 1970-01-01 .. 9999-12-31 as period names are. */
gint64 cxm_zone_day_number(const CxmZone *zone, gint64 unix_seconds);

#endif
