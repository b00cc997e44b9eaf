/* SPDX-License-Identifier: MIT */
/* The interaction value: fields, validation and the messages for them.
 * The JSON Lines parser goes through these setters too, so each rule and
 * its message exists once. */
#include "config.h"

#include <string.h>

#include "enums-private.h"
#include "error-private.h"
#include "interaction-private.h"
#include "timestamp.h"
#include "utf8.h"

CxmInteraction *
cxm_interaction_new(void)
{
  CxmInteraction *it = g_new(CxmInteraction, 1);
  cxm_interaction_reset(it);
  return it;
}

void
cxm_interaction_free(CxmInteraction *interaction)
{
  g_free(interaction);
}

void
cxm_interaction_reset(CxmInteraction *it)
{
  g_return_if_fail(it != NULL);
  it->ts = 0;
  it->has_ts = FALSE;
  it->contact_number = CXM_UNSET;
  it->channel = it->level = it->resolution = CXM_UNSET;
  it->csat = it->nps = it->effort = it->employee_satisfaction = CXM_UNSET;
  it->beyond_role = it->proactive = it->empowered = CXM_UNSET;
  it->difficulties = 0;
  it->emotions = 0;
  it->id_len = it->employee_len = it->team_len = it->customer_len = 0;
  it->id[0] = it->employee[0] = it->team[0] = it->customer[0] = '\0';
}

static gboolean
has_control_character(const char *s, gsize len)
{
  for (gsize i = 0; i < len; i++) {
    guchar c = (guchar) s[i];
    if (c < 0x20 || c == 0x7f)
      return TRUE;
    /* C1 controls U+0080..U+009F are 0xC2 0x80..0x9F in UTF-8. */
    if (c == 0xc2 && i + 1 < len && (guchar) s[i + 1] <= 0x9f)
      return TRUE;
  }
  return FALSE;
}

gboolean
cxm_copy_string_field(char *dest, guint8 *dest_len, const char *key, const char *value,
                      gsize len, gboolean is_id, GError **error)
{
  if (len == 0 || len > CXM_MAX_STRING) {
    cxm_set_record_error(error, CXM_ERROR_RANGE, key,
                         "must be 1..%d bytes, got %" G_GSIZE_FORMAT, CXM_MAX_STRING,
                         len);
    return FALSE;
  }
  /* Most values are printable ASCII, which neither check below refuses. */
  if (!cxm_is_printable_ascii(value, len)) {
    /* A NUL (from "\u0000") is a control character, not bad UTF-8. */
    if (is_id ? has_control_character(value, len) : memchr(value, '\0', len) != NULL) {
      cxm_set_record_error(error, CXM_ERROR_FORMAT, key,
                           "must not contain control characters");
      return FALSE;
    }
    if (!cxm_utf8_validate(value, len, NULL)) {
      cxm_set_record_error(error, CXM_ERROR_INVALID_UTF8, key, "must be valid UTF-8");
      return FALSE;
    }
  }
  memcpy(dest, value, len);
  dest[len] = '\0';
  *dest_len = (guint8) len;
  return TRUE;
}

static gboolean
set_string(CxmInteraction *it, char *dest, guint8 *dest_len, const char *key,
           const char *value, gboolean is_id, GError **error)
{
  cxm_return_val_if_null(it, error, FALSE);
  if (value == NULL) {
    dest[0] = '\0';
    *dest_len = 0;
    return TRUE;
  }
  return cxm_copy_string_field(dest, dest_len, key, value, strlen(value), is_id, error);
}

gboolean
cxm_interaction_set_id(CxmInteraction *it, const char *id, GError **error)
{
  return set_string(it, it ? it->id : NULL, it ? &it->id_len : NULL, "id", id, TRUE,
                    error);
}

gboolean
cxm_interaction_set_employee(CxmInteraction *it, const char *employee, GError **error)
{
  return set_string(it, it ? it->employee : NULL, it ? &it->employee_len : NULL,
                    "employee", employee, FALSE, error);
}

gboolean
cxm_interaction_set_team(CxmInteraction *it, const char *team, GError **error)
{
  return set_string(it, it ? it->team : NULL, it ? &it->team_len : NULL, "team", team,
                    FALSE, error);
}

gboolean
cxm_interaction_set_customer(CxmInteraction *it, const char *customer, GError **error)
{
  return set_string(it, it ? it->customer : NULL, it ? &it->customer_len : NULL,
                    "customer", customer, FALSE, error);
}

gboolean
cxm_check_ts(gint64 unix_seconds, const char *written, GError **error)
{
  if (unix_seconds < 0 || unix_seconds > CXM_MAX_TS) {
    g_autofree char *got =
        written ? NULL : g_strdup_printf("%" G_GINT64_FORMAT, unix_seconds);
    cxm_set_record_error(error, CXM_ERROR_RANGE, "ts",
                         "must be within 1970-01-01..9999-12-31, got %s",
                         written ? written : got);
    return FALSE;
  }
  return TRUE;
}

gboolean
cxm_interaction_take_ts(CxmInteraction *it, gint64 unix_seconds, const char *written,
                        GError **error)
{
  if (!cxm_check_ts(unix_seconds, written, error))
    return FALSE;
  it->ts = unix_seconds;
  it->has_ts = TRUE;
  return TRUE;
}

gboolean
cxm_interaction_set_ts(CxmInteraction *it, gint64 unix_seconds, GError **error)
{
  cxm_return_val_if_null(it, error, FALSE);
  if (unix_seconds == CXM_UNSET) {
    it->has_ts = FALSE;
    it->ts = 0;
    return TRUE;
  }
  return cxm_interaction_take_ts(it, unix_seconds, NULL, error);
}

gboolean
cxm_interaction_set_ts_string(CxmInteraction *it, const char *rfc3339, GError **error)
{
  gint64 seconds;

  cxm_return_val_if_null(it, error, FALSE);
  if (rfc3339 == NULL) {
    it->has_ts = FALSE;
    it->ts = 0;
    return TRUE;
  }
  if (!cxm_parse_rfc3339(rfc3339, strlen(rfc3339), &seconds)) {
    char *quoted = g_strescape(rfc3339, NULL);
    cxm_set_record_error(error, CXM_ERROR_FORMAT, "ts",
                         "must be RFC 3339 with an offset, got \"%.40s\"", quoted);
    g_free(quoted);
    return FALSE;
  }
  return cxm_interaction_take_ts(it, seconds, NULL, error);
}

static void
set_enum_error(GError **error, const char *key, int value, int limit,
               const char *const *names)
{
  char *choices = cxm_enum_choices(names, limit);
  cxm_set_record_error(error, CXM_ERROR_INVALID_ARGUMENT, key,
                       "must be one of %s, got value %d", choices, value);
  g_free(choices);
}

/* An enum-valued field: @value in 0..@limit-1 or CXM_UNSET. */
static gboolean
set_enum(CxmInteraction *it, gint8 *slot, const char *key, int value, int limit,
         const char *const *names, GError **error)
{
  cxm_return_val_if_null(it, error, FALSE);
  if (value != CXM_UNSET && (value < 0 || value >= limit)) {
    set_enum_error(error, key, value, limit, names);
    return FALSE;
  }
  *slot = (gint8) value;
  return TRUE;
}

gboolean
cxm_interaction_set_channel(CxmInteraction *it, int channel, GError **error)
{
  return set_enum(it, it ? &it->channel : NULL, "channel", channel, CXM_CHANNEL_COUNT,
                  cxm_channel_names, error);
}

gboolean
cxm_interaction_set_level(CxmInteraction *it, int level, GError **error)
{
  return set_enum(it, it ? &it->level : NULL, "level", level, CXM_LEVEL_UNASSIGNED,
                  cxm_level_names, error);
}

gboolean
cxm_interaction_set_resolution(CxmInteraction *it, int resolution, GError **error)
{
  return set_enum(it, it ? &it->resolution : NULL, "resolution", resolution,
                  CXM_RESOLUTION_COUNT, cxm_resolution_names, error);
}

/* A set member: @value in 0..@limit-1, not already in *@set. */
static gboolean
add_to_set(CxmInteraction *it, guint *set, const char *key, int value, int limit,
           const char *const *names, GError **error)
{
  cxm_return_val_if_null(it, error, FALSE);
  if (value < 0 || value >= limit) {
    set_enum_error(error, key, value, limit, names);
    return FALSE;
  }
  if (*set & (1u << value)) {
    cxm_set_record_error(error, CXM_ERROR_DUPLICATE, key, "has a duplicate: \"%s\"",
                         names[value]);
    return FALSE;
  }
  *set |= 1u << value;
  return TRUE;
}

gboolean
cxm_interaction_add_difficulty(CxmInteraction *it, int difficulty, GError **error)
{
  guint set = it ? it->difficulties : 0;
  if (!add_to_set(it, &set, "difficulties", difficulty, CXM_DIFFICULTY_COUNT,
                  cxm_difficulty_names, error))
    return FALSE;
  it->difficulties = (guint16) set;
  return TRUE;
}

void
cxm_interaction_clear_difficulties(CxmInteraction *it)
{
  g_return_if_fail(it != NULL);
  it->difficulties = 0;
}

gboolean
cxm_interaction_add_emotion(CxmInteraction *it, int emotion, GError **error)
{
  guint set = it ? it->emotions : 0;
  if (!add_to_set(it, &set, "emotions", emotion, CXM_EMOTION_COUNT, cxm_emotion_names,
                  error))
    return FALSE;
  it->emotions = (guint8) set;
  return TRUE;
}

void
cxm_interaction_clear_emotions(CxmInteraction *it)
{
  g_return_if_fail(it != NULL);
  it->emotions = 0;
}

static const struct {
  const char *key;
  size_t offset;
  int min, max;
} scores[] = {
  [CXM_SCORE_CSAT] = { "csat", G_STRUCT_OFFSET(CxmInteraction, csat), 1, 5 },
  [CXM_SCORE_NPS] = { "nps", G_STRUCT_OFFSET(CxmInteraction, nps), 0, 10 },
  [CXM_SCORE_EFFORT] = { "effort", G_STRUCT_OFFSET(CxmInteraction, effort), 1, 7 },
  [CXM_SCORE_EMPLOYEE_SATISFACTION] = { "employee_satisfaction",
                                        G_STRUCT_OFFSET(CxmInteraction,
                                                        employee_satisfaction),
                                        1, 5 },
};

gboolean
cxm_interaction_take_score(CxmInteraction *it, CxmScoreField field, gint64 value,
                           const char *written, GError **error)
{
  if (value < scores[field].min || value > scores[field].max) {
    g_autofree char *got = written ? NULL : g_strdup_printf("%" G_GINT64_FORMAT, value);
    cxm_set_record_error(error, CXM_ERROR_RANGE, scores[field].key,
                         "must be an integer %d..%d, got %s", scores[field].min,
                         scores[field].max, written ? written : got);
    return FALSE;
  }
  G_STRUCT_MEMBER(gint8, it, scores[field].offset) = (gint8) value;
  return TRUE;
}

static gboolean
set_score(CxmInteraction *it, CxmScoreField field, int value, GError **error)
{
  cxm_return_val_if_null(it, error, FALSE);
  if (value == CXM_UNSET) {
    G_STRUCT_MEMBER(gint8, it, scores[field].offset) = CXM_UNSET;
    return TRUE;
  }
  return cxm_interaction_take_score(it, field, value, NULL, error);
}

gboolean
cxm_interaction_take_contact_number(CxmInteraction *it, gint64 contact_number,
                                    const char *written, GError **error)
{
  if (contact_number < 1) {
    g_autofree char *got =
        written ? NULL : g_strdup_printf("%" G_GINT64_FORMAT, contact_number);
    cxm_set_record_error(error, CXM_ERROR_RANGE, "contact_number",
                         "must be an integer >= 1, got %s", written ? written : got);
    return FALSE;
  }
  it->contact_number = contact_number;
  return TRUE;
}

gboolean
cxm_interaction_set_contact_number(CxmInteraction *it, gint64 contact_number,
                                   GError **error)
{
  cxm_return_val_if_null(it, error, FALSE);
  if (contact_number == CXM_UNSET) {
    it->contact_number = CXM_UNSET;
    return TRUE;
  }
  return cxm_interaction_take_contact_number(it, contact_number, NULL, error);
}

gboolean
cxm_interaction_set_csat(CxmInteraction *it, int csat, GError **error)
{
  return set_score(it, CXM_SCORE_CSAT, csat, error);
}

gboolean
cxm_interaction_set_nps(CxmInteraction *it, int nps, GError **error)
{
  return set_score(it, CXM_SCORE_NPS, nps, error);
}

gboolean
cxm_interaction_set_effort(CxmInteraction *it, int effort, GError **error)
{
  return set_score(it, CXM_SCORE_EFFORT, effort, error);
}

gboolean
cxm_interaction_set_employee_satisfaction(CxmInteraction *it, int satisfaction,
                                          GError **error)
{
  return set_score(it, CXM_SCORE_EMPLOYEE_SATISFACTION, satisfaction, error);
}

static gboolean
set_flag(CxmInteraction *it, gint8 *slot, const char *key, int value, GError **error)
{
  cxm_return_val_if_null(it, error, FALSE);
  if (value != CXM_UNSET && value != 0 && value != 1) {
    cxm_set_record_error(error, CXM_ERROR_INVALID_ARGUMENT, key,
                         "must be 0, 1 or CXM_UNSET, got %d", value);
    return FALSE;
  }
  *slot = (gint8) value;
  return TRUE;
}

gboolean
cxm_interaction_set_beyond_role(CxmInteraction *it, int value, GError **error)
{
  return set_flag(it, it ? &it->beyond_role : NULL, "beyond_role", value, error);
}

gboolean
cxm_interaction_set_proactive(CxmInteraction *it, int value, GError **error)
{
  return set_flag(it, it ? &it->proactive : NULL, "proactive", value, error);
}

gboolean
cxm_interaction_set_empowered(CxmInteraction *it, int value, GError **error)
{
  return set_flag(it, it ? &it->empowered : NULL, "empowered", value, error);
}

/* Getters: a NULL interaction is misuse, reported as GLib does. */
#define GETTER(Type, name, expr, absent)                    \
  Type cxm_interaction_get_##name(const CxmInteraction *it) \
  {                                                         \
    g_return_val_if_fail(it != NULL, (absent));             \
    return (expr);                                          \
  }

GETTER(const char *, id, it->id_len ? it->id : NULL, NULL)
GETTER(const char *, employee, it->employee_len ? it->employee : NULL, NULL)
GETTER(const char *, team, it->team_len ? it->team : NULL, NULL)
GETTER(const char *, customer, it->customer_len ? it->customer : NULL, NULL)
GETTER(gint64, ts, it->has_ts ? it->ts : CXM_UNSET, CXM_UNSET)
GETTER(int, channel, it->channel, CXM_UNSET)
GETTER(int, level, it->level, CXM_UNSET)
GETTER(int, resolution, it->resolution, CXM_UNSET)
GETTER(guint, difficulties, it->difficulties, 0)
GETTER(guint, emotions, it->emotions, 0)
GETTER(gint64, contact_number, it->contact_number, CXM_UNSET)
GETTER(int, csat, it->csat, CXM_UNSET)
GETTER(int, nps, it->nps, CXM_UNSET)
GETTER(int, effort, it->effort, CXM_UNSET)
GETTER(int, employee_satisfaction, it->employee_satisfaction, CXM_UNSET)
GETTER(int, beyond_role, it->beyond_role, CXM_UNSET)
GETTER(int, proactive, it->proactive, CXM_UNSET)
GETTER(int, empowered, it->empowered, CXM_UNSET)

gboolean
cxm_interaction_has_ts(const CxmInteraction *it)
{
  g_return_val_if_fail(it != NULL, FALSE);
  return it->has_ts;
}

const char *
cxm_interaction_missing_key(const CxmInteraction *it)
{
  if (it->id_len == 0)
    return "id";
  if (!it->has_ts)
    return "ts";
  if (it->channel == CXM_UNSET)
    return "channel";
  return NULL;
}
