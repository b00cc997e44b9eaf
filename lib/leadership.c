/* Leadership sums (leadership.h). */
#include "config.h"

#include "leadership.h"

void
cxm_lead_merge(CxmLead *dest, const CxmLead *src)
{
  for (int i = 0; i < CXM_LEADERSHIP_COUNT; i++)
    dest->by_type[i] += src->by_type[i];
}

guint64
cxm_lead_total(const CxmLead *lead)
{
  guint64 n = 0;
  for (int i = 0; i < CXM_LEADERSHIP_COUNT; i++)
    n += lead->by_type[i];
  return n;
}

void
cxm_lead_sums_add_cadence(CxmLeadSums *sums, const CxmLeadSums *more)
{
  sums->team_weeks += more->team_weeks;
  sums->weekly += more->weekly;
  sums->daily += more->daily;
  sums->met_n += more->met_n;
  sums->met_momentum += more->met_momentum;
  sums->not_met_n += more->not_met_n;
  sums->not_met_momentum += more->not_met_momentum;
}
