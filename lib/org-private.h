/* SPDX-License-Identifier: MIT */
/* What the scopes, the recorder and the filter need of an org beyond its
 * public queries. */
#ifndef CXM_ORG_PRIVATE_H
#define CXM_ORG_PRIVATE_H

#include <cxm/org.h>

#include "interaction-private.h"

/* Every id, each after all of their reports (a post-order of the reporting
 * forest, roots and reports bytewise), so that cumulative scopes sum in one
 * pass. NULL-terminated, owned by the org; @n (nullable) gets the count. */
const char *const *cxm_org_people_order(const CxmOrg *org, guint *n);
/* Where @id is in that order, and the size of their subtree (them and
 * everyone below): a scope is the indices position - subtree + 1 ..
 * position. FALSE for an id not in the org. */
gboolean cxm_org_get_position(const CxmOrg *org, const char *id, guint *position,
                              guint *subtree);
/* Every id, each before their reports (a pre-order of the same forest): the
 * org chart read from the top, as the scopes are reported. NULL-terminated,
 * owned by the org. */
const char *const *cxm_org_tree_order(const CxmOrg *org);
/* How many managers are above @id (0 for a root); -1 for an id not in the
 * org. */
int cxm_org_get_depth(const CxmOrg *org, const char *id);

/* The level and team a record of @employee (nullable: an interaction's
 * employee, a leadership event's actor) counts under: its own, else the
 * employee's in @org (nullable); a record of no known level goes to
 * CXM_LEVEL_UNASSIGNED. The one home of the org fallback (SPEC 3). */
void cxm_org_resolve(const CxmOrg *org, const CxmInteraction *it, const char *employee,
                     int *level, const char **team);

#endif
