/* SPDX-License-Identifier: MIT */
/**
 * SECTION:interaction
 * @title: cxm/interaction.h
 * @short_description: one moment of truth, every field of SPEC section 2
 *
 * Part of the umbrella header <cxm/cxm.h>: include that one, not this part.
 */
#ifndef CXM_INTERACTION_H
#define CXM_INTERACTION_H

#include <cxm/enums.h>

G_BEGIN_DECLS

/**
 * CxmInteraction:
 *
 * An interaction record. Every field starts absent; "absent" is distinct
 * from every valid value (getters return %NULL for strings, %CXM_UNSET for
 * numbers, enums and booleans). Setters validate exactly as the JSON Lines
 * importer does, with the same messages ("csat must be an integer 1..5, got
 * 7"), and their errors name the key (cxm_error_get_key()); a rejected value
 * leaves the field as it was. Passing %NULL (strings) or %CXM_UNSET (numbers,
 * enums and booleans) makes a field absent again; the clear functions empty
 * the sets. Strings are copied. An interaction is plain data: reuse it with
 * cxm_interaction_reset(). g_autoptr(CxmInteraction) frees it.
 *
 * Not thread-safe: one thread at a time per interaction.
 */
typedef struct _CxmInteraction CxmInteraction;

/**
 * cxm_interaction_new:
 *
 * Creates an interaction with every field absent.
 *
 * Returns: (transfer full): a new interaction; free with
 *   cxm_interaction_free(). Never %NULL.
 */
CXM_EXTERN CxmInteraction *cxm_interaction_new(void);
/**
 * cxm_interaction_free:
 * @interaction: (nullable) (transfer full): an interaction
 *
 * Frees an interaction. Accepts %NULL.
 */
CXM_EXTERN void cxm_interaction_free(CxmInteraction *interaction);
/**
 * cxm_interaction_reset:
 * @interaction: an interaction
 *
 * Makes every field absent again.
 */
CXM_EXTERN void cxm_interaction_reset(CxmInteraction *interaction);
/**
 * cxm_interaction_new_from_json:
 * @json: one JSON object in the JSON Lines record format (SPEC section 2)
 * @length: bytes in @json, or -1 when it is NUL-terminated
 * @error: return location for a #GError, or %NULL
 *
 * Parses one record into a new interaction, with the importer's checks and
 * messages. @json is not kept.
 *
 * Returns: (transfer full) (nullable): a new interaction, free with
 *   cxm_interaction_free(); %NULL with @error set for a bad record, with the
 *   import's codes (%CXM_ERROR_TOO_LONG, %CXM_ERROR_INVALID_UTF8,
 *   %CXM_ERROR_INVALID_JSON, %CXM_ERROR_TOO_DEEP, %CXM_ERROR_NOT_OBJECT,
 *   %CXM_ERROR_MISSING, %CXM_ERROR_TYPE, %CXM_ERROR_ENUM, %CXM_ERROR_RANGE,
 *   %CXM_ERROR_FORMAT, %CXM_ERROR_DUPLICATE), and for a leadership event
 *   (%CXM_ERROR_INVALID_ARGUMENT: it is not an interaction) or a %NULL @json
 *   (%CXM_ERROR_INVALID_ARGUMENT)
 */
CXM_EXTERN CxmInteraction *cxm_interaction_new_from_json(const char *json, gssize length,
                                                         GError **error);

/**
 * cxm_interaction_set_id:
 * @interaction: an interaction
 * @id: (nullable): the id, 1..128 bytes of UTF-8 without control characters;
 *   %NULL makes it absent
 * @error: return location for a #GError, or %NULL
 *
 * Sets the id, a required field.
 *
 * Returns: %TRUE when set; %FALSE with %CXM_ERROR_RANGE (an empty or longer
 *   id), %CXM_ERROR_INVALID_UTF8 or %CXM_ERROR_FORMAT (a control character)
 */
CXM_EXTERN gboolean cxm_interaction_set_id(CxmInteraction *interaction, const char *id,
                                           GError **error);
/**
 * cxm_interaction_set_ts:
 * @interaction: an interaction
 * @unix_seconds: ts as Unix seconds, 0 (1970-01-01) to 253402300799
 *   (9999-12-31T23:59:59Z), or %CXM_UNSET to make it absent
 * @error: return location for a #GError, or %NULL
 *
 * Sets ts, a required field.
 *
 * Returns: %TRUE when set; %FALSE with %CXM_ERROR_RANGE for a time out of
 *   range
 */
CXM_EXTERN gboolean cxm_interaction_set_ts(CxmInteraction *interaction,
                                           gint64 unix_seconds, GError **error);
/**
 * cxm_interaction_set_ts_string:
 * @interaction: an interaction
 * @rfc3339: (nullable): ts as RFC 3339 with an offset: "2026-03-02T09:15:00Z",
 *   "...+02:00", optional fractional seconds (dropped); %NULL makes ts absent
 * @error: return location for a #GError, or %NULL
 *
 * Sets ts, a required field, from text.
 *
 * Returns: %TRUE when set; %FALSE with %CXM_ERROR_FORMAT when @rfc3339 is not
 *   RFC 3339 with an offset, or %CXM_ERROR_RANGE for a time before 1970-01-01
 *   or after 9999-12-31T23:59:59Z
 */
CXM_EXTERN gboolean cxm_interaction_set_ts_string(CxmInteraction *interaction,
                                                  const char *rfc3339, GError **error);
/**
 * cxm_interaction_set_channel:
 * @interaction: an interaction
 * @channel: a #CxmChannel, or %CXM_UNSET to make it absent
 * @error: return location for a #GError, or %NULL
 *
 * Sets the channel, a required field.
 *
 * Returns: %TRUE when set; %FALSE with %CXM_ERROR_INVALID_ARGUMENT for a value
 *   that is neither
 */
CXM_EXTERN gboolean cxm_interaction_set_channel(CxmInteraction *interaction, int channel,
                                                GError **error);

/**
 * cxm_interaction_set_employee:
 * @interaction: an interaction
 * @employee: (nullable): who handled it, 1..128 bytes of UTF-8; %NULL makes it
 *   absent
 * @error: return location for a #GError, or %NULL
 *
 * Sets the optional employee.
 *
 * Returns: %TRUE when set; %FALSE with %CXM_ERROR_RANGE (an empty or longer
 *   string) or %CXM_ERROR_INVALID_UTF8
 */
CXM_EXTERN gboolean cxm_interaction_set_employee(CxmInteraction *interaction,
                                                 const char *employee, GError **error);
/**
 * cxm_interaction_set_team:
 * @interaction: an interaction
 * @team: (nullable): the team, 1..128 bytes of UTF-8; %NULL makes it absent
 * @error: return location for a #GError, or %NULL
 *
 * Sets the optional team.
 *
 * Returns: %TRUE when set; %FALSE with %CXM_ERROR_RANGE (an empty or longer
 *   string) or %CXM_ERROR_INVALID_UTF8
 */
CXM_EXTERN gboolean cxm_interaction_set_team(CxmInteraction *interaction,
                                             const char *team, GError **error);
/**
 * cxm_interaction_set_customer:
 * @interaction: an interaction
 * @customer: (nullable): the customer, 1..128 bytes of UTF-8; %NULL makes it
 *   absent
 * @error: return location for a #GError, or %NULL
 *
 * Sets the optional customer.
 *
 * Returns: %TRUE when set; %FALSE with %CXM_ERROR_RANGE (an empty or longer
 *   string) or %CXM_ERROR_INVALID_UTF8
 */
CXM_EXTERN gboolean cxm_interaction_set_customer(CxmInteraction *interaction,
                                                 const char *customer, GError **error);

/**
 * cxm_interaction_set_level:
 * @interaction: an interaction
 * @level: %CXM_LEVEL_FRONTLINE, %CXM_LEVEL_MANAGER, %CXM_LEVEL_SENIOR_LEADER,
 *   or %CXM_UNSET to make it absent
 * @error: return location for a #GError, or %NULL
 *
 * Sets the optional level. %CXM_LEVEL_UNASSIGNED is a group, not a value: it
 * is refused.
 *
 * Returns: %TRUE when set; %FALSE with %CXM_ERROR_INVALID_ARGUMENT for any
 *   other value
 */
CXM_EXTERN gboolean cxm_interaction_set_level(CxmInteraction *interaction, int level,
                                              GError **error);
/**
 * cxm_interaction_set_resolution:
 * @interaction: an interaction
 * @resolution: a #CxmResolution, or %CXM_UNSET to make it absent
 * @error: return location for a #GError, or %NULL
 *
 * Sets the optional resolution.
 *
 * Returns: %TRUE when set; %FALSE with %CXM_ERROR_INVALID_ARGUMENT for a value
 *   that is neither
 */
CXM_EXTERN gboolean cxm_interaction_set_resolution(CxmInteraction *interaction,
                                                   int resolution, GError **error);

/**
 * cxm_interaction_add_difficulty:
 * @interaction: an interaction
 * @difficulty: a #CxmDifficulty
 * @error: return location for a #GError, or %NULL
 *
 * Adds a difficult-moment kind to the set of them. Adding one that is
 * already there is an error, as a duplicate in the JSON array is.
 *
 * Returns: %TRUE when added; %FALSE with %CXM_ERROR_DUPLICATE when the set
 *   holds it already, or %CXM_ERROR_INVALID_ARGUMENT for a value that is not
 *   a #CxmDifficulty (%CXM_UNSET included)
 */
CXM_EXTERN gboolean cxm_interaction_add_difficulty(CxmInteraction *interaction,
                                                   int difficulty, GError **error);
/**
 * cxm_interaction_clear_difficulties:
 * @interaction: an interaction
 *
 * Empties the set of difficult-moment kinds.
 */
CXM_EXTERN void cxm_interaction_clear_difficulties(CxmInteraction *interaction);
/**
 * cxm_interaction_add_emotion:
 * @interaction: an interaction
 * @emotion: a #CxmEmotion
 * @error: return location for a #GError, or %NULL
 *
 * Adds an employee emotion to the set of them. Adding one that is already
 * there is an error, as a duplicate in the JSON array is.
 *
 * Returns: %TRUE when added; %FALSE with %CXM_ERROR_DUPLICATE when the set
 *   holds it already, or %CXM_ERROR_INVALID_ARGUMENT for a value that is not
 *   a #CxmEmotion (%CXM_UNSET included)
 */
CXM_EXTERN gboolean cxm_interaction_add_emotion(CxmInteraction *interaction, int emotion,
                                                GError **error);
/**
 * cxm_interaction_clear_emotions:
 * @interaction: an interaction
 *
 * Empties the set of employee emotions.
 */
CXM_EXTERN void cxm_interaction_clear_emotions(CxmInteraction *interaction);

/**
 * cxm_interaction_set_contact_number:
 * @interaction: an interaction
 * @contact_number: >= 1 (1 = first contact about this matter), or %CXM_UNSET
 *   to make it absent
 * @error: return location for a #GError, or %NULL
 *
 * Sets the optional contact number.
 *
 * Returns: %TRUE when set; %FALSE with %CXM_ERROR_RANGE for another value
 */
CXM_EXTERN gboolean cxm_interaction_set_contact_number(CxmInteraction *interaction,
                                                       gint64 contact_number,
                                                       GError **error);
/**
 * cxm_interaction_set_csat:
 * @interaction: an interaction
 * @csat: 1..5, or %CXM_UNSET to make it absent
 * @error: return location for a #GError, or %NULL
 *
 * Sets the optional customer satisfaction score.
 *
 * Returns: %TRUE when set; %FALSE with %CXM_ERROR_RANGE for another value
 */
CXM_EXTERN gboolean cxm_interaction_set_csat(CxmInteraction *interaction, int csat,
                                             GError **error);
/**
 * cxm_interaction_set_nps:
 * @interaction: an interaction
 * @nps: 0..10, or %CXM_UNSET to make it absent
 * @error: return location for a #GError, or %NULL
 *
 * Sets the optional likelihood to recommend.
 *
 * Returns: %TRUE when set; %FALSE with %CXM_ERROR_RANGE for another value
 */
CXM_EXTERN gboolean cxm_interaction_set_nps(CxmInteraction *interaction, int nps,
                                            GError **error);
/**
 * cxm_interaction_set_effort:
 * @interaction: an interaction
 * @effort: 1..7, or %CXM_UNSET to make it absent
 * @error: return location for a #GError, or %NULL
 *
 * Sets the optional effort score.
 *
 * Returns: %TRUE when set; %FALSE with %CXM_ERROR_RANGE for another value
 */
CXM_EXTERN gboolean cxm_interaction_set_effort(CxmInteraction *interaction, int effort,
                                               GError **error);
/**
 * cxm_interaction_set_employee_satisfaction:
 * @interaction: an interaction
 * @satisfaction: 1..5, or %CXM_UNSET to make it absent
 * @error: return location for a #GError, or %NULL
 *
 * Sets the optional employee_satisfaction: the employee's own satisfaction
 * with the service given.
 *
 * Returns: %TRUE when set; %FALSE with %CXM_ERROR_RANGE for another value
 */
CXM_EXTERN gboolean cxm_interaction_set_employee_satisfaction(CxmInteraction *interaction,
                                                              int satisfaction,
                                                              GError **error);

/**
 * cxm_interaction_set_beyond_role:
 * @interaction: an interaction
 * @value: 0 (false), 1 (true), or %CXM_UNSET to make it absent
 * @error: return location for a #GError, or %NULL
 *
 * Sets the optional boolean beyond_role: the employee went beyond assigned
 * duties.
 *
 * Returns: %TRUE when set; %FALSE with %CXM_ERROR_INVALID_ARGUMENT for another
 *   value
 */
CXM_EXTERN gboolean cxm_interaction_set_beyond_role(CxmInteraction *interaction,
                                                    int value, GError **error);
/**
 * cxm_interaction_set_proactive:
 * @interaction: an interaction
 * @value: 0 (false), 1 (true), or %CXM_UNSET to make it absent
 * @error: return location for a #GError, or %NULL
 *
 * Sets the optional boolean proactive: the employee anticipated a need
 * before being asked.
 *
 * Returns: %TRUE when set; %FALSE with %CXM_ERROR_INVALID_ARGUMENT for another
 *   value
 */
CXM_EXTERN gboolean cxm_interaction_set_proactive(CxmInteraction *interaction, int value,
                                                  GError **error);
/**
 * cxm_interaction_set_empowered:
 * @interaction: an interaction
 * @value: 0 (false), 1 (true), or %CXM_UNSET to make it absent
 * @error: return location for a #GError, or %NULL
 *
 * Sets the optional boolean empowered: the employee deviated from a standard
 * to do right by the customer.
 *
 * Returns: %TRUE when set; %FALSE with %CXM_ERROR_INVALID_ARGUMENT for another
 *   value
 */
CXM_EXTERN gboolean cxm_interaction_set_empowered(CxmInteraction *interaction, int value,
                                                  GError **error);

/**
 * cxm_interaction_get_id:
 * @interaction: an interaction
 *
 * The id, a required field.
 *
 * Returns: (transfer none) (nullable): the id, owned by @interaction and valid
 *   until the field is set again or @interaction is reset or freed; %NULL when
 *   absent
 */
CXM_EXTERN const char *cxm_interaction_get_id(const CxmInteraction *interaction);
/**
 * cxm_interaction_has_ts:
 * @interaction: an interaction
 *
 * Whether ts, a required field, is present.
 *
 * Returns: %TRUE when ts is present
 */
CXM_EXTERN gboolean cxm_interaction_has_ts(const CxmInteraction *interaction);
/**
 * cxm_interaction_get_ts:
 * @interaction: an interaction
 *
 * The ts, a required field, as Unix seconds (UTC).
 *
 * Returns: ts, 0..253402300799, or %CXM_UNSET when absent
 */
CXM_EXTERN gint64 cxm_interaction_get_ts(const CxmInteraction *interaction);
/**
 * cxm_interaction_get_channel:
 * @interaction: an interaction
 *
 * The channel, a required field.
 *
 * Returns: a #CxmChannel, or %CXM_UNSET when absent
 */
CXM_EXTERN int cxm_interaction_get_channel(const CxmInteraction *interaction);
/**
 * cxm_interaction_get_employee:
 * @interaction: an interaction
 *
 * The employee.
 *
 * Returns: (transfer none) (nullable): the employee, owned by @interaction and valid
 *   until the field is set again or @interaction is reset or freed; %NULL when
 *   absent
 */
CXM_EXTERN const char *cxm_interaction_get_employee(const CxmInteraction *interaction);
/**
 * cxm_interaction_get_team:
 * @interaction: an interaction
 *
 * The team.
 *
 * Returns: (transfer none) (nullable): the team, owned by @interaction and valid
 *   until the field is set again or @interaction is reset or freed; %NULL when
 *   absent
 */
CXM_EXTERN const char *cxm_interaction_get_team(const CxmInteraction *interaction);
/**
 * cxm_interaction_get_customer:
 * @interaction: an interaction
 *
 * The customer.
 *
 * Returns: (transfer none) (nullable): the customer, owned by @interaction and valid
 *   until the field is set again or @interaction is reset or freed; %NULL when
 *   absent
 */
CXM_EXTERN const char *cxm_interaction_get_customer(const CxmInteraction *interaction);
/**
 * cxm_interaction_get_level:
 * @interaction: an interaction
 *
 * The level.
 *
 * Returns: a #CxmLevel (never %CXM_LEVEL_UNASSIGNED), or %CXM_UNSET when absent
 */
CXM_EXTERN int cxm_interaction_get_level(const CxmInteraction *interaction);
/**
 * cxm_interaction_get_resolution:
 * @interaction: an interaction
 *
 * The resolution.
 *
 * Returns: a #CxmResolution, or %CXM_UNSET when absent
 */
CXM_EXTERN int cxm_interaction_get_resolution(const CxmInteraction *interaction);
/**
 * cxm_interaction_get_difficulties:
 * @interaction: an interaction
 *
 * The set of difficult-moment kinds as a bit mask.
 *
 * Returns: bit (1 << CXM_DIFFICULTY_x) set for each member; 0 for an empty set
 */
CXM_EXTERN guint cxm_interaction_get_difficulties(const CxmInteraction *interaction);
/**
 * cxm_interaction_get_emotions:
 * @interaction: an interaction
 *
 * The set of employee emotions as a bit mask.
 *
 * Returns: bit (1 << CXM_EMOTION_x) set for each member; 0 for an empty set
 */
CXM_EXTERN guint cxm_interaction_get_emotions(const CxmInteraction *interaction);
/**
 * cxm_interaction_get_contact_number:
 * @interaction: an interaction
 *
 * The optional contact_number.
 *
 * Returns: the contact number, >= 1 (1 = first contact about this matter), or
 *   %CXM_UNSET when absent
 */
CXM_EXTERN gint64 cxm_interaction_get_contact_number(const CxmInteraction *interaction);
/**
 * cxm_interaction_get_csat:
 * @interaction: an interaction
 *
 * The optional csat.
 *
 * Returns: csat, 1..5, or %CXM_UNSET when absent
 */
CXM_EXTERN int cxm_interaction_get_csat(const CxmInteraction *interaction);
/**
 * cxm_interaction_get_nps:
 * @interaction: an interaction
 *
 * The optional nps.
 *
 * Returns: nps, 0..10, or %CXM_UNSET when absent
 */
CXM_EXTERN int cxm_interaction_get_nps(const CxmInteraction *interaction);
/**
 * cxm_interaction_get_effort:
 * @interaction: an interaction
 *
 * The optional effort.
 *
 * Returns: effort, 1..7, or %CXM_UNSET when absent
 */
CXM_EXTERN int cxm_interaction_get_effort(const CxmInteraction *interaction);
/**
 * cxm_interaction_get_employee_satisfaction:
 * @interaction: an interaction
 *
 * The optional employee_satisfaction.
 *
 * Returns: employee_satisfaction, 1..5, or %CXM_UNSET when absent
 */
CXM_EXTERN int
cxm_interaction_get_employee_satisfaction(const CxmInteraction *interaction);
/**
 * cxm_interaction_get_beyond_role:
 * @interaction: an interaction
 *
 * The optional boolean beyond_role.
 *
 * Returns: 0 (false), 1 (true), or %CXM_UNSET when absent
 */
CXM_EXTERN int cxm_interaction_get_beyond_role(const CxmInteraction *interaction);
/**
 * cxm_interaction_get_proactive:
 * @interaction: an interaction
 *
 * The optional boolean proactive.
 *
 * Returns: 0 (false), 1 (true), or %CXM_UNSET when absent
 */
CXM_EXTERN int cxm_interaction_get_proactive(const CxmInteraction *interaction);
/**
 * cxm_interaction_get_empowered:
 * @interaction: an interaction
 *
 * The optional boolean empowered.
 *
 * Returns: 0 (false), 1 (true), or %CXM_UNSET when absent
 */
CXM_EXTERN int cxm_interaction_get_empowered(const CxmInteraction *interaction);

/**
 * cxm_interaction_to_json:
 * @interaction: an interaction
 *
 * The interaction as one line of JSON (SPEC section 2), without a line end:
 * every key it has, in SPEC order, ts as RFC 3339 in UTC
 * ("2026-03-02T09:15:00Z"). When it has the required fields,
 * cxm_interaction_new_from_json() reads it back as an equal interaction.
 *
 * Returns: (transfer full): the JSON text; free with cxm_free()
 */
CXM_EXTERN char *cxm_interaction_to_json(const CxmInteraction *interaction);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CxmInteraction, cxm_interaction_free)

G_END_DECLS

#endif
