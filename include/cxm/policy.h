/* cxm/policy.h: classification thresholds and reporting settings (SPEC 4, 5). */
#ifndef CXM_POLICY_H
#define CXM_POLICY_H

#include <cxm/common.h>

G_BEGIN_DECLS

/**
 * CxmPolicy:
 * The settings that decide how interactions are classified and reported.
 * Keys, defaults and ranges (the JSON policy file uses the same keys):
 *
 *   name                    "default"  string, 1..64 bytes
 *   csat_positive_min       4          1..5   verdict positive when csat >= it
 *   csat_negative_max       2          1..5   verdict negative when csat <= it
 *   nps_positive_min        9          0..10
 *   nps_negative_max        6          0..10
 *   effort_positive_min     5          1..7
 *   effort_negative_max     3          1..7
 *   employee_hurt_max       2          1..5   employee hurt when satisfaction <= it
 *   employee_satisfied_min  4          1..5   one-sided when satisfaction < it
 *   delighted_csat_min      5          1..5
 *   delighted_nps_min       9          0..10
 *   z                       1.959964   (0, 10]  interval and margin width
 *   min_sample              30         >= 0   small_sample when n < it
 *   min_group               0          >= 0   suppress groups with n < it (0: off)
 *
 * Each *_negative_max must be below its *_positive_min. All but name enter
 * the fingerprint: aggregates built under policies with different
 * fingerprints refuse to merge.
 *
 * Not thread-safe to modify; a policy that is only read may be shared.
 */
typedef struct _CxmPolicy CxmPolicy;

/* Returns a new policy with the SPEC section 4 defaults. Free with
 * cxm_policy_free(). Never returns NULL. */
CXM_EXTERN CxmPolicy *cxm_policy_new(void);
/* Loads a policy from a JSON object: defaults overridden by the keys
 * present. Unknown keys, wrong types, values out of range and inconsistent
 * thresholds are CXM_ERROR_POLICY errors naming the key; I/O failures are
 * CXM_ERROR_IO. Returns a new policy (free with cxm_policy_free()) or NULL
 * with @error set. @length may be -1 for a NUL-terminated @json. */
CXM_EXTERN CxmPolicy *cxm_policy_new_from_file(const char *path, GError **error);
CXM_EXTERN CxmPolicy *cxm_policy_new_from_data(const char *json, gssize length,
                                               GError **error);
/* Returns an independent copy (free with cxm_policy_free()), or NULL if
 * @policy is NULL. */
CXM_EXTERN CxmPolicy *cxm_policy_copy(const CxmPolicy *policy);
/* Frees a policy. Accepts NULL. */
CXM_EXTERN void cxm_policy_free(CxmPolicy *policy);

/* Sets one numeric setting by its key. Integer settings refuse values with
 * a fraction. On error (unknown key, out of range, inconsistent with the
 * paired threshold) the policy is unchanged. */
CXM_EXTERN gboolean cxm_policy_set(CxmPolicy *policy, const char *key,
                                   double value, GError **error);
/* Reads one numeric setting into @value. FALSE with @error for an unknown
 * key or NULL argument. */
CXM_EXTERN gboolean cxm_policy_get(const CxmPolicy *policy, const char *key,
                                   double *value, GError **error);
CXM_EXTERN gboolean cxm_policy_set_name(CxmPolicy *policy, const char *name,
                                        GError **error);
/* The name, owned by the policy, valid until it is renamed or freed. */
CXM_EXTERN const char *cxm_policy_get_name(const CxmPolicy *policy);
/* A hex digest of every setting but the name (16 characters), owned by the
 * policy and valid until the next change or free. */
CXM_EXTERN const char *cxm_policy_get_fingerprint(const CxmPolicy *policy);
/* The policy as a JSON object with every key (a valid policy file).
 * Caller frees with cxm_free(). */
CXM_EXTERN char *cxm_policy_to_json(const CxmPolicy *policy);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CxmPolicy, cxm_policy_free)

G_END_DECLS

#endif
