/* What the scopes need of an org beyond its public queries. */
#ifndef CXM_ORG_PRIVATE_H
#define CXM_ORG_PRIVATE_H

#include <cxm/org.h>

/* Every id, each after all of their reports (a post-order of the reporting
 * forest, roots and reports bytewise), so that cumulative scopes sum in one
 * pass. NULL-terminated, owned by the org; @n (nullable) gets the count. */
const char *const *cxm_org_people_order(const CxmOrg *org, guint *n);

#endif
