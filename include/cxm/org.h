/* SPDX-License-Identifier: MIT */
/**
 * SECTION:org
 * @title: cxm/org.h
 * @short_description: the org file (SPEC section 3): who reports to whom
 *
 * Part of the umbrella header <cxm/cxm.h>: include that one, not this part.
 */
#ifndef CXM_ORG_H
#define CXM_ORG_H

#include <cxm/enums.h>

G_BEGIN_DECLS

/**
 * CxmOrg:
 *
 * The people of an organisation: each with an id, a level, optionally a
 * team and a manager. Loaded from the JSON org file:
 *
 * |[
 *   {"people": [{"id": "s-1", "level": "senior_leader"},
 *               {"id": "m-1", "level": "manager", "manager": "s-1", "team": "north"}]}
 * ]|
 *
 * id (1..128 bytes) and level (frontline, manager or senior_leader) are
 * required; team and manager optional; unknown keys are ignored. A file
 * holds at most 1,000,000 people and 64 MiB. Duplicate ids, managers that
 * are not in the file and reporting cycles are %CXM_ERROR_ORG errors whose
 * message names the ids involved. An org is immutable once loaded, so it
 * may be shared between threads and recorders (they keep their own
 * reference). It is reference counted: g_autoptr(CxmOrg) releases one
 * reference.
 */
typedef struct _CxmOrg CxmOrg;

/**
 * cxm_org_new_from_file:
 * @path: the org file
 * @error: return location for a #GError, or %NULL
 *
 * Loads an org from the file at @path, as cxm_org_new_from_data() does. The
 * messages of its errors start with @path.
 *
 * Returns: (transfer full) (nullable): a new org with one reference; release
 *   it with cxm_org_unref(). %NULL with %CXM_ERROR_ORG (content, or a file
 *   over 64 MiB), %CXM_ERROR_IO (the file cannot be read) or
 *   %CXM_ERROR_INVALID_ARGUMENT.
 */
CXM_EXTERN CxmOrg *cxm_org_new_from_file(const char *path, GError **error);
/**
 * cxm_org_new_from_data:
 * @json: the org file's text
 * @length: bytes in @json, or -1 when it is NUL-terminated
 * @error: return location for a #GError, or %NULL
 *
 * Loads an org from the text of an org file. @json is not kept.
 *
 * Returns: (transfer full) (nullable): a new org with one reference; release
 *   it with cxm_org_unref(). %NULL with %CXM_ERROR_ORG (any fault of the
 *   content, invalid JSON or UTF-8 included) or %CXM_ERROR_INVALID_ARGUMENT.
 */
CXM_EXTERN CxmOrg *cxm_org_new_from_data(const char *json, gssize length, GError **error);
/**
 * cxm_org_ref:
 * @org: an org
 *
 * Takes a reference: recorders share the org they are given. Reference
 * counting is atomic.
 *
 * Returns: (transfer full): @org
 */
CXM_EXTERN CxmOrg *cxm_org_ref(CxmOrg *org);
/**
 * cxm_org_unref:
 * @org: (nullable) (transfer full): an org
 *
 * Releases a reference, and frees the org on the last one. Accepts %NULL.
 */
CXM_EXTERN void cxm_org_unref(CxmOrg *org);

/**
 * cxm_org_get_n_people:
 * @org: an org
 *
 * The number of people in the org.
 *
 * Returns: how many people the org holds
 */
CXM_EXTERN guint cxm_org_get_n_people(const CxmOrg *org);
/**
 * cxm_org_has_person:
 * @org: an org
 * @id: a person's id
 *
 * Whether a person is in the org.
 *
 * Returns: %TRUE when @id is in the org
 */
CXM_EXTERN gboolean cxm_org_has_person(const CxmOrg *org, const char *id);
/**
 * cxm_org_get_level:
 * @org: an org
 * @id: a person's id
 *
 * A person's level.
 *
 * Returns: the person's level (a #CxmLevel, never %CXM_LEVEL_UNASSIGNED), or
 *   %CXM_UNSET when @id is not in the org
 */
CXM_EXTERN int cxm_org_get_level(const CxmOrg *org, const char *id);
/**
 * cxm_org_get_team:
 * @org: an org
 * @id: a person's id
 *
 * A person's team.
 *
 * Returns: (transfer none) (nullable): the person's team, owned by the org;
 *   %NULL when absent or when @id is not in the org
 */
CXM_EXTERN const char *cxm_org_get_team(const CxmOrg *org, const char *id);
/**
 * cxm_org_get_manager:
 * @org: an org
 * @id: a person's id
 *
 * A person's manager.
 *
 * Returns: (transfer none) (nullable): the id of the person's manager, owned
 *   by the org; %NULL when absent or when @id is not in the org
 */
CXM_EXTERN const char *cxm_org_get_manager(const CxmOrg *org, const char *id);
/**
 * cxm_org_get_people:
 * @org: an org
 *
 * Everyone in the org.
 *
 * Returns: (transfer full) (array zero-terminated=1): the ids, sorted
 *   bytewise, as a %NULL-terminated array; free with cxm_strv_free()
 */
CXM_EXTERN char **cxm_org_get_people(const CxmOrg *org);
/**
 * cxm_org_get_reports:
 * @org: an org
 * @id: a person's id
 *
 * The direct reports of @id.
 *
 * Returns: (transfer full) (array zero-terminated=1): their ids, sorted
 *   bytewise, as a %NULL-terminated array (empty for an unknown id); free
 *   with cxm_strv_free()
 */
CXM_EXTERN char **cxm_org_get_reports(const CxmOrg *org, const char *id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CxmOrg, cxm_org_unref)

G_END_DECLS

#endif
