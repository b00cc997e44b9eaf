/* cxm/org.h: the org file (SPEC section 3): who reports to whom. */
#ifndef CXM_ORG_H
#define CXM_ORG_H

#include <cxm/enums.h>

G_BEGIN_DECLS

/**
 * CxmOrg:
 * The people of an organisation: each with an id, a level, optionally a
 * team and a manager. Loaded from the JSON org file:
 *
 *   {"people": [{"id": "s-1", "level": "senior_leader"},
 *               {"id": "m-1", "level": "manager", "manager": "s-1", "team": "north"}]}
 *
 * id (1..128 bytes) and level are required; team and manager optional;
 * unknown keys are ignored. Duplicate ids, managers that are not in the
 * file and reporting cycles are CXM_ERROR_ORG errors whose message names
 * the ids involved. An org is immutable once loaded, so it may be shared
 * between threads and recorders (they keep their own reference).
 */
typedef struct _CxmOrg CxmOrg;

/* Load an org; NULL with CXM_ERROR_ORG (content), CXM_ERROR_IO (file) or
 * CXM_ERROR_INVALID_ARGUMENT. @length may be -1 for a NUL-terminated @json.
 * The result has one reference: release it with cxm_org_unref(). */
CXM_EXTERN CxmOrg *cxm_org_new_from_file(const char *path, GError **error);
CXM_EXTERN CxmOrg *cxm_org_new_from_data(const char *json, gssize length,
                                         GError **error);
/* Reference counting: recorders share the org they are given. _ref returns
 * @org; _unref accepts NULL and frees on the last reference. */
CXM_EXTERN CxmOrg *cxm_org_ref(CxmOrg *org);
CXM_EXTERN void cxm_org_unref(CxmOrg *org);

CXM_EXTERN guint cxm_org_get_n_people(const CxmOrg *org);
CXM_EXTERN gboolean cxm_org_has_person(const CxmOrg *org, const char *id);
/* The person's level (a CxmLevel), or CXM_UNSET when @id is not in the org. */
CXM_EXTERN int cxm_org_get_level(const CxmOrg *org, const char *id);
/* The person's team and manager, owned by the org; NULL when absent or
 * when @id is not in the org. */
CXM_EXTERN const char *cxm_org_get_team(const CxmOrg *org, const char *id);
CXM_EXTERN const char *cxm_org_get_manager(const CxmOrg *org, const char *id);
/* Everyone in the org, or the direct reports of @id, sorted bytewise, as a
 * NULL-terminated array (free with cxm_strv_free()); empty for an unknown
 * id. */
CXM_EXTERN char **cxm_org_get_people(const CxmOrg *org);
CXM_EXTERN char **cxm_org_get_reports(const CxmOrg *org, const char *id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CxmOrg, cxm_org_unref)

G_END_DECLS

#endif
