/* SPDX-License-Identifier: MIT */
/* Policy: thresholds, their validation, JSON loading and the fingerprint. */
#include "config.h"

#include <json-c/json.h>
#include <math.h>
#include <stddef.h>
#include <string.h>

#include "error-private.h"
#include "limits.h"
#include "policy-private.h"

#define MAX_NAME 64

/* One numeric setting. Integer settings are ints in the struct; z is the
 * only double. @lower names the threshold that must stay below this one
 * (or equal it, with @may_equal). A setting @added after the first
 * snapshot format enters the fingerprint only when it is not its default,
 * so that the fingerprints of policies that leave it alone, and the
 * snapshots made under them, stay what they were. */
typedef struct {
  const char *key;
  size_t offset;
  gboolean is_double;
  double min, max, def;
  const char *lower;
  gboolean may_equal, added;
} Setting;

#define INT_SETTING(field, lo, hi, d, below)                                  \
  {                                                                           \
#field, offsetof(CxmPolicy, field), FALSE, lo, hi, d, below, FALSE, FALSE \
  }

static const Setting settings[] = {
  INT_SETTING(csat_positive_min, 1, 5, 4, "csat_negative_max"),
  INT_SETTING(csat_negative_max, 1, 5, 2, NULL),
  INT_SETTING(nps_positive_min, 0, 10, 9, "nps_negative_max"),
  INT_SETTING(nps_negative_max, 0, 10, 6, NULL),
  INT_SETTING(effort_positive_min, 1, 7, 5, "effort_negative_max"),
  INT_SETTING(effort_negative_max, 1, 7, 3, NULL),
  INT_SETTING(employee_hurt_max, 1, 5, 2, NULL),
  INT_SETTING(employee_satisfied_min, 1, 5, 4, NULL),
  INT_SETTING(delighted_csat_min, 1, 5, 5, NULL),
  INT_SETTING(delighted_nps_min, 0, 10, 9, NULL),
  { "z", offsetof(CxmPolicy, z), TRUE, 0, 10, 1.959964, NULL, FALSE, FALSE },
  INT_SETTING(min_sample, 0, G_MAXINT32, 30, NULL),
  INT_SETTING(min_group, 0, G_MAXINT32, 0, NULL),
  /* Leadership cadence (SPEC section 5a): a team-week meets the weekly
   * cadence with purpose huddles on at least huddle_days_min days. */
  { "huddle_days_min", offsetof(CxmPolicy, huddle_days_min), FALSE, 1, 7, 1, NULL, FALSE,
    TRUE },
  { "huddle_days_target", offsetof(CxmPolicy, huddle_days_target), FALSE, 1, 7, 5,
    "huddle_days_min", TRUE, TRUE },
};

static const Setting *
find_setting(const char *key)
{
  for (gsize i = 0; i < G_N_ELEMENTS(settings); i++)
    if (strcmp(settings[i].key, key) == 0)
      return &settings[i];
  return NULL;
}

static double
setting_value(const CxmPolicy *policy, const Setting *s)
{
  const char *base = (const char *) policy + s->offset;
  return s->is_double ? *(const double *) base : *(const int *) base;
}

static void
store_setting(CxmPolicy *policy, const Setting *s, double value)
{
  char *base = (char *) policy + s->offset;
  if (s->is_double)
    *(double *) base = value;
  else
    *(int *) base = (int) value;
}

/* Range and integrality of one value; the policy is not touched. */
static gboolean
check_setting(const Setting *s, double value, GError **error)
{
  if (s->is_double) {
    /* z is in (min, max]: a zero-width interval is no interval. */
    if (!(value > s->min && value <= s->max)) {
      g_set_error(error, CXM_ERROR, CXM_ERROR_POLICY,
                  "%s must be a number above %g and at most %g, got %g", s->key, s->min,
                  s->max, value);
      return FALSE;
    }
  } else if (!(value >= s->min && value <= s->max) || value != floor(value)) {
    if (s->max == G_MAXINT32)
      g_set_error(error, CXM_ERROR, CXM_ERROR_POLICY,
                  "%s must be an integer >= %g, got %g", s->key, s->min, value);
    else
      g_set_error(error, CXM_ERROR, CXM_ERROR_POLICY,
                  "%s must be an integer %g..%g, got %g", s->key, s->min, s->max, value);
    return FALSE;
  }
  return TRUE;
}

/* Every verdict needs its negative band strictly below its positive one;
 * the weekly cadence is at most the daily one. */
static gboolean
check_consistency(const CxmPolicy *policy, GError **error)
{
  for (gsize i = 0; i < G_N_ELEMENTS(settings); i++) {
    const Setting *upper = &settings[i], *lower;
    if (upper->lower == NULL)
      continue;
    lower = find_setting(upper->lower);
    if (upper->may_equal ? setting_value(policy, lower) > setting_value(policy, upper)
                         : setting_value(policy, lower) >= setting_value(policy, upper)) {
      g_set_error(error, CXM_ERROR, CXM_ERROR_POLICY, "%s (%g) must be %s %s (%g)",
                  lower->key, setting_value(policy, lower),
                  upper->may_equal ? "at most" : "below", upper->key,
                  setting_value(policy, upper));
      return FALSE;
    }
  }
  return TRUE;
}

static gint
compare_names(gconstpointer a, gconstpointer b, gpointer data)
{
  (void) data;
  return strcmp(*(const char *const *) a, *(const char *const *) b);
}

/* The teams with a zone of their own, sorted (NULL-terminated; the names
 * are the policy's); NULL when none. */
static const char **
team_zone_names(const CxmPolicy *policy)
{
  if (policy->team_zones == NULL)
    return NULL;
  const char **names =
      (const char **) g_hash_table_get_keys_as_array(policy->team_zones, NULL);
  g_qsort_with_data(names, (gint) g_hash_table_size(policy->team_zones), sizeof *names,
                    compare_names, NULL);
  return names;
}

static void
update_fingerprint(CxmPolicy *policy)
{
  GChecksum *sum = g_checksum_new(G_CHECKSUM_SHA256);
  for (gsize i = 0; i < G_N_ELEMENTS(settings); i++) {
    if (settings[i].added && setting_value(policy, &settings[i]) == settings[i].def)
      continue;
    /* %.17g round-trips a double exactly. */
    char *item = g_strdup_printf("%s=%.17g;", settings[i].key,
                                 setting_value(policy, &settings[i]));
    g_checksum_update(sum, (const guchar *) item, -1);
    g_free(item);
  }
  /* Zones, like the settings added later, enter only when set: the
   * fingerprint of a UTC policy is what it was before zones. */
  if (policy->zone != NULL) {
    g_checksum_update(sum, (const guchar *) "time_zone=", -1);
    g_checksum_update(sum, (const guchar *) cxm_zone_get_identifier(policy->zone), -1);
    g_checksum_update(sum, (const guchar *) ";", 1);
  }
  g_autofree const char **teams = team_zone_names(policy);
  for (const char **team = teams; team != NULL && *team != NULL; team++) {
    /* The team is JSON-escaped so that no name can forge another's item. */
    json_object *name = json_object_new_string(*team);
    char *item = g_strdup_printf(
        "time_zone[%s]=%s;", json_object_to_json_string(name),
        cxm_zone_get_identifier(g_hash_table_lookup(policy->team_zones, *team)));
    g_checksum_update(sum, (const guchar *) item, -1);
    g_free(item);
    json_object_put(name);
  }
  g_strlcpy(policy->fingerprint, g_checksum_get_string(sum), sizeof policy->fingerprint);
  g_checksum_free(sum);
}

CxmPolicy *
cxm_policy_new(void)
{
  CxmPolicy *policy = g_new0(CxmPolicy, 1);
  policy->name = g_strdup("default");
  for (gsize i = 0; i < G_N_ELEMENTS(settings); i++)
    store_setting(policy, &settings[i], settings[i].def);
  update_fingerprint(policy);
  return policy;
}

const CxmPolicy *
cxm_policy_default(void)
{
  static CxmPolicy *defaults;
  if (g_once_init_enter(&defaults))
    g_once_init_leave(&defaults, cxm_policy_new());
  return defaults;
}

static GHashTable *
new_team_zones(void)
{
  return g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                               (GDestroyNotify) cxm_zone_unref);
}

CxmPolicy *
cxm_policy_copy(const CxmPolicy *policy)
{
  if (policy == NULL)
    return NULL;
  CxmPolicy *copy = g_memdup2(policy, sizeof *policy);
  copy->name = g_strdup(policy->name);
  if (policy->zone != NULL)
    cxm_zone_ref(policy->zone);
  if (policy->team_zones != NULL) {
    GHashTableIter iter;
    gpointer team, zone;
    copy->team_zones = new_team_zones();
    g_hash_table_iter_init(&iter, policy->team_zones);
    while (g_hash_table_iter_next(&iter, &team, &zone))
      g_hash_table_insert(copy->team_zones, g_strdup(team), cxm_zone_ref(zone));
  }
  return copy;
}

void
cxm_policy_free(CxmPolicy *policy)
{
  if (policy == NULL)
    return;
  g_free(policy->name);
  cxm_zone_unref(policy->zone);
  if (policy->team_zones != NULL)
    g_hash_table_unref(policy->team_zones);
  g_free(policy);
}

gboolean
cxm_policy_set(CxmPolicy *policy, const char *key, double value, GError **error)
{
  const Setting *s;
  CxmPolicy trial;

  cxm_return_val_if_null(policy, error, FALSE);
  cxm_return_val_if_null(key, error, FALSE);
  s = find_setting(key);
  if (s == NULL) {
    g_set_error(error, CXM_ERROR, CXM_ERROR_POLICY, "unknown policy key \"%s\"", key);
    return FALSE;
  }
  if (!check_setting(s, value, error))
    return FALSE;
  trial = *policy;
  store_setting(&trial, s, value);
  if (!check_consistency(&trial, error))
    return FALSE;
  store_setting(policy, s, value);
  update_fingerprint(policy);
  return TRUE;
}

gboolean
cxm_policy_get(const CxmPolicy *policy, const char *key, double *value, GError **error)
{
  const Setting *s;

  cxm_return_val_if_null(policy, error, FALSE);
  cxm_return_val_if_null(key, error, FALSE);
  cxm_return_val_if_null(value, error, FALSE);
  s = find_setting(key);
  if (s == NULL) {
    g_set_error(error, CXM_ERROR, CXM_ERROR_POLICY, "unknown policy key \"%s\"", key);
    return FALSE;
  }
  *value = setting_value(policy, s);
  return TRUE;
}

static gboolean
check_name(const char *name, gsize len, GError **error)
{
  if (len == 0 || len > MAX_NAME || !g_utf8_validate_len(name, len, NULL) ||
      memchr(name, '\0', len) != NULL) {
    g_set_error(error, CXM_ERROR, CXM_ERROR_POLICY, "name must be 1..%d bytes of UTF-8",
                MAX_NAME);
    return FALSE;
  }
  return TRUE;
}

gboolean
cxm_policy_set_name(CxmPolicy *policy, const char *name, GError **error)
{
  cxm_return_val_if_null(policy, error, FALSE);
  cxm_return_val_if_null(name, error, FALSE);
  if (!check_name(name, strlen(name), error))
    return FALSE;
  g_free(policy->name);
  policy->name = g_strdup(name);
  return TRUE;
}

const char *
cxm_policy_get_name(const CxmPolicy *policy)
{
  g_return_val_if_fail(policy != NULL, NULL);
  return policy->name;
}

/* Sets @team's zone (NULL: the default) to @zone (transfer full; NULL:
 * none); cannot fail. */
static void
store_time_zone(CxmPolicy *policy, const char *team, CxmZone *zone)
{
  if (team == NULL) {
    cxm_zone_unref(policy->zone);
    policy->zone = zone;
    return;
  }
  if (zone != NULL) {
    if (policy->team_zones == NULL)
      policy->team_zones = new_team_zones();
    g_hash_table_insert(policy->team_zones, g_strdup(team), zone);
  } else if (policy->team_zones != NULL) {
    g_hash_table_remove(policy->team_zones, team);
    if (g_hash_table_size(policy->team_zones) == 0)
      g_clear_pointer(&policy->team_zones, g_hash_table_unref);
  }
}

/* The zone @identifier names; NULL for none, and for a default of UTC,
 * which needs no lookup (a team's UTC is a zone: it overrides the
 * default). FALSE after an error. */
static gboolean
read_time_zone(const char *identifier, gboolean is_default, CxmZone **zone,
               GError **error)
{
  *zone = NULL;
  if (identifier == NULL || (is_default && strcmp(identifier, "UTC") == 0))
    return TRUE;
  *zone = cxm_zone_new(identifier, error);
  return *zone != NULL;
}

static gboolean
check_team(const char *team, gsize len, GError **error)
{
  if (len == 0 || !g_utf8_validate_len(team, len, NULL) ||
      memchr(team, '\0', len) != NULL) {
    g_set_error(error, CXM_ERROR, CXM_ERROR_POLICY,
                "a team's time zone needs a team name of UTF-8, got \"%s\"", team);
    return FALSE;
  }
  return TRUE;
}

gboolean
cxm_policy_set_time_zone(CxmPolicy *policy, const char *team, const char *zone,
                         GError **error)
{
  CxmZone *read;

  cxm_return_val_if_null(policy, error, FALSE);
  if ((team != NULL && !check_team(team, strlen(team), error)) ||
      !read_time_zone(zone, team == NULL, &read, error))
    return FALSE;
  store_time_zone(policy, team, read);
  update_fingerprint(policy);
  return TRUE;
}

const char *
cxm_policy_get_time_zone(const CxmPolicy *policy, const char *team)
{
  const CxmZone *zone;

  g_return_val_if_fail(policy != NULL, NULL);
  zone = policy->zone;
  if (team != NULL && policy->team_zones != NULL &&
      g_hash_table_contains(policy->team_zones, team))
    zone = g_hash_table_lookup(policy->team_zones, team);
  return zone != NULL ? cxm_zone_get_identifier(zone) : "UTC";
}

const char *
cxm_policy_get_fingerprint(const CxmPolicy *policy)
{
  g_return_val_if_fail(policy != NULL, NULL);
  return policy->fingerprint;
}

char *
cxm_policy_to_json(const CxmPolicy *policy)
{
  g_return_val_if_fail(policy != NULL, NULL);
  json_object *obj = json_object_new_object();
  json_object_object_add(obj, "name", json_object_new_string(policy->name));
  for (gsize i = 0; i < G_N_ELEMENTS(settings); i++) {
    double v = setting_value(policy, &settings[i]);
    json_object_object_add(obj, settings[i].key,
                           settings[i].is_double ? json_object_new_double(v)
                                                 : json_object_new_int64((gint64) v));
  }
  if (policy->zone != NULL)
    json_object_object_add(
        obj, "time_zone", json_object_new_string(cxm_zone_get_identifier(policy->zone)));
  g_autofree const char **teams = team_zone_names(policy);
  if (teams != NULL) {
    json_object *zones = json_object_new_object();
    for (const char **team = teams; *team != NULL; team++)
      json_object_object_add(zones, *team,
                             json_object_new_string(cxm_zone_get_identifier(
                                 g_hash_table_lookup(policy->team_zones, *team))));
    json_object_object_add(obj, "team_time_zones", zones);
  }
  char *text = g_strdup(json_object_to_json_string_ext(
      obj, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED | JSON_C_TO_STRING_NOSLASHESCAPE));
  json_object_put(obj);
  return text;
}

static const char *
json_type_article(json_type type)
{
  switch (type) {
  case json_type_string:
    return "a string";
  case json_type_int:
    return "an integer";
  case json_type_double:
    return "a number";
  case json_type_boolean:
    return "a boolean";
  case json_type_array:
    return "an array";
  case json_type_object:
    return "an object";
  default:
    return "null";
  }
}

/* "time_zone": "Area/City", or "team_time_zones": {"TEAM": "Area/City"}. */
static gboolean
apply_json_time_zones(CxmPolicy *policy, const char *key, json_object *value,
                      GError **error)
{
  CxmZone *zone;

  if (strcmp(key, "time_zone") == 0) {
    if (!json_object_is_type(value, json_type_string)) {
      g_set_error(error, CXM_ERROR, CXM_ERROR_POLICY, "time_zone must be a string, got %s",
                  json_type_article(json_object_get_type(value)));
      return FALSE;
    }
    if (!read_time_zone(json_object_get_string(value), TRUE, &zone, error))
      return FALSE;
    store_time_zone(policy, NULL, zone);
    return TRUE;
  }
  if (!json_object_is_type(value, json_type_object)) {
    g_set_error(error, CXM_ERROR, CXM_ERROR_POLICY,
                "team_time_zones must be an object of team: zone, got %s",
                json_type_article(json_object_get_type(value)));
    return FALSE;
  }
  json_object_object_foreach (value, team, zone_value) {
    if (!check_team(team, strlen(team), error))
      return FALSE;
    if (!json_object_is_type(zone_value, json_type_string)) {
      g_set_error(error, CXM_ERROR, CXM_ERROR_POLICY,
                  "team_time_zones: \"%s\" must be a string, got %s", team,
                  json_type_article(json_object_get_type(zone_value)));
      return FALSE;
    }
    if (!read_time_zone(json_object_get_string(zone_value), FALSE, &zone, error)) {
      g_prefix_error(error, "team_time_zones: \"%s\": ", team);
      return FALSE;
    }
    store_time_zone(policy, team, zone);
  }
  return TRUE;
}

/* Applies one key of a policy file to @policy (consistency is checked once
 * all keys are in, since the file's key order is arbitrary). */
static gboolean
apply_json_key(CxmPolicy *policy, const char *key, json_object *value, GError **error)
{
  json_type type = json_object_get_type(value);
  const Setting *s;

  if (strcmp(key, "name") == 0) {
    if (type != json_type_string) {
      g_set_error(error, CXM_ERROR, CXM_ERROR_POLICY, "name must be a string, got %s",
                  json_type_article(type));
      return FALSE;
    }
    if (!check_name(json_object_get_string(value), json_object_get_string_len(value),
                    error))
      return FALSE;
    g_free(policy->name);
    policy->name = g_strdup(json_object_get_string(value));
    return TRUE;
  }
  if (strcmp(key, "time_zone") == 0 || strcmp(key, "team_time_zones") == 0)
    return apply_json_time_zones(policy, key, value, error);
  s = find_setting(key);
  if (s == NULL) {
    g_set_error(error, CXM_ERROR, CXM_ERROR_POLICY, "unknown policy key \"%s\"", key);
    return FALSE;
  }
  if (type != json_type_int && !(type == json_type_double && s->is_double)) {
    g_set_error(error, CXM_ERROR, CXM_ERROR_POLICY, "%s must be %s, got %s", key,
                s->is_double ? "a number" : "an integer", json_type_article(type));
    return FALSE;
  }
  if (!check_setting(s, json_object_get_double(value), error))
    return FALSE;
  store_setting(policy, s, json_object_get_double(value));
  return TRUE;
}

CxmPolicy *
cxm_policy_new_from_data(const char *json, gssize length, GError **error)
{
  enum json_tokener_error jerr;
  json_tokener *tok;
  json_object *root;
  CxmPolicy *policy;
  gsize len, end;

  cxm_return_val_if_null(json, error, NULL);
  len = length < 0 ? strlen(json) : (gsize) length;
  if (len > CXM_MAX_LINE) {
    g_set_error(error, CXM_ERROR, CXM_ERROR_POLICY, "policy longer than %u bytes",
                CXM_MAX_LINE);
    return NULL;
  }
  if (!g_utf8_validate_len(json, len, NULL)) {
    g_set_error(error, CXM_ERROR, CXM_ERROR_POLICY, "policy is not valid UTF-8");
    return NULL;
  }
  /* A policy is one flat object; the depth limit only bounds recursion. */
  tok = json_tokener_new_ex(CXM_MAX_DEPTH + 1);
  json_tokener_set_flags(tok, JSON_TOKENER_STRICT);
  root = json_tokener_parse_ex(tok, json, (int) len);
  jerr = json_tokener_get_error(tok);
  end = json_tokener_get_parse_end(tok);
  json_tokener_free(tok);
  while (end < len && g_ascii_isspace(json[end]))
    end++;
  if (jerr != json_tokener_success || end < len) {
    g_set_error(error, CXM_ERROR, CXM_ERROR_POLICY, "policy is not valid JSON: %s",
                jerr == json_tokener_continue  ? "unexpected end of data"
                : jerr != json_tokener_success ? json_tokener_error_desc(jerr)
                                               : "unexpected text after the object");
    json_object_put(root);
    return NULL;
  }
  if (!json_object_is_type(root, json_type_object)) {
    g_set_error(error, CXM_ERROR, CXM_ERROR_POLICY,
                "policy must be a JSON object, got %s",
                json_type_article(json_object_get_type(root)));
    json_object_put(root);
    return NULL;
  }

  policy = cxm_policy_new();
  json_object_object_foreach (root, key, value) {
    if (!apply_json_key(policy, key, value, error)) {
      cxm_policy_free(policy);
      json_object_put(root);
      return NULL;
    }
  }
  json_object_put(root);
  if (!check_consistency(policy, error)) {
    cxm_policy_free(policy);
    return NULL;
  }
  update_fingerprint(policy);
  return policy;
}

CxmPolicy *
cxm_policy_new_from_file(const char *path, GError **error)
{
  char *contents = NULL;
  gsize length = 0;
  GError *local = NULL;
  CxmPolicy *policy;

  cxm_return_val_if_null(path, error, NULL);
  if (!g_file_get_contents(path, &contents, &length, &local)) {
    g_set_error(error, CXM_ERROR, CXM_ERROR_IO, "%s", local->message);
    g_error_free(local);
    return NULL;
  }
  policy = cxm_policy_new_from_data(contents, (gssize) length, error);
  g_free(contents);
  if (policy == NULL)
    g_prefix_error(error, "%s: ", path);
  return policy;
}
