/* cxm/interaction.h: one moment of truth, every field of SPEC section 2. */
#ifndef CXM_INTERACTION_H
#define CXM_INTERACTION_H

#include <cxm/enums.h>

G_BEGIN_DECLS

/**
 * CxmInteraction:
 * An interaction record. Every field starts absent; "absent" is distinct
 * from every valid value (getters return NULL for strings, CXM_UNSET for
 * numbers, enums and booleans). Setters validate exactly as the JSON Lines
 * importer does, with the same messages ("csat must be an integer 1..5, got
 * 7"); a rejected value leaves the field as it was. Passing NULL (strings)
 * or CXM_UNSET (anything else) makes a field absent again. Strings are
 * copied. An interaction is plain data: reuse it with cxm_interaction_reset().
 *
 * Not thread-safe: one thread at a time per interaction.
 */
typedef struct _CxmInteraction CxmInteraction;

/* Returns a new interaction with every field absent. Free with
 * cxm_interaction_free(). Never returns NULL. */
CXM_EXTERN CxmInteraction *cxm_interaction_new(void);
/* Frees an interaction. Accepts NULL. */
CXM_EXTERN void cxm_interaction_free(CxmInteraction *interaction);
/* Makes every field absent again. */
CXM_EXTERN void cxm_interaction_reset(CxmInteraction *interaction);
/* Parses one JSON object in the JSON Lines record format (SPEC section 2)
 * into a new interaction (free with cxm_interaction_free()), with the
 * importer's checks and messages. @length may be -1 for a NUL-terminated
 * @json. NULL with @error set for a bad record, and for a leadership event
 * (CXM_ERROR_INVALID_ARGUMENT: it is not an interaction). */
CXM_EXTERN CxmInteraction *cxm_interaction_new_from_json(const char *json,
                                                         gssize length,
                                                         GError **error);

/* Required fields. id: 1..128 bytes of UTF-8, no control characters. */
CXM_EXTERN gboolean cxm_interaction_set_id(CxmInteraction *interaction,
                                           const char *id, GError **error);
/* ts as Unix seconds, 0 (1970-01-01) to 253402300799 (9999-12-31T23:59:59Z),
 * or CXM_UNSET. */
CXM_EXTERN gboolean cxm_interaction_set_ts(CxmInteraction *interaction,
                                           gint64 unix_seconds, GError **error);
/* ts as RFC 3339 with an offset: "2026-03-02T09:15:00Z", "...+02:00",
 * optional fractional seconds (dropped). NULL makes ts absent. */
CXM_EXTERN gboolean cxm_interaction_set_ts_string(CxmInteraction *interaction,
                                                  const char *rfc3339,
                                                  GError **error);
/* channel: a CxmChannel, or CXM_UNSET. */
CXM_EXTERN gboolean cxm_interaction_set_channel(CxmInteraction *interaction,
                                                int channel, GError **error);

/* Optional strings, 1..128 bytes of UTF-8 each, NULL for absent. */
CXM_EXTERN gboolean cxm_interaction_set_employee(CxmInteraction *interaction,
                                                 const char *employee,
                                                 GError **error);
CXM_EXTERN gboolean cxm_interaction_set_team(CxmInteraction *interaction,
                                             const char *team, GError **error);
CXM_EXTERN gboolean cxm_interaction_set_customer(CxmInteraction *interaction,
                                                 const char *customer,
                                                 GError **error);

/* level: CXM_LEVEL_FRONTLINE, _MANAGER, _SENIOR_LEADER or CXM_UNSET
 * (CXM_LEVEL_UNASSIGNED is a group, not a value: it is refused). */
CXM_EXTERN gboolean cxm_interaction_set_level(CxmInteraction *interaction,
                                              int level, GError **error);
/* resolution: a CxmResolution or CXM_UNSET. */
CXM_EXTERN gboolean cxm_interaction_set_resolution(CxmInteraction *interaction,
                                                   int resolution,
                                                   GError **error);

/* Difficult-moment kinds and employee emotions are sets: adding one that is
 * already there is a CXM_ERROR_DUPLICATE error, as a duplicate in the JSON
 * array is. The clear functions empty the set. */
CXM_EXTERN gboolean cxm_interaction_add_difficulty(CxmInteraction *interaction,
                                                   int difficulty,
                                                   GError **error);
CXM_EXTERN void cxm_interaction_clear_difficulties(CxmInteraction *interaction);
CXM_EXTERN gboolean cxm_interaction_add_emotion(CxmInteraction *interaction,
                                                int emotion, GError **error);
CXM_EXTERN void cxm_interaction_clear_emotions(CxmInteraction *interaction);

/* Optional scores; CXM_UNSET for absent. contact_number >= 1 (1 = first
 * contact about this matter), csat 1..5, nps 0..10, effort 1..7,
 * employee_satisfaction 1..5. */
CXM_EXTERN gboolean cxm_interaction_set_contact_number(CxmInteraction *interaction,
                                                       gint64 contact_number,
                                                       GError **error);
CXM_EXTERN gboolean cxm_interaction_set_csat(CxmInteraction *interaction,
                                             int csat, GError **error);
CXM_EXTERN gboolean cxm_interaction_set_nps(CxmInteraction *interaction,
                                            int nps, GError **error);
CXM_EXTERN gboolean cxm_interaction_set_effort(CxmInteraction *interaction,
                                               int effort, GError **error);
CXM_EXTERN gboolean cxm_interaction_set_employee_satisfaction(CxmInteraction *interaction,
                                                             int satisfaction,
                                                             GError **error);

/* Optional booleans: 0 (false), 1 (true) or CXM_UNSET. */
CXM_EXTERN gboolean cxm_interaction_set_beyond_role(CxmInteraction *interaction,
                                                    int value, GError **error);
CXM_EXTERN gboolean cxm_interaction_set_proactive(CxmInteraction *interaction,
                                                  int value, GError **error);
CXM_EXTERN gboolean cxm_interaction_set_empowered(CxmInteraction *interaction,
                                                  int value, GError **error);

/* Getters. Strings are owned by the interaction and valid until the field
 * is set again, the interaction is reset or freed; NULL when absent.
 * Numbers, enums and booleans return CXM_UNSET when absent. */
CXM_EXTERN const char *cxm_interaction_get_id(const CxmInteraction *interaction);
CXM_EXTERN gboolean cxm_interaction_has_ts(const CxmInteraction *interaction);
CXM_EXTERN gint64 cxm_interaction_get_ts(const CxmInteraction *interaction);
CXM_EXTERN int cxm_interaction_get_channel(const CxmInteraction *interaction);
CXM_EXTERN const char *cxm_interaction_get_employee(const CxmInteraction *interaction);
CXM_EXTERN const char *cxm_interaction_get_team(const CxmInteraction *interaction);
CXM_EXTERN const char *cxm_interaction_get_customer(const CxmInteraction *interaction);
CXM_EXTERN int cxm_interaction_get_level(const CxmInteraction *interaction);
CXM_EXTERN int cxm_interaction_get_resolution(const CxmInteraction *interaction);
/* Sets as bit masks: bit (1 << CXM_DIFFICULTY_x), bit (1 << CXM_EMOTION_x). */
CXM_EXTERN guint cxm_interaction_get_difficulties(const CxmInteraction *interaction);
CXM_EXTERN guint cxm_interaction_get_emotions(const CxmInteraction *interaction);
CXM_EXTERN gint64 cxm_interaction_get_contact_number(const CxmInteraction *interaction);
CXM_EXTERN int cxm_interaction_get_csat(const CxmInteraction *interaction);
CXM_EXTERN int cxm_interaction_get_nps(const CxmInteraction *interaction);
CXM_EXTERN int cxm_interaction_get_effort(const CxmInteraction *interaction);
CXM_EXTERN int cxm_interaction_get_employee_satisfaction(const CxmInteraction *interaction);
CXM_EXTERN int cxm_interaction_get_beyond_role(const CxmInteraction *interaction);
CXM_EXTERN int cxm_interaction_get_proactive(const CxmInteraction *interaction);
CXM_EXTERN int cxm_interaction_get_empowered(const CxmInteraction *interaction);

/* The interaction as one line of JSON (SPEC section 2): every key it has,
 * ts as RFC 3339 in UTC. A record read back from it is equal. Free with
 * cxm_free(). */
CXM_EXTERN char *cxm_interaction_to_json(const CxmInteraction *interaction);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CxmInteraction, cxm_interaction_free)

G_END_DECLS

#endif
