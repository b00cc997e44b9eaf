/* SPDX-License-Identifier: MIT */
/**
 * SECTION:policy
 * @title: cxm/policy.h
 * @short_description: classification thresholds and reporting settings (SPEC 4, 5)
 *
 * Part of the umbrella header <cxm/cxm.h>: include that one, not this part.
 */
#ifndef CXM_POLICY_H
#define CXM_POLICY_H

#include <cxm/common.h>

G_BEGIN_DECLS

/**
 * CxmPolicy:
 *
 * The settings that decide how interactions are classified and reported.
 * Keys, defaults and ranges (the JSON policy file uses the same keys):
 *
 * |[
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
 *   huddle_days_min         1          1..7   weekly cadence: purpose huddles on
 *                                             at least this many days of a week
 *   huddle_days_target      5          1..7   daily cadence: on at least this many
 * ]|
 *
 * Each *_negative_max must be below its *_positive_min, and
 * huddle_days_min at most huddle_days_target. All but name enter the
 * fingerprint (the huddle settings only when they are not their defaults,
 * so that fingerprints made before they existed still match): aggregates
 * built under policies with different fingerprints refuse to merge.
 * g_autoptr(CxmPolicy) frees a policy.
 *
 * Not thread-safe to modify; a policy that is only read may be shared.
 */
typedef struct _CxmPolicy CxmPolicy;

/**
 * cxm_policy_new:
 *
 * Creates a policy with the SPEC section 4 defaults (the table of
 * #CxmPolicy).
 *
 * Returns: (transfer full): a new policy; free with cxm_policy_free(). Never
 *   %NULL.
 */
CXM_EXTERN CxmPolicy *cxm_policy_new(void);
/**
 * cxm_policy_new_from_file:
 * @path: the policy file: one JSON object
 * @error: return location for a #GError, or %NULL
 *
 * Loads a policy from the JSON object in the file at @path, as
 * cxm_policy_new_from_data() does: defaults overridden by the keys present.
 * The messages of its errors start with @path.
 *
 * Returns: (transfer full) (nullable): a new policy, free with
 *   cxm_policy_free(); %NULL with %CXM_ERROR_IO when the file cannot be read,
 *   or with the %CXM_ERROR_POLICY errors of cxm_policy_new_from_data()
 */
CXM_EXTERN CxmPolicy *cxm_policy_new_from_file(const char *path, GError **error);
/**
 * cxm_policy_new_from_data:
 * @json: the policy as one JSON object
 * @length: bytes in @json, or -1 when it is NUL-terminated
 * @error: return location for a #GError, or %NULL
 *
 * Loads a policy from a JSON object: defaults overridden by the keys
 * present. @json is not kept.
 *
 * Returns: (transfer full) (nullable): a new policy, free with
 *   cxm_policy_free(); %NULL with %CXM_ERROR_POLICY for unknown keys, wrong
 *   types, values out of range and inconsistent thresholds, each naming the
 *   key, and for text that is not one JSON object of valid UTF-8, or is
 *   longer than 1 MiB
 */
CXM_EXTERN CxmPolicy *cxm_policy_new_from_data(const char *json, gssize length,
                                               GError **error);
/**
 * cxm_policy_copy:
 * @policy: (nullable): a policy
 *
 * Copies a policy, name and fingerprint included.
 *
 * Returns: (transfer full) (nullable): an independent copy, free with
 *   cxm_policy_free(); %NULL if @policy is %NULL
 */
CXM_EXTERN CxmPolicy *cxm_policy_copy(const CxmPolicy *policy);
/**
 * cxm_policy_free:
 * @policy: (nullable) (transfer full): a policy
 *
 * Frees a policy. Accepts %NULL.
 */
CXM_EXTERN void cxm_policy_free(CxmPolicy *policy);

/**
 * cxm_policy_set:
 * @policy: a policy
 * @key: the key of a numeric setting ("csat_positive_min"; not "name", which
 *   cxm_policy_set_name() sets)
 * @value: its new value
 * @error: return location for a #GError, or %NULL
 *
 * Sets one numeric setting by its key, and so the fingerprint. Integer
 * settings refuse values with a fraction.
 *
 * Returns: %TRUE when set; %FALSE with %CXM_ERROR_POLICY for an unknown key,
 *   a value out of range or with a fraction, or one inconsistent with the
 *   paired threshold; the policy is then unchanged
 */
CXM_EXTERN gboolean cxm_policy_set(CxmPolicy *policy, const char *key, double value,
                                   GError **error);
/**
 * cxm_policy_get:
 * @policy: a policy
 * @key: the key of a numeric setting (not "name": cxm_policy_get_name())
 * @value: (out): where the setting's value is stored
 * @error: return location for a #GError, or %NULL
 *
 * Reads one numeric setting into @value, integer settings too.
 *
 * Returns: %TRUE when read; %FALSE with %CXM_ERROR_POLICY for an unknown key,
 *   or %CXM_ERROR_INVALID_ARGUMENT for a %NULL argument, @value untouched
 */
CXM_EXTERN gboolean cxm_policy_get(const CxmPolicy *policy, const char *key,
                                   double *value, GError **error);
/**
 * cxm_policy_set_name:
 * @policy: a policy
 * @name: the new name, 1..64 bytes of UTF-8; copied
 * @error: return location for a #GError, or %NULL
 *
 * Renames the policy. The name does not enter the fingerprint.
 *
 * Returns: %TRUE when renamed; %FALSE with %CXM_ERROR_POLICY for an empty,
 *   longer or invalid name, the policy then unchanged
 */
CXM_EXTERN gboolean cxm_policy_set_name(CxmPolicy *policy, const char *name,
                                        GError **error);
/**
 * cxm_policy_get_name:
 * @policy: a policy
 *
 * The policy's name ("default" unless changed).
 *
 * Returns: (transfer none): the name, owned by the policy, valid until it is
 *   renamed or freed
 */
CXM_EXTERN const char *cxm_policy_get_name(const CxmPolicy *policy);
/**
 * cxm_policy_set_time_zone:
 * @policy: a policy
 * @team: (nullable): a team, or %NULL for every team without a zone of its
 *   own (and records without a team)
 * @zone: (nullable): a tz database name ("America/New_York"), "UTC" or a
 *   fixed offset ("+05:30"), read from the system tz database; %NULL
 *   removes @team's own zone, or sets the default back to "UTC"
 * @error: return location for a #GError, or %NULL
 *
 * Sets the time zone whose days, weeks and months a record's period is
 * counted in: a record at 2026-03-31T20:00:00-05:00 is in March in
 * America/New_York and in April in UTC. A team's zone applies to the
 * records that count under the team (their own, else their employee's in
 * the org). Both copied; zones other than "UTC" enter the fingerprint, so
 * that sums built in different zones refuse to merge.
 *
 * Returns: %TRUE when set; %FALSE with %CXM_ERROR_POLICY for a zone the tz
 *   database does not know, a path or an empty team, the policy unchanged
 */
CXM_EXTERN gboolean cxm_policy_set_time_zone(CxmPolicy *policy, const char *team,
                                             const char *zone, GError **error);
/**
 * cxm_policy_get_time_zone:
 * @policy: a policy
 * @team: (nullable): a team, or %NULL for the default
 *
 * The time zone @team's records are counted in: its own, else the default.
 *
 * Returns: (transfer none): the zone's identifier as set ("UTC" unless
 *   set), owned by the policy, valid until the zone is changed or the
 *   policy freed
 */
CXM_EXTERN const char *cxm_policy_get_time_zone(const CxmPolicy *policy, const char *team);
/**
 * cxm_policy_get_fingerprint:
 * @policy: a policy
 *
 * A hex digest of every setting but the name, time zones included (16
 * characters): policies with the same settings have the same fingerprint,
 * and aggregates built under different fingerprints refuse to merge.
 *
 * Returns: (transfer none): the fingerprint, owned by the policy and valid
 *   until the next change or free
 */
CXM_EXTERN const char *cxm_policy_get_fingerprint(const CxmPolicy *policy);
/**
 * cxm_policy_to_json:
 * @policy: a policy
 *
 * The policy as an indented JSON object with every key: a valid policy file.
 *
 * Returns: (transfer full): the JSON text; free with cxm_free()
 */
CXM_EXTERN char *cxm_policy_to_json(const CxmPolicy *policy);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CxmPolicy, cxm_policy_free)

G_END_DECLS

#endif
