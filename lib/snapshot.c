/* Snapshots: a recorder's sums as JSON, and back (cxm/snapshot.h). What is
 * written: the policy, leadership counts, each UTC day's level, channel and
 * team sums, and the all-time employee sums; the all-time level, channel
 * and team sums are the sum of the days, so they are not repeated. */
#include "config.h"

#include <json-c/json.h>
#include <string.h>

#include <cxm/snapshot.h>

#include "enums-private.h"
#include "error-private.h"
#include "json-text.h"
#include "limits.h"
#include "period-private.h"
#include "policy-private.h"
#include "recorder-private.h"
#include "utf8.h"

/* Counts above 2^53 cannot come from real input, and bounding them keeps
 * every sum the checks make far from overflow. */
#define MAX_COUNT CXM_MAX_RECORDS

/* One member of a group's sums: @rows x @cols counts, @cols counts when
 * @rows is 0, one when both are. */
typedef struct {
  const char *name;
  gsize offset;
  int rows, cols;
} AggField;

#define SCALAR(name, member)                    \
  {                                             \
    name, G_STRUCT_OFFSET(CxmAgg, member), 0, 0 \
  }
#define VECTOR(name, member, n)                 \
  {                                             \
    name, G_STRUCT_OFFSET(CxmAgg, member), 0, n \
  }
#define MATRIX(name, member, r, c)              \
  {                                             \
    name, G_STRUCT_OFFSET(CxmAgg, member), r, c \
  }

static const AggField agg_fields[] = {
  VECTOR("class", by_class, CXM_CLASS_COUNT),
  VECTOR("reason", by_reason, CXM_REASON_COUNT),
  SCALAR("difficult", difficult),
  SCALAR("recovered", recovered),
  MATRIX("difficulty", by_difficulty, CXM_DIFFICULTY_COUNT, 3),
  MATRIX("emotion", by_emotion, CXM_EMOTION_COUNT, 5),
  VECTOR("csat", csat, 5),
  VECTOR("nps", nps, 11),
  VECTOR("effort", effort, 7),
  VECTOR("employee_satisfaction", employee_satisfaction, 5),
  SCALAR("first_contacts", first_contacts),
  SCALAR("first_contacts_resolved", first_contacts_resolved),
  SCALAR("beyond_role", beyond_role),
  SCALAR("proactive", proactive),
  SCALAR("empowered", empowered),
};

/* Every field of CxmAgg is in the table. */
G_STATIC_ASSERT(sizeof(CxmAgg) ==
                sizeof(guint64) *
                    (CXM_CLASS_COUNT + CXM_REASON_COUNT + 2 + CXM_DIFFICULTY_COUNT * 3 +
                     CXM_EMOTION_COUNT * 5 + 5 + 11 + 7 + 5 + 5));

static guint64 *
field_words(CxmAgg *agg, const AggField *f)
{
  return (guint64 *) ((char *) agg + f->offset);
}

/* ---- writing --------------------------------------------------------- */

static json_object *
counts_json(const guint64 *words, int n)
{
  json_object *array = json_object_new_array_ext(n);
  for (int i = 0; i < n; i++)
    json_object_array_add(array, json_object_new_uint64(words[i]));
  return array;
}

static gboolean
all_zero(const guint64 *words, int n)
{
  for (int i = 0; i < n; i++)
    if (words[i] != 0)
      return FALSE;
  return TRUE;
}

/* A group's sums; members that are all zero are left out. */
static json_object *
agg_json(const CxmAgg *agg)
{
  json_object *obj = json_object_new_object();

  for (gsize i = 0; i < G_N_ELEMENTS(agg_fields); i++) {
    const AggField *f = &agg_fields[i];
    const guint64 *words = field_words((CxmAgg *) agg, f);
    int n = f->rows ? f->rows * f->cols : f->cols ? f->cols : 1;
    json_object *value;

    if (all_zero(words, n))
      continue;
    if (f->rows == 0 && f->cols == 0) {
      value = json_object_new_uint64(words[0]);
    } else if (f->rows == 0) {
      value = counts_json(words, f->cols);
    } else {
      value = json_object_new_array_ext(f->rows);
      for (int r = 0; r < f->rows; r++)
        json_object_array_add(value, counts_json(words + r * f->cols, f->cols));
    }
    json_object_object_add(obj, f->name, value);
  }
  return obj;
}

static void
add_fixed_groups(json_object *obj, const char *member, const CxmAgg *aggs, int count,
                 const char *const *names)
{
  json_object *groups = json_object_new_object();

  for (int i = 0; i < count; i++)
    if (cxm_agg_n(&aggs[i]) > 0)
      json_object_object_add(groups, names[i], agg_json(&aggs[i]));
  json_object_object_add(obj, member, groups);
}

static int
compare_strings(gconstpointer a, gconstpointer b)
{
  return strcmp(*(const char *const *) a, *(const char *const *) b);
}

/* A table of name -> CxmAgg as an object, names sorted so that equal
 * recorders give equal snapshots. */
static json_object *
table_json(GHashTable *table)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new();
  json_object *obj = json_object_new_object();
  GHashTableIter iter;
  gpointer name;

  g_hash_table_iter_init(&iter, table);
  while (g_hash_table_iter_next(&iter, &name, NULL))
    g_ptr_array_add(names, name);
  g_ptr_array_sort(names, compare_strings);
  for (guint i = 0; i < names->len; i++)
    json_object_object_add(obj, names->pdata[i],
                           agg_json(g_hash_table_lookup(table, names->pdata[i])));
  return obj;
}

static int
compare_days(gconstpointer a, gconstpointer b)
{
  gint64 x = **(const gint64 *const *) a, y = **(const gint64 *const *) b;
  return (x > y) - (x < y);
}

static json_object *
days_json(const CxmRecorder *rec)
{
  g_autoptr(GPtrArray) days = g_ptr_array_new();
  json_object *obj = json_object_new_object();
  GHashTableIter iter;
  gpointer day;

  g_hash_table_iter_init(&iter, rec->main.days);
  while (g_hash_table_iter_next(&iter, &day, NULL))
    g_ptr_array_add(days, day);
  g_ptr_array_sort(days, compare_days);
  for (guint i = 0; i < days->len; i++) {
    const Groups *g = g_hash_table_lookup(rec->main.days, days->pdata[i]);
    json_object *day_obj = json_object_new_object();
    char name[16];

    add_fixed_groups(day_obj, "levels", g->levels, CXM_LEVEL_COUNT, cxm_level_names);
    add_fixed_groups(day_obj, "channels", g->channels, CXM_CHANNEL_COUNT,
                     cxm_channel_names);
    json_object_object_add(day_obj, "teams", table_json(g->teams));
    cxm_period_key_of_day(*(const gint64 *) days->pdata[i], CXM_PERIOD_DAY, name);
    json_object_object_add(obj, name, day_obj);
  }
  return obj;
}

char *
cxm_snapshot_save(const CxmRecorder *rec, gsize *length, GError **error)
{
  json_object *root, *leadership;
  char *policy_text, *text;
  CxmLead lead;

  cxm_return_val_if_null(rec, error, NULL);
  root = json_object_new_object();
  json_object_object_add(root, "cxm_snapshot", json_object_new_int(CXM_SNAPSHOT_VERSION));
  policy_text = cxm_policy_to_json(rec->policy);
  json_object_object_add(root, "policy", json_tokener_parse(policy_text));
  g_free(policy_text);
  json_object_object_add(root, "fingerprint",
                         json_object_new_string(rec->policy->fingerprint));
  cxm_recorder_lock(rec);
  cxm_groups_lead_totals(&rec->main.all, &lead);
  leadership = json_object_new_object();
  for (int i = 0; i < CXM_LEADERSHIP_COUNT; i++)
    json_object_object_add(leadership, cxm_leadership_type_names[i],
                           json_object_new_uint64(lead.by_type[i]));
  json_object_object_add(root, "leadership", leadership);
  json_object_object_add(root, "days", days_json(rec));
  json_object_object_add(root, "employees", table_json(rec->main.all.employees));
  cxm_recorder_unlock(rec);
  text = g_strdup(json_object_to_json_string_ext(root, CXM_JSON_LINE));
  json_object_put(root);
  if (length != NULL)
    *length = strlen(text);
  return text;
}

/* ---- reading --------------------------------------------------------- */

static gboolean G_GNUC_PRINTF(3, 4)
    invalid(GError **error, const char *where, const char *format, ...)
{
  va_list args;
  char *reason;

  va_start(args, format);
  reason = g_strdup_vprintf(format, args);
  va_end(args);
  g_set_error(error, CXM_ERROR, CXM_ERROR_SNAPSHOT, "invalid snapshot: %s%s%s",
              where ? where : "", where ? ": " : "", reason);
  g_free(reason);
  return FALSE;
}

static gboolean
take_count(json_object *value, guint64 *out)
{
  if (!json_object_is_type(value, json_type_int) || json_object_get_int64(value) < 0)
    return FALSE;
  *out = json_object_get_uint64(value);
  return *out <= MAX_COUNT;
}

static gboolean
take_counts(json_object *value, guint64 *out, int n)
{
  if (!json_object_is_type(value, json_type_array) ||
      json_object_array_length(value) != (gsize) n)
    return FALSE;
  for (int i = 0; i < n; i++)
    if (!take_count(json_object_array_get_idx(value, (gsize) i), &out[i]))
      return FALSE;
  return TRUE;
}

static guint64
sum(const guint64 *words, int n)
{
  guint64 total = 0;
  for (int i = 0; i < n; i++)
    total += words[i];
  return total;
}

/* The sums of a group must add up as recording makes them. */
static const char *
agg_inconsistency(const CxmAgg *a)
{
  const guint64 n = sum(a->by_class, CXM_CLASS_COUNT);

  if (n == 0)
    return "a group without records";
  if (sum(a->by_reason, CXM_REASON_COUNT) != n)
    return "reasons do not add up to the records";
  if (a->difficult > n || a->recovered > a->difficult)
    return "more difficult or recovered moments than records";
  for (int k = 0; k < CXM_DIFFICULTY_COUNT; k++) {
    const guint64 *d = a->by_difficulty[k];
    if (d[0] > n || d[1] + d[2] > d[0])
      return "difficulty counts do not add up";
  }
  for (int e = 0; e < CXM_EMOTION_COUNT; e++) {
    const guint64 *m = a->by_emotion[e];
    if (m[0] > n || m[1] + m[2] > m[0] || m[3] > m[0] || m[4] > m[3] || m[4] > m[1])
      return "emotion counts do not add up";
  }
  if (sum(a->csat, 5) > n || sum(a->nps, 11) > n || sum(a->effort, 7) > n ||
      sum(a->employee_satisfaction, 5) > n)
    return "more scores than records";
  if (a->first_contacts > n || a->first_contacts_resolved > a->first_contacts ||
      a->beyond_role > n || a->proactive > n || a->empowered > n)
    return "more flagged records than records";
  return NULL;
}

static gboolean
load_agg(json_object *obj, CxmAgg *agg, const char *where, GError **error)
{
  const char *problem;

  memset(agg, 0, sizeof *agg);
  if (!json_object_is_type(obj, json_type_object))
    return invalid(error, where, "must be an object of counts");
  json_object_object_foreach (obj, name, value) {
    const AggField *f = NULL;
    gboolean ok = TRUE;

    for (gsize i = 0; i < G_N_ELEMENTS(agg_fields) && f == NULL; i++)
      if (strcmp(agg_fields[i].name, name) == 0)
        f = &agg_fields[i];
    if (f == NULL)
      return invalid(error, where, "unknown member \"%s\"", name);
    if (f->rows == 0 && f->cols == 0) {
      ok = take_count(value, field_words(agg, f));
    } else if (f->rows == 0) {
      ok = take_counts(value, field_words(agg, f), f->cols);
    } else {
      ok = json_object_is_type(value, json_type_array) &&
           json_object_array_length(value) == (gsize) f->rows;
      for (int r = 0; ok && r < f->rows; r++)
        ok = take_counts(json_object_array_get_idx(value, (gsize) r),
                         field_words(agg, f) + r * f->cols, f->cols);
    }
    if (!ok && f->rows > 0)
      return invalid(error, where, "\"%s\" must be %d arrays of %d counts", name, f->rows,
                     f->cols);
    if (!ok && f->cols > 0)
      return invalid(error, where, "\"%s\" must be an array of %d counts", name, f->cols);
    if (!ok)
      return invalid(error, where, "\"%s\" must be a count", name);
  }
  problem = agg_inconsistency(agg);
  return problem == NULL || invalid(error, where, "%s", problem);
}

static json_object *
member(json_object *obj, const char *name, json_type type, const char *where,
       GError **error)
{
  json_object *value;

  if (!json_object_object_get_ex(obj, name, &value) || value == NULL) {
    invalid(error, where, "\"%s\" is missing", name);
    return NULL;
  }
  if (!json_object_is_type(value, type)) {
    invalid(error, where, "\"%s\" has the wrong type", name);
    return NULL;
  }
  return value;
}

/* Levels or channels of a day: known names only. */
static gboolean
load_fixed_groups(json_object *day, const char *name, CxmAgg *aggs,
                  int (*from_name)(const char *), const char *where, GError **error)
{
  json_object *groups = member(day, name, json_type_object, where, error);

  if (groups == NULL)
    return FALSE;
  json_object_object_foreach (groups, key, value) {
    g_autofree char *here = g_strdup_printf("%s.%s.%s", where, name, key);
    int index = from_name(key);
    if (index == CXM_UNSET)
      return invalid(error, here, "not a known name");
    if (!load_agg(value, &aggs[index], here, error))
      return FALSE;
  }
  return TRUE;
}

/* Teams or employees: name -> sums, names checked as record strings. */
static gboolean
load_table(json_object *groups, GHashTable *table, const char *key_name,
           const char *where, GError **error)
{
  json_object_object_foreach (groups, name, value) {
    g_autofree char *here = g_strdup_printf("%s.%s", where, name);
    char copy[CXM_MAX_STRING + 1];
    guint8 len;
    GError *why = NULL;
    CxmAgg *agg = g_new0(CxmAgg, 1);

    g_hash_table_insert(table, g_strdup(name), agg);
    if (!cxm_copy_string_field(copy, &len, key_name, name, strlen(name), FALSE, &why)) {
      invalid(error, here, "%s", why->message);
      g_error_free(why);
      return FALSE;
    }
    if (!load_agg(value, agg, here, error))
      return FALSE;
  }
  return TRUE;
}

static gboolean
check_limit(const CxmRecorder *rec, GError **error)
{
  if (rec->max_groups == 0 || rec->n_groups <= rec->max_groups)
    return TRUE;
  g_set_error(error, CXM_ERROR, CXM_ERROR_LIMIT,
              "snapshot holds more than %" G_GUINT64_FORMAT " groups", rec->max_groups);
  return FALSE;
}

static gboolean
load_day(CxmRecorder *rec, const char *name, json_object *obj, CxmAgg *day_totals,
         GError **error)
{
  g_autofree char *where = g_strdup_printf("days.%s", name);
  CxmAgg channels_total = { 0 }, teams_total = { 0 };
  Groups day;
  gint64 number;
  gboolean ok;

  if (!cxm_period_day_range(name, CXM_PERIOD_DAY, &number, NULL))
    return invalid(error, "days", "\"%s\" is not a day (YYYY-MM-DD)", name);
  if (!json_object_is_type(obj, json_type_object))
    return invalid(error, where, "must be an object");
  /* Read into a scratch day with plain team names, then merged as another
   * recorder's day would be. */
  cxm_groups_init(&day, TRUE);
  ok = load_fixed_groups(obj, "levels", day.levels, cxm_level_from_name, where, error) &&
       load_fixed_groups(obj, "channels", day.channels, cxm_channel_from_name, where,
                         error);
  if (ok) {
    json_object *teams = member(obj, "teams", json_type_object, where, error);
    g_autofree char *teams_where = g_strdup_printf("%s.teams", where);
    ok = teams != NULL && load_table(teams, day.teams, "team", teams_where, error);
  }
  if (ok) {
    GHashTableIter iter;
    gpointer agg;

    memset(day_totals, 0, sizeof *day_totals);
    for (int i = 0; i < CXM_LEVEL_COUNT; i++)
      cxm_agg_merge(day_totals, &day.levels[i]);
    for (int i = 0; i < CXM_CHANNEL_COUNT; i++)
      cxm_agg_merge(&channels_total, &day.channels[i]);
    g_hash_table_iter_init(&iter, day.teams);
    while (g_hash_table_iter_next(&iter, NULL, &agg))
      cxm_agg_merge(&teams_total, agg);
    if (cxm_agg_n(day_totals) == 0)
      ok = invalid(error, where, "a day without records");
    else if (memcmp(day_totals, &channels_total, sizeof channels_total) != 0)
      ok = invalid(error, where, "the channels do not add up to the levels");
    else if (cxm_agg_n(&teams_total) > cxm_agg_n(day_totals))
      ok = invalid(error, where, "the teams hold more records than the day");
  }
  if (ok) {
    cxm_recorder_merge_groups(rec, &day);
    cxm_recorder_merge_day(rec, cxm_recorder_day_groups(rec, number), &day);
    ok = check_limit(rec, error);
  }
  cxm_groups_clear(&day);
  return ok;
}

static CxmPolicy *
load_policy(json_object *root, GError **error)
{
  json_object *obj, *fingerprint;
  CxmPolicy *policy;
  GError *why = NULL;

  if ((obj = member(root, "policy", json_type_object, NULL, error)) == NULL ||
      (fingerprint = member(root, "fingerprint", json_type_string, NULL, error)) == NULL)
    return NULL;
  policy = cxm_policy_new_from_data(json_object_to_json_string_ext(obj, CXM_JSON_LINE),
                                    -1, &why);
  if (policy == NULL) {
    invalid(error, "policy", "%s", why->message);
    g_error_free(why);
    return NULL;
  }
  if (strcmp(policy->fingerprint, json_object_get_string(fingerprint)) != 0) {
    invalid(error, "fingerprint", "\"%s\" does not match the policy's settings (%s)",
            json_object_get_string(fingerprint), policy->fingerprint);
    cxm_policy_free(policy);
    return NULL;
  }
  return policy;
}

static gboolean
load_body(CxmRecorder *rec, json_object *root, GError **error)
{
  json_object *leadership, *days, *employees;
  CxmAgg totals = { 0 }, day_totals, employees_total = { 0 };
  GHashTableIter iter;
  gpointer agg;

  if ((leadership = member(root, "leadership", json_type_object, NULL, error)) == NULL ||
      (days = member(root, "days", json_type_object, NULL, error)) == NULL ||
      (employees = member(root, "employees", json_type_object, NULL, error)) == NULL)
    return FALSE;
  json_object_object_foreach (leadership, type, count) {
    int index = cxm_leadership_type_from_name(type);
    if (index == CXM_UNSET)
      return invalid(error, "leadership", "unknown type \"%s\"", type);
    if (!take_count(count, &rec->main.all.lead_levels[CXM_LEVEL_UNASSIGNED].by_type[index]))
      return invalid(error, "leadership", "\"%s\" must be a count", type);
  }
  json_object_object_foreach (days, name, day) {
    if (!load_day(rec, name, day, &day_totals, error))
      return FALSE;
    cxm_agg_merge(&totals, &day_totals);
    /* Every count is at most its group's records, so bounding the records
     * bounds every sum. */
    if (cxm_agg_n(&totals) > MAX_COUNT)
      return invalid(error, "days", "more than 2^53 records in all");
  }
  if (!load_table(employees, rec->main.all.employees, "employee", "employees", error))
    return FALSE;
  rec->n_groups += g_hash_table_size(rec->main.all.employees);
  if (!check_limit(rec, error))
    return FALSE;
  g_hash_table_iter_init(&iter, rec->main.all.employees);
  while (g_hash_table_iter_next(&iter, NULL, &agg))
    cxm_agg_merge(&employees_total, agg);
  if (cxm_agg_n(&employees_total) > cxm_agg_n(&totals))
    return invalid(error, "employees", "they hold more records than the days");
  return TRUE;
}

CxmRecorder *
cxm_snapshot_load(const char *data, gssize length, GError **error)
{
  json_tokener *tok;
  json_object *root, *version;
  enum json_tokener_error jerr;
  CxmPolicy *policy;
  CxmRecorder *rec = NULL;
  gsize len, end;
  const char *bad;

  cxm_return_val_if_null(data, error, NULL);
  len = length < 0 ? strlen(data) : (gsize) length;
  if (!cxm_utf8_validate(data, len, &bad)) {
    invalid(error, NULL, "invalid UTF-8 (byte %" G_GSIZE_FORMAT ")",
            (gsize) (bad - data) + 1);
    return NULL;
  }
  tok = json_tokener_new_ex(16);
  json_tokener_set_flags(tok, JSON_TOKENER_STRICT);
  root = len > G_MAXINT ? NULL : json_tokener_parse_ex(tok, data, (int) len);
  jerr = json_tokener_get_error(tok);
  end = json_tokener_get_parse_end(tok);
  json_tokener_free(tok);
  if (len > G_MAXINT) {
    invalid(error, NULL, "larger than %d bytes", G_MAXINT);
    return NULL;
  }
  if (jerr == json_tokener_continue || (jerr == json_tokener_success && root == NULL)) {
    invalid(error, NULL, "not valid JSON: it ends too early (%" G_GSIZE_FORMAT " bytes)",
            len);
    return NULL;
  }
  if (jerr != json_tokener_success) {
    invalid(error, NULL, "not valid JSON: %s (byte %" G_GSIZE_FORMAT ")",
            json_tokener_error_desc(jerr), end + 1);
    return NULL;
  }
  /* Strict mode refuses text after the value, but json-c stops at a NUL. */
  if (end != len) {
    invalid(error, NULL,
            "not valid JSON: text after the snapshot (byte %" G_GSIZE_FORMAT ")",
            end + 1);
    json_object_put(root);
    return NULL;
  }
  if (!json_object_is_type(root, json_type_object) ||
      !json_object_object_get_ex(root, "cxm_snapshot", &version)) {
    invalid(error, NULL, "not a cxm snapshot (no \"cxm_snapshot\" member)");
  } else if (!json_object_is_type(version, json_type_int) ||
             json_object_get_int64(version) != CXM_SNAPSHOT_VERSION) {
    g_autofree char *got = cxm_json_excerpt(version);
    invalid(error, NULL, "version %s is not supported (this library reads version %d)",
            got, CXM_SNAPSHOT_VERSION);
  } else if ((policy = load_policy(root, error)) != NULL) {
    rec = cxm_recorder_new(policy);
    cxm_policy_free(policy);
    if (!load_body(rec, root, error))
      g_clear_pointer(&rec, cxm_recorder_free);
  }
  json_object_put(root);
  return rec;
}
