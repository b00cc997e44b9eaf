/* One parsed JSON Lines record -> an interaction or a leadership event.
 * Values go through the interaction setters, so rules and messages are
 * shared with the C API; this file adds JSON type checks and key names. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "enums-private.h"
#include "error-private.h"
#include "json-text.h"
#include "record-json.h"
#include "timestamp.h"
#include "utf8.h"

typedef enum {
  F_UNKNOWN,
  F_ID,
  F_TS,
  F_CHANNEL,
  F_EMPLOYEE,
  F_TEAM,
  F_LEVEL,
  F_CUSTOMER,
  F_DIFFICULTIES,
  F_EMOTIONS,
  F_RESOLUTION,
  F_CONTACT_NUMBER,
  F_CSAT,
  F_NPS,
  F_EFFORT,
  F_EMPLOYEE_SATISFACTION,
  F_BEYOND_ROLE,
  F_PROACTIVE,
  F_EMPOWERED,
  F_KIND,
  F_TYPE,
  F_ACTOR,
  F_SUBJECT
} Field;

static const struct {
  const char *key;
  gsize len;
  Field field;
} fields[] = {
#define FIELD(name, field)       \
  {                              \
    name, sizeof name - 1, field \
  }
  FIELD("id", F_ID),
  FIELD("ts", F_TS),
  FIELD("channel", F_CHANNEL),
  FIELD("employee", F_EMPLOYEE),
  FIELD("team", F_TEAM),
  FIELD("level", F_LEVEL),
  FIELD("customer", F_CUSTOMER),
  FIELD("difficulties", F_DIFFICULTIES),
  FIELD("emotions", F_EMOTIONS),
  FIELD("resolution", F_RESOLUTION),
  FIELD("contact_number", F_CONTACT_NUMBER),
  FIELD("csat", F_CSAT),
  FIELD("nps", F_NPS),
  FIELD("effort", F_EFFORT),
  FIELD("employee_satisfaction", F_EMPLOYEE_SATISFACTION),
  FIELD("beyond_role", F_BEYOND_ROLE),
  FIELD("proactive", F_PROACTIVE),
  FIELD("empowered", F_EMPOWERED),
  FIELD("kind", F_KIND),
  FIELD("type", F_TYPE),
  FIELD("actor", F_ACTOR),
  FIELD("subject", F_SUBJECT),
#undef FIELD
};

/* take_interaction_field() maps the score fields onto CxmScoreField. */
G_STATIC_ASSERT(F_NPS - F_CSAT == CXM_SCORE_NPS &&
                F_EFFORT - F_CSAT == CXM_SCORE_EFFORT &&
                F_EMPLOYEE_SATISFACTION - F_CSAT == CXM_SCORE_EMPLOYEE_SATISFACTION);

/* Runs for every key of every record: compare lengths and first bytes
 * before the bytes themselves. */
static Field
field_of(const char *key)
{
  const gsize len = strlen(key);
  for (gsize i = 0; i < G_N_ELEMENTS(fields); i++)
    if (fields[i].len == len && fields[i].key[0] == key[0] &&
        memcmp(key, fields[i].key, len) == 0)
      return fields[i].field;
  return F_UNKNOWN;
}

static void
type_error(GError **error, const char *key, const char *expected, json_object *value)
{
  char *got = cxm_json_excerpt(value);
  cxm_set_record_error(error, CXM_ERROR_TYPE, key, "must be %s, got %s", expected, got);
  g_free(got);
}

static gboolean
take_string(const char *key, json_object *value, char *dest, guint8 *len, gboolean is_id,
            GError **error)
{
  if (!json_object_is_type(value, json_type_string)) {
    type_error(error, key, "a string", value);
    return FALSE;
  }
  return cxm_copy_string_field(dest, len, key, json_object_get_string(value),
                               (gsize) json_object_get_string_len(value), is_id, error);
}

/* A name from @names[0..@limit-1]. */
static gboolean
take_enum(const char *key, json_object *value, const char *const *names, int limit,
          int *out, GError **error)
{
  int found;

  if (!json_object_is_type(value, json_type_string)) {
    type_error(error, key, "a string", value);
    return FALSE;
  }
  found = cxm_name_lookup(names, json_object_get_string(value),
                          (gsize) json_object_get_string_len(value));
  if (found == CXM_UNSET || found >= limit) {
    char *choices = cxm_enum_choices(names, limit);
    char *got = cxm_json_excerpt(value);
    cxm_set_record_error(error, CXM_ERROR_ENUM, key, "must be one of %s, got %s", choices,
                         got);
    g_free(choices);
    g_free(got);
    return FALSE;
  }
  *out = found;
  return TRUE;
}

static gboolean
take_ts(json_object *value, gint64 *out, GError **error)
{
  switch (json_object_get_type(value)) {
  case json_type_string:
    if (!cxm_parse_rfc3339(json_object_get_string(value),
                           (gsize) json_object_get_string_len(value), out)) {
      char *got = cxm_json_excerpt(value);
      cxm_set_record_error(error, CXM_ERROR_FORMAT, "ts",
                           "must be RFC 3339 with an offset, got %s", got);
      g_free(got);
      return FALSE;
    }
    return TRUE;
  case json_type_int:
    *out = json_object_get_int64(value);
    return TRUE;
  case json_type_double: {
    /* Unix seconds may carry a fraction; it is dropped like RFC 3339's. */
    double seconds = json_object_get_double(value);
    if (!(seconds >= 0 && seconds <= (double) CXM_MAX_TS)) {
      char *got = cxm_json_excerpt(value);
      cxm_set_record_error(error, CXM_ERROR_RANGE, "ts",
                           "must be within 1970-01-01..9999-12-31, got %s", got);
      g_free(got);
      return FALSE;
    }
    *out = (gint64) floor(seconds);
    return TRUE;
  }
  default:
    type_error(error, "ts", "an RFC 3339 string or Unix seconds", value);
    return FALSE;
  }
}

static gboolean
take_integer(const char *key, json_object *value, gint64 *out, GError **error)
{
  if (!json_object_is_type(value, json_type_int)) {
    type_error(error, key, "an integer", value);
    return FALSE;
  }
  *out = json_object_get_int64(value);
  return TRUE;
}

static gboolean
take_flag(const char *key, json_object *value, int *out, GError **error)
{
  if (!json_object_is_type(value, json_type_boolean)) {
    type_error(error, key, "a boolean", value);
    return FALSE;
  }
  *out = json_object_get_boolean(value) ? 1 : 0;
  return TRUE;
}

/* difficulties / emotions: an array of distinct names. */
static gboolean
take_set(CxmInteraction *it, const char *key, json_object *value,
         const char *const *names, int limit,
         gboolean (*add)(CxmInteraction *, int, GError **), GError **error)
{
  if (!json_object_is_type(value, json_type_array)) {
    type_error(error, key, "an array of strings", value);
    return FALSE;
  }
  gsize n = json_object_array_length(value);
  for (gsize i = 0; i < n; i++) {
    json_object *item = json_object_array_get_idx(value, i);
    int member;
    if (!json_object_is_type(item, json_type_string)) {
      type_error(error, key, "an array of strings", value);
      return FALSE;
    }
    if (!take_enum(key, item, names, limit, &member, error) || !add(it, member, error))
      return FALSE;
  }
  return TRUE;
}

static gboolean
take_interaction_field(CxmInteraction *it, Field field, const char *key,
                       json_object *value, GError **error)
{
  gint64 number;
  int choice;

  switch (field) {
  case F_ID:
    return take_string(key, value, it->id, &it->id_len, TRUE, error);
  case F_EMPLOYEE:
    return take_string(key, value, it->employee, &it->employee_len, FALSE, error);
  case F_TEAM:
    return take_string(key, value, it->team, &it->team_len, FALSE, error);
  case F_CUSTOMER:
    return take_string(key, value, it->customer, &it->customer_len, FALSE, error);
  case F_TS:
    return take_ts(value, &number, error) && cxm_interaction_take_ts(it, number, error);
  case F_CHANNEL:
    return take_enum(key, value, cxm_channel_names, CXM_CHANNEL_COUNT, &choice, error) &&
           cxm_interaction_set_channel(it, choice, error);
  case F_LEVEL:
    return take_enum(key, value, cxm_level_names, CXM_LEVEL_UNASSIGNED, &choice, error) &&
           cxm_interaction_set_level(it, choice, error);
  case F_RESOLUTION:
    return take_enum(key, value, cxm_resolution_names, CXM_RESOLUTION_COUNT, &choice,
                     error) &&
           cxm_interaction_set_resolution(it, choice, error);
  case F_DIFFICULTIES:
    return take_set(it, key, value, cxm_difficulty_names, CXM_DIFFICULTY_COUNT,
                    cxm_interaction_add_difficulty, error);
  case F_EMOTIONS:
    return take_set(it, key, value, cxm_emotion_names, CXM_EMOTION_COUNT,
                    cxm_interaction_add_emotion, error);
  case F_CONTACT_NUMBER:
    return take_integer(key, value, &number, error) &&
           cxm_interaction_take_contact_number(it, number, error);
  case F_CSAT:
  case F_NPS:
  case F_EFFORT:
  case F_EMPLOYEE_SATISFACTION:
    return take_integer(key, value, &number, error) &&
           cxm_interaction_take_score(it, CXM_SCORE_CSAT + (field - F_CSAT), number,
                                      error);
  case F_BEYOND_ROLE:
    return take_flag(key, value, &choice, error) &&
           cxm_interaction_set_beyond_role(it, choice, error);
  case F_PROACTIVE:
    return take_flag(key, value, &choice, error) &&
           cxm_interaction_set_proactive(it, choice, error);
  case F_EMPOWERED:
    return take_flag(key, value, &choice, error) &&
           cxm_interaction_set_empowered(it, choice, error);
  default:
    return TRUE; /* unknown keys are ignored: forward compatibility */
  }
}

static gboolean
missing(GError **error, const char *key)
{
  cxm_set_record_error(error, CXM_ERROR_MISSING, key, "is required");
  return FALSE;
}

/* Leadership events: id, ts, type and actor required; team, level and
 * subject optional. Only the id (in @it, for a journal's duplicate check)
 * and the type are kept. */
static gboolean
take_leadership(json_object *obj, CxmInteraction *it, int *type, GError **error)
{
  char text[CXM_MAX_STRING + 1];
  guint8 len;
  gint64 ts;
  int choice;
  gboolean has_id = FALSE, has_ts = FALSE, has_actor = FALSE, ok = TRUE;

  *type = CXM_UNSET;
  json_object_object_foreach (obj, key, value) {
    if (value == NULL)
      continue;
    switch (field_of(key)) {
    case F_ID:
      ok = has_id = take_string(key, value, it->id, &it->id_len, TRUE, error);
      break;
    case F_TS:
      ok = has_ts = take_ts(value, &ts, error) && cxm_check_ts(ts, error);
      break;
    case F_TYPE:
      ok = take_enum(key, value, cxm_leadership_type_names, CXM_LEADERSHIP_COUNT, type,
                     error);
      break;
    case F_ACTOR:
      ok = has_actor = take_string(key, value, text, &len, FALSE, error);
      break;
    case F_TEAM:
    case F_SUBJECT:
      ok = take_string(key, value, text, &len, FALSE, error);
      break;
    case F_LEVEL:
      ok = take_enum(key, value, cxm_level_names, CXM_LEVEL_UNASSIGNED, &choice, error);
      break;
    default:
      break;
    }
    if (!ok)
      return FALSE;
  }
  if (!has_id)
    return missing(error, "id");
  if (!has_ts)
    return missing(error, "ts");
  if (*type == CXM_UNSET)
    return missing(error, "type");
  if (!has_actor)
    return missing(error, "actor");
  return TRUE;
}

gboolean
cxm_record_from_json(json_object *obj, CxmInteraction *it, CxmRecord *record,
                     GError **error)
{
  static const char *const kind_names[] = { "interaction", "leadership", NULL };
  json_object *kind_value;
  int record_kind = CXM_RECORD_INTERACTION;
  const char *absent;

  if (!json_object_is_type(obj, json_type_object)) {
    char *got = cxm_json_excerpt(obj);
    g_set_error(error, CXM_ERROR, CXM_ERROR_NOT_OBJECT,
                "record must be a JSON object, got %s", got);
    g_free(got);
    return FALSE;
  }
  if (json_object_object_get_ex(obj, "kind", &kind_value) && kind_value != NULL &&
      !take_enum("kind", kind_value, kind_names, 2, &record_kind, error))
    return FALSE;
  record->kind = record_kind;
  record->leadership_type = CXM_UNSET;
  record->it = it;
  record->json = obj;
  cxm_interaction_reset(it);
  if (record_kind == CXM_RECORD_LEADERSHIP)
    return take_leadership(obj, it, &record->leadership_type, error);

  json_object_object_foreach (obj, name, value) {
    /* null means absent */
    if (value != NULL && !take_interaction_field(it, field_of(name), name, value, error))
      return FALSE;
  }
  absent = cxm_interaction_missing_key(it);
  return absent == NULL || missing(error, absent);
}

/* ---- one line of text -> a JSON value --------------------------------- */

void
cxm_set_too_long_error(GError **error)
{
  g_set_error(error, CXM_ERROR, CXM_ERROR_TOO_LONG, "line longer than %u bytes",
              CXM_MAX_LINE);
}

json_tokener *
cxm_record_tokener_new(void)
{
  /* json-c's limit bounds its recursion; it does not count an empty
   * innermost container, so exceeds_depth() has the last word. UTF-8 is
   * validated beforehand: json-c's own check lets surrogates, overlong
   * forms and code points above U+10FFFF through. */
  json_tokener *tok = json_tokener_new_ex(CXM_MAX_DEPTH + 1);
  json_tokener_set_flags(tok, JSON_TOKENER_STRICT);
  return tok;
}

/* TRUE when @value nests deeper than @limit levels (a scalar is 0 deep,
 * an empty container 1). */
static gboolean
exceeds_depth(json_object *value, int limit)
{
  if (json_object_is_type(value, json_type_object)) {
    if (limit < 1)
      return TRUE;
    json_object_object_foreach (value, key, member) {
      (void) key;
      if (exceeds_depth(member, limit - 1))
        return TRUE;
    }
  } else if (json_object_is_type(value, json_type_array)) {
    if (limit < 1)
      return TRUE;
    for (gsize i = 0, n = json_object_array_length(value); i < n; i++)
      if (exceeds_depth(json_object_array_get_idx(value, i), limit - 1))
        return TRUE;
  }
  return FALSE;
}

static json_object *
too_deep(json_object *obj, GError **error)
{
  json_object_put(obj);
  g_set_error(error, CXM_ERROR, CXM_ERROR_TOO_DEEP, "JSON nested deeper than %d levels",
              CXM_MAX_DEPTH);
  return NULL;
}

json_object *
cxm_record_parse(json_tokener *tok, const char *text, gsize len, GError **error)
{
  json_object *obj;
  enum json_tokener_error jerr;
  const char *bad;
  gsize end;

  if (len > CXM_MAX_LINE) {
    cxm_set_too_long_error(error);
    return NULL;
  }
  if (!cxm_utf8_validate(text, len, &bad)) {
    g_set_error(error, CXM_ERROR, CXM_ERROR_INVALID_UTF8,
                "invalid UTF-8 (byte %" G_GSIZE_FORMAT ")", (gsize) (bad - text) + 1);
    return NULL;
  }
  json_tokener_reset(tok);
  obj = json_tokener_parse_ex(tok, text, (int) len);
  jerr = json_tokener_get_error(tok);
  end = json_tokener_get_parse_end(tok);
  if (obj == NULL && jerr == json_tokener_continue) {
    /* A top-level number or literal only ends at a delimiter. */
    obj = json_tokener_parse_ex(tok, " ", 1);
    jerr = json_tokener_get_error(tok);
    end = len;
    if (obj == NULL && jerr == json_tokener_continue) {
      g_set_error(error, CXM_ERROR, CXM_ERROR_INVALID_JSON,
                  "invalid JSON: unexpected end of line");
      return NULL;
    }
  }
  if (jerr == json_tokener_error_depth)
    return too_deep(NULL, error);
  if (jerr != json_tokener_success) {
    g_set_error(error, CXM_ERROR, CXM_ERROR_INVALID_JSON,
                "invalid JSON: %s (byte %" G_GSIZE_FORMAT ")",
                json_tokener_error_desc(jerr), json_tokener_get_parse_end(tok) + 1);
    return NULL;
  }
  if (obj == NULL) {
    /* json-c represents a JSON null as a NULL object. */
    g_set_error(error, CXM_ERROR, CXM_ERROR_NOT_OBJECT,
                "record must be a JSON object, got null");
    return NULL;
  }
  while (end < len && g_ascii_isspace(text[end]))
    end++;
  if (end < len) {
    json_object_put(obj);
    g_set_error(error, CXM_ERROR, CXM_ERROR_INVALID_JSON,
                "invalid JSON: unexpected text after the record (byte %" G_GSIZE_FORMAT
                ")",
                end + 1);
    return NULL;
  }
  if (exceeds_depth(obj, CXM_MAX_DEPTH))
    return too_deep(obj, error);
  return obj;
}

CxmInteraction *
cxm_interaction_new_from_json(const char *json, gssize length, GError **error)
{
  json_tokener *tok;
  json_object *obj;
  CxmInteraction *it;
  CxmRecord record;

  cxm_return_val_if_null(json, error, NULL);
  tok = cxm_record_tokener_new();
  obj = cxm_record_parse(tok, json, length < 0 ? strlen(json) : (gsize) length, error);
  json_tokener_free(tok);
  if (obj == NULL)
    return NULL;
  it = cxm_interaction_new();
  if (!cxm_record_from_json(obj, it, &record, error)) {
    cxm_interaction_free(it);
    it = NULL;
  } else if (record.kind == CXM_RECORD_LEADERSHIP) {
    cxm_set_record_error(error, CXM_ERROR_INVALID_ARGUMENT, "kind",
                         "must be interaction here, got \"leadership\"");
    cxm_interaction_free(it);
    it = NULL;
  }
  json_object_put(obj);
  return it;
}

/* ---- an interaction -> JSON ------------------------------------------ */

static void
add_string(json_object *obj, const char *key, const char *value, guint8 len)
{
  if (len > 0)
    json_object_object_add(obj, key, json_object_new_string_len(value, len));
}

static void
add_enum(json_object *obj, const char *key, const char *const *names, int value)
{
  if (value != CXM_UNSET)
    json_object_object_add(obj, key, json_object_new_string(names[value]));
}

static void
add_flags(json_object *obj, const char *key, const char *const *names, int count,
          guint bits)
{
  json_object *array;

  if (bits == 0)
    return;
  array = json_object_new_array();
  for (int i = 0; i < count; i++)
    if (bits & (1u << i))
      json_object_array_add(array, json_object_new_string(names[i]));
  json_object_object_add(obj, key, array);
}

static void
add_int(json_object *obj, const char *key, gint64 value)
{
  if (value != CXM_UNSET)
    json_object_object_add(obj, key, json_object_new_int64(value));
}

static void
add_bool(json_object *obj, const char *key, int value)
{
  if (value != CXM_UNSET)
    json_object_object_add(obj, key, json_object_new_boolean(value));
}

json_object *
cxm_interaction_to_json_object(const CxmInteraction *it)
{
  json_object *obj = json_object_new_object();

  add_string(obj, "id", it->id, it->id_len);
  if (it->has_ts) {
    g_autoptr(GDateTime) t = g_date_time_new_from_unix_utc(it->ts);
    g_autofree char *text = g_date_time_format(t, "%Y-%m-%dT%H:%M:%SZ");
    json_object_object_add(obj, "ts", json_object_new_string(text));
  }
  add_enum(obj, "channel", cxm_channel_names, it->channel);
  add_string(obj, "employee", it->employee, it->employee_len);
  add_string(obj, "team", it->team, it->team_len);
  add_enum(obj, "level", cxm_level_names, it->level);
  add_string(obj, "customer", it->customer, it->customer_len);
  add_flags(obj, "difficulties", cxm_difficulty_names, CXM_DIFFICULTY_COUNT,
            it->difficulties);
  add_flags(obj, "emotions", cxm_emotion_names, CXM_EMOTION_COUNT, it->emotions);
  add_enum(obj, "resolution", cxm_resolution_names, it->resolution);
  add_int(obj, "contact_number", it->contact_number);
  add_int(obj, "csat", it->csat);
  add_int(obj, "nps", it->nps);
  add_int(obj, "effort", it->effort);
  add_int(obj, "employee_satisfaction", it->employee_satisfaction);
  add_bool(obj, "beyond_role", it->beyond_role);
  add_bool(obj, "proactive", it->proactive);
  add_bool(obj, "empowered", it->empowered);
  return obj;
}

char *
cxm_interaction_to_json(const CxmInteraction *it)
{
  json_object *obj;
  char *text;

  g_return_val_if_fail(it != NULL, NULL);
  obj = cxm_interaction_to_json_object(it);
  text = g_strdup(json_object_to_json_string_ext(obj, CXM_JSON_LINE));
  json_object_put(obj);
  return text;
}

void
cxm_record_to_line(const CxmRecord *record, GString *line)
{
  json_object *own = record->json ? NULL : cxm_interaction_to_json_object(record->it);

  g_string_assign(line, json_object_to_json_string_ext(record->json ? record->json : own,
                                                       CXM_JSON_LINE));
  g_string_append_c(line, '\n');
  json_object_put(own);
}
