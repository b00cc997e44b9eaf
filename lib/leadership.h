/* The leadership sums (SPEC section 5a): events counted by type, for each
 * actor's level, team, actor and subject, all time and per UTC day, so that
 * they merge exactly; and what one group's indicators are made of. */
#ifndef CXM_LEADERSHIP_H
#define CXM_LEADERSHIP_H

#include <cxm/enums.h>

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
  unsigned int parts;             /* CxmLeadParts */
  CxmLead events, received;
  /* Active team-weeks, and those that met the weekly and daily cadence. */
  guint64 team_weeks, weekly, daily;
  /* Interactions in active team-weeks that met the weekly cadence, and in
   * those that did not: n and momentum. */
  guint64 met_n, met_momentum, not_met_n, not_met_momentum;
  /* Employees with an interaction, and those of them coached. */
  guint64 employees, coached;
} CxmLeadSums;

/* The cadence sums of every active team-week, added into @sums. */
void cxm_lead_sums_add_cadence(CxmLeadSums *sums, const CxmLeadSums *more);

#endif
