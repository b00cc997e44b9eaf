/* SPDX-License-Identifier: MIT */
/* The leadership sums (SPEC section 5a): events counted by type, for each
 * actor's level, team, actor and subject, all time and per UTC day, so that
 * they merge exactly; and what one group's indicators are read from. */
#ifndef CXM_LEADERSHIP_H
#define CXM_LEADERSHIP_H

#include <cxm/recorder.h>

/* Events of one group, by type. */
typedef struct {
  guint64 by_type[CXM_LEADERSHIP_COUNT];
} CxmLead;

void cxm_lead_merge(CxmLead *dest, const CxmLead *src);
guint64 cxm_lead_total(const CxmLead *lead);

/* Which indicators of SPEC section 5a a group has. */
typedef enum {
  CXM_LEAD_RECEIVED = 1 << 0,    /* employees */
  CXM_LEAD_RECOGNITION = 1 << 1, /* totals, teams, periods, scopes */
  CXM_LEAD_CADENCE = 1 << 2,     /* totals, teams, scopes, weeks */
  CXM_LEAD_MOMENTUM = 1 << 3,    /* totals, teams */
  CXM_LEAD_COVERAGE = 1 << 4     /* totals, scopes */
} CxmLeadParts;

/* The sums a group's leadership indicators are read from. */
typedef struct {
  unsigned int parts; /* CxmLeadParts */
  CxmLead events, received;
  /* Active team-weeks, and those that met the weekly and daily cadence. */
  guint64 team_weeks, weekly, daily;
  /* Interactions in active team-weeks that met the weekly cadence, and in
   * those that did not: n and momentum. */
  guint64 met_n, met_momentum, not_met_n, not_met_momentum;
  /* Employees with an interaction, and those of them coached. */
  guint64 employees, coached;
} CxmLeadSums;

/* Adds the cadence and momentum sums of @more into @sums. */
void cxm_lead_add_cadence(CxmLeadSums *sums, const CxmLeadSums *more);

/* The cadence and momentum sums of the active team-weeks of @recorder's
 * days (its lock held), by team: a new table, team name (owned by the
 * recorder) -> CxmLeadSums, of @team only or of every team (@team NULL).
 * @total (nullable) gets their sum. */
GHashTable *cxm_lead_cadence(const CxmRecorder *recorder, const char *team,
                             CxmLeadSums *total);

/* The leadership sums of one group of @recorder (its lock held): what SPEC
 * section 5a gives that group. @cadence is a cxm_lead_cadence() table of
 * every team, or NULL to make what the group needs. */
void cxm_lead_sums(const CxmRecorder *recorder, CxmGroupKind kind, const char *key,
                   GHashTable *cadence, CxmLeadSums *sums);

#endif
