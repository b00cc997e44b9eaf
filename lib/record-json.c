/* SPDX-License-Identifier: MIT */
/* Records as JSON text: an interaction as one JSON Lines record, and a
 * record as one journal line. Reading them is record-parse.cc's. */
#include "config.h"

#include "enums-private.h"
#include "json-text.h"
#include "record-json.h"

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
  if (record->text != NULL) {
    cxm_record_to_compact(record, line);
    g_string_append_c(line, '\n');
    return;
  }
  json_object *obj = cxm_interaction_to_json_object(record->it);
  g_string_assign(line, json_object_to_json_string_ext(obj, CXM_JSON_LINE));
  g_string_append_c(line, '\n');
  json_object_put(obj);
}
