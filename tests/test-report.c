/* SPDX-License-Identifier: MIT */
/* Tests of the JSON report (report.h, SPEC section 8 and the contract). */
#include <criterion/criterion.h>
#include <json.h>
#include <string.h>
#include <cxm/cxm.h>
#include "test-util.h"

static const char *const group_keys[] = {
  "n", "momentum", "disappointment", "neutral", "momentum_rate",
  "disappointment_rate", "net_momentum", "difficult", "difficult_rate",
  "recovery_rate", "by_difficulty", "nps", "csat", "effort",
  "employee_satisfaction", "fcr_rate", "beyond_role_rate", "proactive_rate",
  "empowered_rate", "emotions", "reasons", "leadership", "small_sample"
};
static const char *const suppressed_keys[] = {
  "n", "momentum", "disappointment", "neutral", "suppressed", "leadership", "small_sample"
};
static const char *const difficulty_keys[] = {
  "no_immediate_answer", "exceeds_offering", "service_chain_failure",
  "missing_information", "miscommunication", "customer_insists",
  "customer_upset"
};
static const char *const emotion_keys[] = { "fear", "anger", "anxiety", "stress" };
static const char *const reason_keys[] = {
  "customer_negative", "difficulty_unresolved", "both_hurt",
  "no_positive_signal", "one_sided", "difficulty_overcome", "beyond_role",
  "proactive", "empowered", "delighted", "routine"
};
/* Levels and channels come in SPEC order; teams and employees sorted. */
static const char *const channel_keys[] = {
  "web", "phone", "email", "chat", "in_person", "social", "other"
};
static const char *const rate_keys[] = { "value", "low", "high" };

/* A recorder over tests/data/sample.jsonl (see test-stats.c for the hand
 * computation of its indicators). */
static CxmRecorder *
sample_recorder(const CxmPolicy *policy)
{
  CxmRecorder *rec = cxm_recorder_new(policy);
  char *path = data_path("sample.jsonl");
  GError *err = NULL;
  cr_assert(cxm_import_path(rec, path, CXM_IMPORT_STRICT, NULL, &err),
            "%s: %s", path, err ? err->message : "?");
  g_free(path);
  return rec;
}

static char *
report_text(const CxmRecorder *rec, const CxmImportResult *input,
            unsigned int flags)
{
  GError *err = NULL;
  char *text = cxm_report_to_json(rec, input, flags, &err);
  cr_assert_not_null(text, "report: %s", err ? err->message : "?");
  cr_assert_null(err);
  return text;
}

static json_object *
parse(const char *text)
{
  enum json_tokener_error jerr = json_tokener_success;
  json_object *obj = json_tokener_parse_verbose(text, &jerr);
  cr_assert_eq(jerr, json_tokener_success, "report is not JSON (%s): %.200s",
               json_tokener_error_desc(jerr), text);
  cr_assert(json_object_is_type(obj, json_type_object));
  return obj;
}

static json_object *
report(const CxmRecorder *rec, const CxmImportResult *input, unsigned int flags)
{
  char *text = report_text(rec, input, flags);
  json_object *obj = parse(text);
  cxm_free(text);
  return obj;
}

/* Follows a dotted path of object keys; fails when a key is absent. */
static json_object *
at(json_object *obj, const char *path)
{
  char **parts = g_strsplit(path, ".", -1);
  json_object *cur = obj;
  for (char **p = parts; *p != NULL; p++) {
    json_object *next = NULL;
    cr_assert(json_object_is_type(cur, json_type_object), "%s: not an object at %s",
              path, *p);
    cr_assert(json_object_object_get_ex(cur, *p, &next), "%s: no key %s", path, *p);
    cur = next;
  }
  g_strfreev(parts);
  return cur;
}

static gboolean
has(json_object *obj, const char *key)
{
  return json_object_object_get_ex(obj, key, NULL);
}

static gint64
int_at(json_object *obj, const char *path)
{
  json_object *v = at(obj, path);
  cr_assert(json_object_is_type(v, json_type_int), "%s is not an integer: %s",
            path, json_object_to_json_string(v));
  return json_object_get_int64(v);
}

static double
num_at(json_object *obj, const char *path)
{
  json_object *v = at(obj, path);
  cr_assert(json_object_is_type(v, json_type_double)
            || json_object_is_type(v, json_type_int),
            "%s is not a number: %s", path, json_object_to_json_string(v));
  return json_object_get_double(v);
}

static void
assert_null_at(json_object *obj, const char *path)
{
  json_object *v = at(obj, path);
  cr_assert_null(v, "%s should be null, is %s", path, json_object_to_json_string(v));
}

/* Rounded report values are compared as exactly as a double allows. */
#define assert_num(obj, path, expected)                                       \
  cr_assert_float_eq(num_at((obj), (path)), (expected), 1e-9, "%s = %.17g",  \
                     (path), num_at((obj), (path)))

static void
assert_rate_at(json_object *obj, const char *path, double value, double low,
               double high)
{
  json_object *r = at(obj, path);
  cr_assert_not_null(r, "%s is null", path);
  char *p;
  p = g_strconcat(path, ".value", NULL);
  assert_num(obj, p, value);
  g_free(p);
  p = g_strconcat(path, ".low", NULL);
  assert_num(obj, p, low);
  g_free(p);
  p = g_strconcat(path, ".high", NULL);
  assert_num(obj, p, high);
  g_free(p);
}

static void
assert_keys(json_object *obj, const char *what, const char *const *keys, gsize n)
{
  cr_assert(json_object_is_type(obj, json_type_object), "%s is not an object", what);
  gsize i = 0;
  json_object_object_foreach(obj, key, val) {
    (void) val;
    cr_assert_lt(i, n, "%s: unexpected extra key \"%s\"", what, key);
    cr_assert_str_eq(key, keys[i], "%s: key %zu is \"%s\", expected \"%s\"",
                     what, i, key, keys[i]);
    i++;
  }
  cr_assert_eq(i, n, "%s: %zu keys, expected %zu", what, i, n);
}

static void
assert_group_shape(json_object *g, const char *what)
{
  assert_keys(g, what, group_keys, G_N_ELEMENTS(group_keys));
  static const char *const net[] = { "score", "moe95" };
  static const char *const bd[] = { "count", "momentum", "disappointment", "recovery_rate" };
  static const char *const em[] = { "count", "recovery_rate" };
  static const char *const nps[] = {
    "responses", "promoters", "passives", "detractors", "score", "moe95"
  };
  static const char *const csat[] = { "responses", "mean", "top2_rate", "fan_rate" };
  static const char *const effort[] = { "responses", "mean", "easy_rate" };
  static const char *const esat[] = { "responses", "mean" };
  json_object *v;
  if ((v = at(g, "momentum_rate")) != NULL)
    assert_keys(v, "momentum_rate", rate_keys, 3);
  if ((v = at(g, "disappointment_rate")) != NULL)
    assert_keys(v, "disappointment_rate", rate_keys, 3);
  if ((v = at(g, "net_momentum")) != NULL)
    assert_keys(v, "net_momentum", net, 2);
  if ((v = at(g, "recovery_rate")) != NULL)
    assert_keys(v, "recovery_rate", rate_keys, 3);
  assert_keys(at(g, "by_difficulty"), "by_difficulty", difficulty_keys, 7);
  for (gsize i = 0; i < G_N_ELEMENTS(difficulty_keys); i++) {
    json_object *d = at(at(g, "by_difficulty"), difficulty_keys[i]);
    assert_keys(d, difficulty_keys[i], bd, 4);
    if ((v = at(d, "recovery_rate")) != NULL)
      assert_keys(v, "by_difficulty recovery_rate", rate_keys, 3);
  }
  assert_keys(at(g, "nps"), "nps", nps, G_N_ELEMENTS(nps));
  assert_keys(at(g, "csat"), "csat", csat, G_N_ELEMENTS(csat));
  assert_keys(at(g, "effort"), "effort", effort, G_N_ELEMENTS(effort));
  assert_keys(at(g, "employee_satisfaction"), "employee_satisfaction", esat, 2);
  assert_keys(at(g, "emotions"), "emotions", emotion_keys, 4);
  for (gsize i = 0; i < G_N_ELEMENTS(emotion_keys); i++) {
    json_object *e = at(at(g, "emotions"), emotion_keys[i]);
    assert_keys(e, emotion_keys[i], em, 2);
    if ((v = at(e, "recovery_rate")) != NULL)
      assert_keys(v, "emotion recovery_rate", rate_keys, 3);
  }
  assert_keys(at(g, "reasons"), "reasons", reason_keys, 11);
  cr_assert(json_object_is_type(at(g, "small_sample"), json_type_boolean), "%s", what);
  (void) what;
}

/* No NaN or infinity as a value (JSON has neither; "%g" prints them as
 * nan, -nan, inf). Names such as "missing_information" do not count. */
static void
assert_no_nan(const char *text)
{
  cr_assert_not(g_regex_match_simple("[:,\\[]\\s*-?(nan|inf)", text,
                                     G_REGEX_CASELESS, 0),
                "NaN or infinity in the report: %.300s", text);
}

/* ---- top level ------------------------------------------------------------- */

Test(report, top_level_keys_in_order)
{
  g_autoptr(CxmRecorder) rec = sample_recorder(NULL);
  json_object *r = report(rec, NULL, 0);
  static const char *const keys[] = {
    "cxm_report", "policy", "input", "totals", "levels"
  };
  assert_keys(r, "report", keys, G_N_ELEMENTS(keys));
  cr_assert_eq(int_at(r, "cxm_report"), 1);
  json_object_put(r);
}

Test(report, groups_only_when_asked_in_order)
{
  g_autoptr(CxmRecorder) rec = sample_recorder(NULL);
  static const char *const all[] = {
    "cxm_report", "policy", "input", "totals", "levels",
    "teams", "employees", "channels"
  };
  json_object *r = report(rec, NULL, ALL_GROUPS);
  assert_keys(r, "report", all, G_N_ELEMENTS(all));
  json_object_put(r);

  r = report(rec, NULL, CXM_REPORT_TEAMS);
  cr_assert(has(r, "teams"));
  cr_assert_not(has(r, "employees"));
  cr_assert_not(has(r, "channels"));
  json_object_put(r);

  r = report(rec, NULL, CXM_REPORT_EMPLOYEES);
  cr_assert_not(has(r, "teams"));
  cr_assert(has(r, "employees"));
  cr_assert_not(has(r, "channels"));
  json_object_put(r);

  r = report(rec, NULL, CXM_REPORT_CHANNELS);
  cr_assert_not(has(r, "teams"));
  cr_assert_not(has(r, "employees"));
  cr_assert(has(r, "channels"));
  json_object_put(r);

  static const char *const two[] = {
    "cxm_report", "policy", "input", "totals", "levels",
    "teams", "channels"
  };
  r = report(rec, NULL, CXM_REPORT_CHANNELS | CXM_REPORT_TEAMS);
  assert_keys(r, "report", two, G_N_ELEMENTS(two));
  json_object_put(r);
}

Test(report, policy_section)
{
  g_autoptr(CxmPolicy) p = cxm_policy_new();
  cr_assert(cxm_policy_set_name(p, "q \"1\"", NULL));
  cr_assert(cxm_policy_set(p, "min_sample", 5, NULL));
  g_autoptr(CxmRecorder) rec = sample_recorder(p);
  json_object *r = report(rec, NULL, 0);
  static const char *const keys[] = { "name", "fingerprint" };
  assert_keys(at(r, "policy"), "policy", keys, 2);
  cr_assert_str_eq(json_object_get_string(at(r, "policy.name")), "q \"1\"");
  cr_assert_str_eq(json_object_get_string(at(r, "policy.fingerprint")),
                   cxm_policy_get_fingerprint(p));
  json_object_put(r);
}

Test(report, input_without_result_reports_the_recorder)
{
  g_autoptr(CxmRecorder) rec = sample_recorder(NULL);
  json_object *r = report(rec, NULL, 0);
  static const char *const keys[] = {
    "records", "accepted", "rejected", "filtered", "leadership", "errors"
  };
  assert_keys(at(r, "input"), "input", keys, G_N_ELEMENTS(keys));
  /* records = accepted = n + leadership */
  cr_assert_eq(int_at(r, "input.records"), 10);
  cr_assert_eq(int_at(r, "input.accepted"), 10);
  cr_assert_eq(int_at(r, "input.rejected"), 0);
  cr_assert_eq(int_at(r, "input.filtered"), 0);
  cr_assert_eq(int_at(r, "input.leadership"), 2);
  json_object *errors = at(r, "input.errors");
  cr_assert(json_object_is_type(errors, json_type_array));
  cr_assert_eq(json_object_array_length(errors), 0);
  json_object_put(r);
}

Test(report, input_with_result_lists_the_errors)
{
  g_autoptr(CxmRecorder) rec = cxm_recorder_new(NULL);
  g_autoptr(CxmImportResult) res = cxm_import_result_new();
  char *path = data_path("mixed.jsonl");
  cr_assert(cxm_import_path(rec, path, CXM_IMPORT_DEFAULT, res, NULL));
  json_object *r = report(rec, res, 0);
  cr_assert_eq(int_at(r, "input.records"), 6);
  cr_assert_eq(int_at(r, "input.accepted"), 3);
  cr_assert_eq(int_at(r, "input.rejected"), 3);
  cr_assert_eq(int_at(r, "input.leadership"), 1);
  json_object *errors = at(r, "input.errors");
  cr_assert_eq(json_object_array_length(errors), 3);
  static const char *const keys[] = { "source", "line", "key", "message" };
  json_object *e0 = json_object_array_get_idx(errors, 0);
  assert_keys(e0, "error", keys, 4);
  cr_assert_str_eq(json_object_get_string(at(e0, "source")), path);
  cr_assert_eq(int_at(e0, "line"), 2);
  cr_assert_str_eq(json_object_get_string(at(e0, "key")), "csat");
  g_autofree char *csat7 = case_message("records/csat-above-5");
  cr_assert_str_eq(json_object_get_string(at(e0, "message")), csat7);
  json_object *e1 = json_object_array_get_idx(errors, 1);
  cr_assert_eq(int_at(e1, "line"), 4);
  g_autofree char *fax = case_message("records/channel-unknown");
  cr_assert_str_eq(json_object_get_string(at(e1, "message")), fax);
  json_object *e2 = json_object_array_get_idx(errors, 2);
  cr_assert_eq(int_at(e2, "line"), 5);
  assert_null_at(e2, "key");
  cr_assert(g_str_has_prefix(json_object_get_string(at(e2, "message")),
                             "invalid JSON: "));
  /* the totals are those of the accepted records */
  cr_assert_eq(int_at(r, "totals.n"), 2);
  cr_assert_eq(int_at(r, "totals.leadership.events"), 1);
  cr_assert_eq(int_at(r, "totals.leadership.by_type.coaching"), 1);
  json_object_put(r);
  g_free(path);
}

Test(report, errors_without_source_have_no_source_key)
{
  g_autoptr(CxmRecorder) rec = cxm_recorder_new(NULL);
  g_autoptr(CxmImportResult) res = cxm_import_result_new();
  const char *text = "[1,2]\n";
  cr_assert(cxm_import_data(rec, text, strlen(text), NULL,
                                     CXM_IMPORT_DEFAULT, res, NULL));
  json_object *r = report(rec, res, 0);
  json_object *e0 = json_object_array_get_idx(at(r, "input.errors"), 0);
  static const char *const keys[] = { "line", "key", "message" };
  assert_keys(e0, "error", keys, 3);
  cr_assert_eq(int_at(e0, "line"), 1);
  assert_null_at(e0, "key");
  g_autofree char *not_object = case_message("records/not-object-array");
  cr_assert_str_eq(json_object_get_string(at(e0, "message")), not_object);
  json_object_put(r);
}

Test(report, leadership_section)
{
  /* The sample (tests/data/sample.jsonl), all in ISO week 2026-W10: north
   * huddled once (l1) and has r1 (momentum), r2, r3; south never huddled
   * and has r4, r8 (momentum), r5, r6; r7 has no team, so it is in no
   * team-week; l2 is a recognition by s-1 (no level given) of e-2. */
  g_autoptr(CxmRecorder) rec = sample_recorder(NULL);
  json_object *r = report(rec, NULL, CXM_REPORT_TEAMS | CXM_REPORT_EMPLOYEES);
  static const char *const keys[] = {
    "events", "by_type", "recognition_per_100", "cadence", "momentum_by_cadence",
    "coaching_coverage"
  };
  static const char *const types[] = {
    "purpose_huddle", "recognition", "coaching", "standard_review", "communication"
  };
  json_object *t = at(r, "totals.leadership");
  assert_keys(t, "leadership", keys, G_N_ELEMENTS(keys));
  assert_keys(at(t, "by_type"), "by_type", types, 5);
  cr_assert_eq(int_at(t, "events"), 2);
  cr_assert_eq(int_at(t, "by_type.purpose_huddle"), 1);
  cr_assert_eq(int_at(t, "by_type.recognition"), 1);
  cr_assert_eq(int_at(t, "by_type.coaching"), 0);
  cr_assert_eq(int_at(t, "by_type.standard_review"), 0);
  cr_assert_eq(int_at(t, "by_type.communication"), 0);
  assert_num(t, "recognition_per_100", 12.5); /* 100 * 1 / 8 */
  /* two active team-weeks, north's met the weekly cadence (1 day >= 1) */
  cr_assert_eq(int_at(t, "cadence.team_weeks"), 2);
  cr_assert_eq(int_at(t, "cadence.weekly"), 1);
  cr_assert_eq(int_at(t, "cadence.daily"), 0);
  assert_rate_at(t, "cadence.weekly_rate", 0.5, 0.0945, 0.9055);
  assert_rate_at(t, "cadence.daily_rate", 0.0, 0.0, 0.6576);
  /* met: 1 of north's 3; not met: 2 of south's 4; pooled p = 3/7,
   * se = sqrt(3/7 * 4/7 * (1/3 + 1/4)) = 0.378, z = -1/6 / se */
  cr_assert_eq(int_at(t, "momentum_by_cadence.met.n"), 3);
  assert_rate_at(t, "momentum_by_cadence.met.momentum_rate", 0.3333, 0.0615, 0.7923);
  cr_assert_eq(int_at(t, "momentum_by_cadence.not_met.n"), 4);
  assert_rate_at(t, "momentum_by_cadence.not_met.momentum_rate", 0.5, 0.15, 0.85);
  assert_num(t, "momentum_by_cadence.comparison.delta", -0.1667);
  assert_num(t, "momentum_by_cadence.comparison.se", 0.378);
  assert_num(t, "momentum_by_cadence.comparison.z", -0.441);
  assert_num(t, "momentum_by_cadence.comparison.p", 0.6592);
  /* e-1, e-2, e-3, m-1 and s-1 served; none was coached */
  cr_assert_eq(int_at(t, "coaching_coverage.employees"), 5);
  cr_assert_eq(int_at(t, "coaching_coverage.coached"), 0);
  assert_rate_at(t, "coaching_coverage.rate", 0.0, 0.0, 0.4345);

  /* a team that has only one side has no comparison, and no coverage key */
  json_object *north = at(r, "teams.north.leadership");
  cr_assert_not(has(north, "coaching_coverage"));
  cr_assert_eq(int_at(north, "events"), 1);
  assert_num(north, "recognition_per_100", 0.0);
  cr_assert_eq(int_at(north, "momentum_by_cadence.not_met.n"), 0);
  assert_null_at(north, "momentum_by_cadence.not_met.momentum_rate");
  assert_null_at(north, "momentum_by_cadence.comparison");
  cr_assert_eq(int_at(r, "teams.south.leadership.cadence.weekly"), 0);
  cr_assert_eq(int_at(r, "teams.south.leadership.momentum_by_cadence.not_met.n"), 4);

  /* a level counts what its people led: the manager's huddle; s-1 gave no
   * level, so the recognition is the unassigned level's */
  static const char *const level_keys[] = { "events", "by_type" };
  assert_keys(at(r, "levels.manager.leadership"), "leadership", level_keys, 2);
  cr_assert_eq(int_at(r, "levels.manager.leadership.by_type.purpose_huddle"), 1);
  cr_assert_eq(int_at(r, "levels.frontline.leadership.events"), 0);
  cr_assert_eq(int_at(r, "levels.unassigned.leadership.by_type.recognition"), 1);

  /* an employee: what they led and what they received */
  static const char *const employee_keys[] = { "events", "by_type", "received" };
  assert_keys(at(r, "employees.e-2.leadership"), "leadership", employee_keys, 3);
  cr_assert_eq(int_at(r, "employees.e-2.leadership.received.recognition"), 1);
  cr_assert_eq(int_at(r, "employees.e-2.leadership.events"), 0);
  cr_assert_eq(int_at(r, "employees.s-1.leadership.by_type.recognition"), 1);
  cr_assert_eq(int_at(r, "employees.m-1.leadership.by_type.purpose_huddle"), 1);
  json_object_put(r);
}

/* ---- groups ----------------------------------------------------------------- */

Test(report, group_keys_in_order)
{
  g_autoptr(CxmRecorder) rec = sample_recorder(NULL);
  json_object *r = report(rec, NULL, ALL_GROUPS);
  assert_group_shape(at(r, "totals"), "totals");
  json_object_object_foreach(at(r, "levels"), lk, lv)
    assert_group_shape(lv, lk);
  json_object_object_foreach(at(r, "teams"), tk, tv)
    assert_group_shape(tv, tk);
  json_object_object_foreach(at(r, "employees"), ek, ev)
    assert_group_shape(ev, ek);
  json_object_object_foreach(at(r, "channels"), ck, cv)
    assert_group_shape(cv, ck);
  json_object_put(r);
}

Test(report, totals_of_the_sample)
{
  /* hand computation: see test-stats.c; Wilson bounds at z 1.959964 */
  g_autoptr(CxmRecorder) rec = sample_recorder(NULL);
  json_object *r = report(rec, NULL, 0);
  json_object *t = at(r, "totals");
  cr_assert_eq(int_at(t, "n"), 8);
  cr_assert_eq(int_at(t, "momentum"), 3);
  cr_assert_eq(int_at(t, "disappointment"), 3);
  cr_assert_eq(int_at(t, "neutral"), 2);
  assert_rate_at(t, "momentum_rate", 0.375, 0.1368, 0.6943);
  assert_rate_at(t, "disappointment_rate", 0.375, 0.1368, 0.6943);
  assert_num(t, "net_momentum.score", 0.0);
  assert_num(t, "net_momentum.moe95", 60.01);
  cr_assert_eq(int_at(t, "difficult"), 5);
  assert_num(t, "difficult_rate", 0.625);
  assert_rate_at(t, "recovery_rate", 0.4, 0.1176, 0.7693);
  cr_assert_eq(int_at(t, "nps.responses"), 5);
  cr_assert_eq(int_at(t, "nps.promoters"), 2);
  cr_assert_eq(int_at(t, "nps.passives"), 1);
  cr_assert_eq(int_at(t, "nps.detractors"), 2);
  assert_num(t, "nps.score", 0.0);
  assert_num(t, "nps.moe95", 78.4);
  cr_assert_eq(int_at(t, "csat.responses"), 6);
  assert_num(t, "csat.mean", 3.667);
  assert_num(t, "csat.top2_rate", 0.6667);
  assert_num(t, "csat.fan_rate", 0.3333);
  cr_assert_eq(int_at(t, "effort.responses"), 4);
  assert_num(t, "effort.mean", 4.5);
  assert_num(t, "effort.easy_rate", 0.5);
  cr_assert_eq(int_at(t, "employee_satisfaction.responses"), 5);
  assert_num(t, "employee_satisfaction.mean", 3.6);
  assert_num(t, "fcr_rate", 0.5);
  assert_num(t, "beyond_role_rate", 0.125);
  assert_num(t, "proactive_rate", 0.25);
  assert_num(t, "empowered_rate", 0.125);
  cr_assert(json_object_get_boolean(at(t, "small_sample")));
  json_object_put(r);
}

Test(report, breakdowns_of_the_sample)
{
  g_autoptr(CxmRecorder) rec = sample_recorder(NULL);
  json_object *r = report(rec, NULL, 0);
  json_object *t = at(r, "totals");
  /* customer_upset: r1 M, r2 D: recovered 1 of 2 */
  cr_assert_eq(int_at(t, "by_difficulty.customer_upset.count"), 2);
  cr_assert_eq(int_at(t, "by_difficulty.customer_upset.momentum"), 1);
  cr_assert_eq(int_at(t, "by_difficulty.customer_upset.disappointment"), 1);
  assert_rate_at(t, "by_difficulty.customer_upset.recovery_rate", 0.5, 0.0945, 0.9055);
  /* missing_information: r2 D, r8 M */
  cr_assert_eq(int_at(t, "by_difficulty.missing_information.count"), 2);
  assert_rate_at(t, "by_difficulty.missing_information.recovery_rate", 0.5, 0.0945, 0.9055);
  /* no_immediate_answer: r5 N, recovered 0 of 1 */
  cr_assert_eq(int_at(t, "by_difficulty.no_immediate_answer.count"), 1);
  cr_assert_eq(int_at(t, "by_difficulty.no_immediate_answer.momentum"), 0);
  cr_assert_eq(int_at(t, "by_difficulty.no_immediate_answer.disappointment"), 0);
  assert_rate_at(t, "by_difficulty.no_immediate_answer.recovery_rate", 0.0, 0.0, 0.7935);
  /* service_chain_failure: r7 D */
  cr_assert_eq(int_at(t, "by_difficulty.service_chain_failure.disappointment"), 1);
  /* kinds never seen */
  cr_assert_eq(int_at(t, "by_difficulty.exceeds_offering.count"), 0);
  assert_null_at(t, "by_difficulty.exceeds_offering.recovery_rate");
  assert_null_at(t, "by_difficulty.miscommunication.recovery_rate");
  assert_null_at(t, "by_difficulty.customer_insists.recovery_rate");
  /* emotions: recovery among the difficult records carrying the emotion */
  cr_assert_eq(int_at(t, "emotions.fear.count"), 2);
  assert_rate_at(t, "emotions.fear.recovery_rate", 0.0, 0.0, 0.7935);
  cr_assert_eq(int_at(t, "emotions.anger.count"), 1);
  assert_rate_at(t, "emotions.anger.recovery_rate", 0.0, 0.0, 0.7935);
  cr_assert_eq(int_at(t, "emotions.anxiety.count"), 1);
  assert_rate_at(t, "emotions.anxiety.recovery_rate", 1.0, 0.2065, 1.0);
  cr_assert_eq(int_at(t, "emotions.stress.count"), 2);
  assert_rate_at(t, "emotions.stress.recovery_rate", 0.5, 0.0945, 0.9055);
  /* reasons */
  static const gint64 reasons[] = { 2, 1, 0, 1, 0, 2, 1, 0, 0, 0, 1 };
  for (gsize i = 0; i < G_N_ELEMENTS(reason_keys); i++) {
    char *p = g_strconcat("reasons.", reason_keys[i], NULL);
    cr_assert_eq(int_at(t, p), reasons[i], "%s", p);
    g_free(p);
  }
  json_object_put(r);
}

Test(report, levels_always_has_the_three_levels)
{
  g_autoptr(CxmRecorder) rec = cxm_recorder_new(NULL);
  json_object *r = report(rec, NULL, 0);
  static const char *const three[] = { "frontline", "manager", "senior_leader" };
  assert_keys(at(r, "levels"), "levels", three, 3);
  for (int i = 0; i < 3; i++) {
    json_object *g = at(at(r, "levels"), three[i]);
    assert_group_shape(g, three[i]);
    cr_assert_eq(int_at(g, "n"), 0);
  }
  json_object_put(r);
}

Test(report, unassigned_only_when_used)
{
  g_autoptr(CxmRecorder) rec = sample_recorder(NULL);
  json_object *r = report(rec, NULL, 0);
  static const char *const four[] = {
    "frontline", "manager", "senior_leader", "unassigned"
  };
  assert_keys(at(r, "levels"), "levels", four, 4);
  /* frontline r1 r2 r5 r6 r8; manager r3; senior_leader r4; unassigned r7 */
  cr_assert_eq(int_at(r, "levels.frontline.n"), 5);
  cr_assert_eq(int_at(r, "levels.frontline.momentum"), 2);
  cr_assert_eq(int_at(r, "levels.frontline.disappointment"), 2);
  cr_assert_eq(int_at(r, "levels.frontline.neutral"), 1);
  cr_assert_eq(int_at(r, "levels.manager.n"), 1);
  cr_assert_eq(int_at(r, "levels.manager.neutral"), 1);
  cr_assert_eq(int_at(r, "levels.senior_leader.n"), 1);
  cr_assert_eq(int_at(r, "levels.senior_leader.momentum"), 1);
  cr_assert_eq(int_at(r, "levels.unassigned.n"), 1);
  cr_assert_eq(int_at(r, "levels.unassigned.disappointment"), 1);
  json_object_put(r);
}

Test(report, teams_employees_sorted_channels_in_spec_order)
{
  g_autoptr(CxmRecorder) rec = sample_recorder(NULL);
  json_object *r = report(rec, NULL, ALL_GROUPS);
  static const char *const teams[] = { "north", "south" };
  static const char *const employees[] = { "e-1", "e-2", "e-3", "m-1", "s-1" };
  assert_keys(at(r, "teams"), "teams", teams, 2);
  assert_keys(at(r, "employees"), "employees", employees, 5);
  assert_keys(at(r, "channels"), "channels", channel_keys, 7);
  cr_assert_eq(int_at(r, "teams.north.n"), 3);
  cr_assert_eq(int_at(r, "teams.south.n"), 4);
  cr_assert_eq(int_at(r, "teams.south.momentum"), 2);
  assert_num(r, "teams.south.net_momentum.score", 25.0);
  cr_assert_eq(int_at(r, "employees.e-1.n"), 2);
  cr_assert_eq(int_at(r, "employees.e-2.n"), 2);
  cr_assert_eq(int_at(r, "channels.phone.n"), 3);
  cr_assert_eq(int_at(r, "channels.other.n"), 0);
  json_object_put(r);
}

Test(report, group_without_scores_has_nulls)
{
  /* channel social holds r7 only: difficult, unresolved, no score, no
   * contact number */
  g_autoptr(CxmRecorder) rec = sample_recorder(NULL);
  json_object *r = report(rec, NULL, CXM_REPORT_CHANNELS);
  json_object *g = at(r, "channels.social");
  cr_assert_eq(int_at(g, "n"), 1);
  cr_assert_eq(int_at(g, "disappointment"), 1);
  assert_num(g, "difficult_rate", 1.0);
  assert_rate_at(g, "recovery_rate", 0.0, 0.0, 0.7935);
  assert_num(g, "net_momentum.score", -100.0);
  assert_num(g, "net_momentum.moe95", 0.0);
  cr_assert_eq(int_at(g, "nps.responses"), 0);
  assert_null_at(g, "nps.score");
  assert_null_at(g, "nps.moe95");
  assert_null_at(g, "csat.mean");
  assert_null_at(g, "csat.top2_rate");
  assert_null_at(g, "csat.fan_rate");
  assert_null_at(g, "effort.mean");
  assert_null_at(g, "effort.easy_rate");
  assert_null_at(g, "employee_satisfaction.mean");
  assert_null_at(g, "fcr_rate");
  assert_num(g, "beyond_role_rate", 0.0);
  json_object_put(r);
}

Test(report, empty_groups_have_null_indicators_and_no_nan)
{
  g_autoptr(CxmRecorder) rec = cxm_recorder_new(NULL);
  char *text = report_text(rec, NULL, ALL_GROUPS);
  assert_no_nan(text);
  json_object *r = parse(text);
  json_object *t = at(r, "totals");
  assert_group_shape(t, "totals");
  static const char *const nulls[] = {
    "momentum_rate", "disappointment_rate", "net_momentum", "difficult_rate",
    "recovery_rate", "nps.score", "nps.moe95", "csat.mean", "csat.top2_rate",
    "csat.fan_rate", "effort.mean", "effort.easy_rate",
    "employee_satisfaction.mean", "fcr_rate", "beyond_role_rate",
    "proactive_rate", "empowered_rate",
    "by_difficulty.customer_upset.recovery_rate", "emotions.fear.recovery_rate",
  };
  for (gsize i = 0; i < G_N_ELEMENTS(nulls); i++)
    assert_null_at(t, nulls[i]);
  static const char *const zeros[] = {
    "n", "momentum", "disappointment", "neutral", "difficult", "nps.responses",
    "nps.promoters", "csat.responses", "effort.responses",
    "employee_satisfaction.responses", "by_difficulty.customer_upset.count",
    "emotions.stress.count", "reasons.routine",
  };
  for (gsize i = 0; i < G_N_ELEMENTS(zeros); i++)
    cr_assert_eq(int_at(t, zeros[i]), 0, "%s", zeros[i]);
  cr_assert(json_object_get_boolean(at(t, "small_sample")));
  assert_keys(at(r, "teams"), "teams", NULL, 0);
  assert_keys(at(r, "employees"), "employees", NULL, 0);
  /* every channel, even empty (their order is checked elsewhere) */
  cr_assert_eq(json_object_object_length(at(r, "channels")), 7);
  for (gsize i = 0; i < G_N_ELEMENTS(channel_keys); i++) {
    char *p = g_strconcat("channels.", channel_keys[i], ".n", NULL);
    cr_assert_eq(int_at(r, p), 0, "%s", p);
    g_free(p);
  }
  cr_assert_eq(int_at(r, "input.records"), 0);
  cr_assert_eq(int_at(r, "totals.leadership.events"), 0);
  json_object_put(r);
  cxm_free(text);
}

Test(report, no_nan_in_a_populated_report)
{
  g_autoptr(CxmRecorder) rec = sample_recorder(NULL);
  char *text = report_text(rec, NULL, ALL_GROUPS);
  assert_no_nan(text);
  cxm_free(text);
}

Test(report, small_sample_follows_the_policy)
{
  g_autoptr(CxmPolicy) p = cxm_policy_new();
  cr_assert(cxm_policy_set(p, "min_sample", 4, NULL));
  g_autoptr(CxmRecorder) rec = sample_recorder(p);
  json_object *r = report(rec, NULL, CXM_REPORT_TEAMS);
  cr_assert_not(json_object_get_boolean(at(r, "totals.small_sample")));   /* 8 */
  cr_assert_not(json_object_get_boolean(at(r, "teams.south.small_sample"))); /* 4 */
  cr_assert(json_object_get_boolean(at(r, "teams.north.small_sample")));  /* 3 */
  json_object_put(r);
}

Test(report, suppressed_groups_show_counts_only)
{
  g_autoptr(CxmPolicy) p = cxm_policy_new();
  cr_assert(cxm_policy_set(p, "min_group", 4, NULL));
  g_autoptr(CxmRecorder) rec = sample_recorder(p);
  char *text = report_text(rec, NULL, ALL_GROUPS);
  assert_no_nan(text);
  json_object *r = parse(text);
  /* north has 3 < 4 records */
  json_object *north = at(r, "teams.north");
  assert_keys(north, "teams.north", suppressed_keys, G_N_ELEMENTS(suppressed_keys));
  cr_assert_eq(int_at(north, "n"), 3);
  cr_assert_eq(int_at(north, "momentum"), 1);
  cr_assert_eq(int_at(north, "disappointment"), 1);
  cr_assert_eq(int_at(north, "neutral"), 1);
  cr_assert(json_object_is_type(at(north, "suppressed"), json_type_boolean));
  cr_assert(json_object_get_boolean(at(north, "suppressed")));
  cr_assert(json_object_get_boolean(at(north, "small_sample")));
  /* south has 4: shown in full, without "suppressed" */
  json_object *south = at(r, "teams.south");
  assert_group_shape(south, "teams.south");
  cr_assert_not(has(south, "suppressed"));
  /* totals (8) in full; levels and channels below 4 suppressed */
  assert_group_shape(at(r, "totals"), "totals");
  assert_group_shape(at(r, "levels.frontline"), "frontline");
  assert_keys(at(r, "levels.manager"), "manager", suppressed_keys,
              G_N_ELEMENTS(suppressed_keys));
  assert_keys(at(r, "levels.unassigned"), "unassigned", suppressed_keys,
              G_N_ELEMENTS(suppressed_keys));
  assert_keys(at(r, "channels.phone"), "phone", suppressed_keys,
              G_N_ELEMENTS(suppressed_keys));
  assert_keys(at(r, "channels.other"), "other", suppressed_keys,
              G_N_ELEMENTS(suppressed_keys));
  cr_assert_eq(int_at(r, "channels.other.n"), 0);
  assert_keys(at(r, "employees.e-1"), "e-1", suppressed_keys,
              G_N_ELEMENTS(suppressed_keys));
  json_object_put(r);
  cxm_free(text);
}

Test(report, suppression_applies_to_totals_too)
{
  g_autoptr(CxmPolicy) p = cxm_policy_new();
  cr_assert(cxm_policy_set(p, "min_group", 9, NULL));
  g_autoptr(CxmRecorder) rec = sample_recorder(p);
  json_object *r = report(rec, NULL, 0);
  assert_keys(at(r, "totals"), "totals", suppressed_keys, G_N_ELEMENTS(suppressed_keys));
  cr_assert_eq(int_at(r, "totals.n"), 8);
  json_object_put(r);
}

/* ---- text form ------------------------------------------------------------ */

Test(report, compact_by_default)
{
  g_autoptr(CxmRecorder) rec = sample_recorder(NULL);
  char *text = report_text(rec, NULL, ALL_GROUPS);
  char *nl = strchr(text, '\n');
  cr_assert(nl == NULL || nl[1] == '\0', "compact report has a newline inside");
  cxm_free(text);
}

Test(report, pretty_is_valid_json_equal_in_content)
{
  g_autoptr(CxmRecorder) rec = sample_recorder(NULL);
  g_autoptr(CxmImportResult) res = cxm_import_result_new();
  char *path = data_path("mixed.jsonl");
  cr_assert(cxm_import_path(rec, path, CXM_IMPORT_DEFAULT, res, NULL));
  char *compact = report_text(rec, res, ALL_GROUPS);
  char *pretty = report_text(rec, res, ALL_GROUPS | CXM_REPORT_PRETTY);
  cr_assert_str_neq(compact, pretty);
  cr_assert_not_null(strchr(pretty, '\n'));
  cr_assert_gt(strlen(pretty), strlen(compact));
  json_object *a = parse(compact);
  json_object *b = parse(pretty);
  cr_assert(json_object_equal(a, b), "pretty and compact reports differ");
  /* and in key order */
  const char *sa = json_object_to_json_string_ext(a, JSON_C_TO_STRING_PLAIN);
  const char *sb = json_object_to_json_string_ext(b, JSON_C_TO_STRING_PLAIN);
  cr_assert_str_eq(sa, sb);
  json_object_put(a);
  json_object_put(b);
  cxm_free(compact);
  cxm_free(pretty);
  g_free(path);
}

Test(report, strings_are_escaped)
{
  g_autoptr(CxmRecorder) rec = cxm_recorder_new(NULL);
  CxmInteraction *it = cxm_interaction_new();
  const char *team = "q\"uote \\ tab\t \xc3\xa9 / \x01";
  cr_assert(cxm_interaction_set_id(it, "a", NULL));
  cr_assert(cxm_interaction_set_ts(it, 1772442900, NULL));
  cr_assert(cxm_interaction_set_channel(it, CXM_CHANNEL_WEB, NULL));
  cr_assert(cxm_interaction_set_team(it, team, NULL));
  cr_assert(cxm_recorder_record(rec, it, NULL, NULL, NULL));
  json_object *r = report(rec, NULL, CXM_REPORT_TEAMS);
  json_object *g = NULL;
  cr_assert(json_object_object_get_ex(at(r, "teams"), team, &g));
  cr_assert_eq(int_at(g, "n"), 1);
  json_object_put(r);
  cxm_interaction_free(it);
}

Test(report, rounding_of_thirds)
{
  /* 1 of 3 fans, mean 13/3: rates to 4 decimals, means to 3, scores to 2 */
  g_autoptr(CxmRecorder) rec = cxm_recorder_new(NULL);
  const char *text =
    "{\"id\":\"a\",\"ts\":1772442900,\"channel\":\"web\",\"csat\":5,\"nps\":9}\n"
    "{\"id\":\"b\",\"ts\":1772442900,\"channel\":\"web\",\"csat\":4,\"nps\":8}\n"
    "{\"id\":\"c\",\"ts\":1772442900,\"channel\":\"web\",\"csat\":4,\"nps\":8}\n";
  cr_assert(cxm_import_data(rec, text, strlen(text), NULL,
                                     CXM_IMPORT_STRICT, NULL, NULL));
  json_object *r = report(rec, NULL, 0);
  json_object *t = at(r, "totals");
  assert_num(t, "csat.mean", 4.333);
  assert_num(t, "csat.fan_rate", 0.3333);
  assert_num(t, "csat.top2_rate", 1.0);
  /* nps: 1 promoter, 2 passives: score 33.33; var (1/3 - 1/9)/3,
   * moe 100 z sqrt(2/27) = 53.34 */
  assert_num(t, "nps.score", 33.33);
  assert_num(t, "nps.moe95", 53.34);
  /* momentum 1 of 3 (delighted), neutral 2 (routine) */
  assert_rate_at(t, "momentum_rate", 0.3333, 0.0615, 0.7923);
  assert_num(t, "net_momentum.score", 33.33);
  json_object_put(r);
}

/* Found by fuzzing: the same string for both periods looped for ever. */
Test(report, comparing_a_period_with_itself)
{
  GError *err = NULL;
  g_autoptr(CxmRecorder) rec = cxm_recorder_new(NULL);
  const char *week = "2026-W10";
  cr_assert(cxm_recorder_record_json(rec, "{\"id\":\"a\",\"ts\":\"2026-03-02T09:15:00Z\","
                                          "\"channel\":\"web\"}", -1, NULL, &err));
  char *json = report_compared(rec, NULL, CXM_REPORT_WEEKS, week, week, &err);
  cr_assert_not_null(json, "%s", err ? err->message : "");
  cr_assert_not_null(strstr(json, "\"comparison\""));
  cxm_free(json);
}

/* ---- formats, options and the writer ------------------------------------ */

/* Collects what a writer hands over, in blocks of any size; fails once
 * @fail_after bytes have come (0: never). */
typedef struct {
  GString *text;
  guint calls;
  gsize fail_after;
} Collector;

static gboolean
collect(const char *data, gsize length, gpointer user_data, GError **error)
{
  Collector *c = user_data;
  c->calls++;
  cr_assert_gt(length, 0, "a writer never hands over nothing");
  g_string_append_len(c->text, data, (gssize) length);
  if (c->fail_after > 0 && c->text->len >= c->fail_after) {
    g_set_error_literal(error, G_FILE_ERROR, G_FILE_ERROR_NOSPC, "disk full");
    return FALSE;
  }
  return TRUE;
}

static CxmReportOptions *
options_for(CxmReportFormat format, unsigned int flags)
{
  CxmReportOptions *options = cxm_report_options_new();
  cxm_report_options_set_format(options, format);
  cxm_report_options_set_flags(options, flags);
  return options;
}

Test(report, every_format_writes_the_same_bytes_as_it_returns)
{
  g_autoptr(CxmRecorder) rec = sample_recorder(NULL);
  for (int format = 0; format < CXM_REPORT_FORMAT_COUNT; format++) {
    g_autoptr(CxmReportOptions) options =
        options_for(format, ALL_GROUPS | CXM_REPORT_WEEKS | CXM_REPORT_HOTSPOTS);
    Collector c = {g_string_new(NULL), 0, 0};
    GError *err = NULL;
    gsize length = 0;
    g_autofree char *text = cxm_report_to_string(rec, NULL, options, &length, &err);
    cr_assert_not_null(text, "%s", err ? err->message : "?");
    cr_assert_eq(length, strlen(text));
    cr_assert(cxm_report_write(rec, NULL, options, collect, &c, &err));
    cr_assert_str_eq(c.text->str, text, "format %s", cxm_report_format_name(format));
    g_string_free(c.text, TRUE);
  }
}

Test(report, the_json_format_is_cxm_report_to_json)
{
  g_autoptr(CxmRecorder) rec = sample_recorder(NULL);
  g_autoptr(CxmReportOptions) options = options_for(CXM_REPORT_JSON, ALL_GROUPS);
  g_autofree char *a = cxm_report_to_string(rec, NULL, options, NULL, NULL);
  g_autofree char *b = report_text(rec, NULL, ALL_GROUPS);
  cr_assert_str_eq(a, b);
  /* NULL options: JSON of totals and levels. */
  g_autofree char *c = cxm_report_to_string(rec, NULL, NULL, NULL, NULL);
  g_autofree char *d = report_text(rec, NULL, 0);
  cr_assert_str_eq(c, d);
}

Test(report, pretty_json_holds_the_same_document_streamed)
{
  g_autoptr(CxmRecorder) rec = sample_recorder(NULL);
  const unsigned int flags = ALL_GROUPS | CXM_REPORT_DAYS | CXM_REPORT_HOTSPOTS;
  g_autofree char *plain = report_text(rec, NULL, flags);
  g_autofree char *pretty = report_text(rec, NULL, flags | CXM_REPORT_PRETTY);
  json_object *a = json_tokener_parse(plain), *b = json_tokener_parse(pretty);
  cr_assert_not_null(a);
  cr_assert_not_null(b);
  cr_assert(json_object_equal(a, b));
  /* Exactly what json-c prints for the whole document. */
  cr_assert_str_eq(pretty, json_object_to_json_string_ext(
                               a, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED |
                                      JSON_C_TO_STRING_NOSLASHESCAPE));
  json_object_put(a);
  json_object_put(b);
}

Test(report, a_failing_writer_stops_the_report_with_its_error)
{
  g_autoptr(CxmRecorder) rec = cxm_recorder_new(NULL);
  g_autoptr(CxmImportResult) res = cxm_import_result_new();
  GString *data = g_string_new(NULL);
  for (int i = 0; i < 3000; i++)
    g_string_append_printf(data,
                           "{\"id\":\"r%d\",\"ts\":1772442900,\"channel\":\"web\","
                           "\"employee\":\"e-%d\",\"csat\":5}\n", i, i);
  cr_assert(cxm_import_data(rec, data->str, data->len, NULL, 0, res, NULL));
  g_string_free(data, TRUE);
  g_autoptr(CxmReportOptions) options = options_for(CXM_REPORT_JSON, CXM_REPORT_EMPLOYEES);
  g_autofree char *whole = cxm_report_to_string(rec, NULL, options, NULL, NULL);
  cr_assert_gt(strlen(whole), 200000, "the report spans several blocks");

  Collector c = {g_string_new(NULL), 0, 1};
  GError *err = NULL;
  cr_assert_not(cxm_report_write(rec, NULL, options, collect, &c, &err));
  cr_assert(g_error_matches(err, G_FILE_ERROR, G_FILE_ERROR_NOSPC), "%s",
            err ? err->message : "no error");
  cr_assert_eq(c.calls, 1, "no block after the failed one");
  cr_assert_lt(c.text->len, strlen(whole));
  g_clear_error(&err);
  g_string_free(c.text, TRUE);
}

Test(report, the_csv_and_table_of_one_record)
{
  g_autoptr(CxmRecorder) rec = cxm_recorder_new(NULL);
  cr_assert(cxm_recorder_record_json(
      rec, "{\"id\":\"a\",\"ts\":1772442900,\"channel\":\"phone\",\"team\":\"north\","
           "\"level\":\"frontline\",\"csat\":5,\"difficulties\":[\"customer_upset\"]}",
      -1, NULL, NULL));
  g_autoptr(CxmReportOptions) csv = options_for(CXM_REPORT_CSV, CXM_REPORT_TEAMS);
  g_autofree char *text = cxm_report_to_string(rec, NULL, csv, NULL, NULL);
  g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
  cr_assert_eq(g_strv_length(lines), 7, "header, totals, 3 levels, a team, the end");
  cr_assert(g_str_has_prefix(lines[0], "period,group,key,n,momentum,"));
  /* Wilson for 1 of 1 at z = 1.959964: [0.2065, 1]; for 0 of 1: [0, 0.7935]. */
  const char *totals = ",totals,,1,1,0,0,1.0,0.2065,1.0,0.0,0.0,0.7935,100.0,0.0,1,1.0,"
                       "1.0,0.2065,1.0,0,,,1,5.0,1.0,1.0,0,,,0,,,0.0,0.0,0.0,true,false";
  /* Leadership: no events, one active team-week that missed the cadence
   * (0 of 1), its one interaction a Momentum; no employee to coach. */
  const char *lead = ",0,0,0,0,0,0,,,,,,0.0,1,0,0,0.0,0.0,0.7935,0.0,0.0,0.7935,"
                     "0,,,,1,1.0,0.2065,1.0,,,,";
  /* Then period_start, team, level and channel: all empty here. */
  g_autofree char *totals_row = g_strconcat(totals, lead, ",0,0,,,", ",,,,", NULL);
  cr_assert_str_eq(lines[1], totals_row);
  cr_assert_str_eq(lines[3], ",level,manager,0,0,0,0,,,,,,,,,0,,,,,0,,,0,,,,0,,,0,,,,,,"
                             "true,false,0,0,0,0,0,0,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,"
                             ",,,,");
  /* a team has no coaching coverage (totals and scopes only) */
  g_autofree char *team_row =
      g_strconcat(totals + strlen(",totals,"), lead, ",,,,,", ",,,,", NULL);
  cr_assert_str_eq(lines[5] + strlen(",team,north"), team_row);
  cr_assert_str_eq(lines[6], "");

  g_autoptr(CxmReportOptions) table = options_for(CXM_REPORT_TABLE, 0);
  g_autofree char *t = cxm_report_to_string(rec, NULL, table, NULL, NULL);
  cr_assert(g_str_has_prefix(t, "policy \"default\": 1 records, 1 accepted (0 leadership), "
                                "0 rejected\n"),
            "%s", t);
  /* The disappointment rate's Wilson interval for 0 of 1 is 0-79. */
  cr_assert_not_null(strstr(t, "\ntotals                   1* 100.0   0.0    0-79 +100.0 ±  0.0 "
                               "100.0      - 100.0\n"),
                     "%s", t);
  cr_assert(g_str_has_suffix(t, "-: no data.\n"));
}

/* Field @i (0-based) of a CSV line without quoted fields. */
static char *
csv_field(const char *line, guint i)
{
  g_auto(GStrv) fields = g_strsplit(line, ",", -1);
  cr_assert_lt(i, g_strv_length(fields), "%s", line);
  return g_strdup(fields[i]);
}

/* The columns after coaching_coverage_high (field 75). */
#define CSV_PERIOD_START 76
#define CSV_TEAM 77
#define CSV_LEVEL 78
#define CSV_CHANNEL 79

Test(report, csv_period_start_and_employee_team_and_level)
{
  g_autoptr(CxmOrg) org = cxm_org_new_from_data(
      "{\"people\": [{\"id\": \"e-1\", \"level\": \"frontline\", \"team\": \"north\"}]}",
      -1, NULL);
  cr_assert_not_null(org);
  g_autoptr(CxmRecorder) rec = cxm_recorder_new(NULL);
  cr_assert(cxm_recorder_set_org(rec, org, NULL));
  /* 2026-03-04 (a Wednesday of 2026-W10): the record's team and level are
   * not the org's, and the CSV's employee columns are the org's. */
  cr_assert(cxm_recorder_record_json(
      rec, "{\"id\":\"a\",\"ts\":\"2026-03-04T10:00:00Z\",\"channel\":\"web\","
           "\"employee\":\"e-1\",\"team\":\"south\",\"level\":\"manager\",\"csat\":5}",
      -1, NULL, NULL));
  cr_assert(cxm_recorder_record_json(
      rec, "{\"id\":\"b\",\"ts\":\"2026-03-04T11:00:00Z\",\"channel\":\"web\","
           "\"employee\":\"x-9\",\"csat\":1}",
      -1, NULL, NULL));
  g_autoptr(CxmReportOptions) o = options_for(
      CXM_REPORT_CSV, CXM_REPORT_EMPLOYEES | CXM_REPORT_WEEKS | CXM_REPORT_MONTHS);
  g_autofree char *text = cxm_report_to_string(rec, NULL, o, NULL, NULL);
  g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
  /* header, totals, 4 levels, 2 employees, week totals + 4 levels, month
   * totals + 4 levels, the end */
  cr_assert_eq(g_strv_length(lines), 19, "%s", text);
  cr_assert(g_str_has_suffix(lines[0], ",coaching_coverage_high,period_start,team,level,"
                                       "channel"));
  cr_assert(g_str_has_prefix(lines[6], ",employee,e-1,"), "%s", lines[6]);
  cr_assert(g_str_has_suffix(lines[6], ",,north,frontline,"), "%s", lines[6]);
  cr_assert(g_str_has_prefix(lines[7], ",employee,x-9,"), "%s", lines[7]);
  cr_assert(g_str_has_suffix(lines[7], ",,,,"), "%s", lines[7]);
  cr_assert(g_str_has_prefix(lines[8], "2026-W10,totals,,2,"), "%s", lines[8]);
  g_autofree char *week_start = csv_field(lines[8], CSV_PERIOD_START);
  cr_assert_str_eq(week_start, "2026-03-02");
  cr_assert(g_str_has_prefix(lines[12], "2026-W10,level,unassigned,"), "%s", lines[12]);
  g_autofree char *level_start = csv_field(lines[12], CSV_PERIOD_START);
  cr_assert_str_eq(level_start, "2026-03-02");
  cr_assert(g_str_has_prefix(lines[13], "2026-03,totals,,2,"), "%s", lines[13]);
  g_autofree char *month_start = csv_field(lines[13], CSV_PERIOD_START);
  cr_assert_str_eq(month_start, "2026-03-01");
  g_autofree char *all_time = csv_field(lines[1], CSV_PERIOD_START);
  cr_assert_str_eq(all_time, "");
}

/* Three hot spots: customer_upset in team big (10 records, 4
 * disappointments), in team tiny (1 record, 1 disappointment) and on
 * channel phone (11 records, 5 disappointments). */
static CxmRecorder *
hotspot_recorder(void)
{
  CxmRecorder *rec = cxm_recorder_new(NULL);
  for (int i = 0; i < 11; i++) {
    g_autofree char *line = g_strdup_printf(
        "{\"id\":\"h%d\",\"ts\":\"2026-03-04T10:00:00Z\",\"channel\":\"phone\","
        "\"team\":\"%s\",\"csat\":%d,\"difficulties\":[\"customer_upset\"]}",
        i, i < 10 ? "big" : "tiny", i < 4 || i == 10 ? 1 : i < 7 ? 5 : 3);
    cr_assert(cxm_recorder_record_json(rec, line, -1, NULL, NULL));
  }
  return rec;
}

Test(report, csv_hotspot_rows)
{
  g_autoptr(CxmRecorder) rec = hotspot_recorder();
  g_autoptr(CxmReportOptions) o = options_for(CXM_REPORT_CSV, CXM_REPORT_HOTSPOTS);
  g_autofree char *text = cxm_report_to_string(rec, NULL, o, NULL, NULL);
  g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
  /* header, totals, 4 levels, 3 hot spots, the end */
  cr_assert_eq(g_strv_length(lines), 10, "%s", text);
  /* Most disappointments first: phone (5 of 11), big (4 of 10), tiny.
   * Wilson at z = 1.959964 for 3 of 11: [0.0975, 0.5656]; 5 of 11:
   * [0.2127, 0.7199]. 3 records of 11 are neutral (csat 3). */
  cr_assert_str_eq(lines[6], ",hotspot,customer_upset,11,3,5,3,0.2727,0.0975,0.5656,"
                             "0.4545,0.2127,0.7199,,,11,,0.2727,0.0975,0.5656,"
                             ",,,,,,,,,,,,,,,,true,false"
                             ",,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,"
                             ",,,,phone");
  cr_assert(g_str_has_prefix(lines[7], ",hotspot,customer_upset,10,3,4,3,"), "%s", lines[7]);
  g_autofree char *team = csv_field(lines[7], CSV_TEAM);
  cr_assert_str_eq(team, "big");
  cr_assert(g_str_has_prefix(lines[8], ",hotspot,customer_upset,1,0,1,0,"), "%s", lines[8]);
  cr_assert(g_str_has_suffix(lines[8], ",tiny,,"), "%s", lines[8]);
  cr_assert_str_eq(lines[9], "");
}

Test(report, hotspots_ranked_by_rate_with_a_minimum_count)
{
  g_autoptr(CxmRecorder) rec = hotspot_recorder();
  g_autoptr(CxmReportOptions) o = options_for(CXM_REPORT_CSV, CXM_REPORT_HOTSPOTS);
  GError *err = NULL;

  /* By rate, tiny's 1 of 1 comes first, then phone's 5/11 before big's 4/10. */
  cr_assert(cxm_report_options_set_hotspot_rank(o, "disappointment_rate", 0, &err));
  g_autofree char *all = cxm_report_to_string(rec, NULL, o, NULL, NULL);
  g_auto(GStrv) a = g_strsplit(all, "\n", -1);
  cr_assert_eq(g_strv_length(a), 10, "%s", all);
  cr_assert(g_str_has_prefix(a[6], ",hotspot,customer_upset,1,0,1,0,"), "%s", a[6]);
  cr_assert(g_str_has_prefix(a[7], ",hotspot,customer_upset,11,"), "%s", a[7]);
  cr_assert(g_str_has_prefix(a[8], ",hotspot,customer_upset,10,"), "%s", a[8]);

  /* A minimum of 2 records leaves tiny out. */
  cr_assert(cxm_report_options_set_hotspot_rank(o, "disappointment_rate", 2, &err));
  g_autofree char *cut = cxm_report_to_string(rec, NULL, o, NULL, NULL);
  g_auto(GStrv) c = g_strsplit(cut, "\n", -1);
  cr_assert_eq(g_strv_length(c), 9, "%s", cut);
  cr_assert(g_str_has_prefix(c[6], ",hotspot,customer_upset,11,"), "%s", c[6]);
  cr_assert(g_str_has_prefix(c[7], ",hotspot,customer_upset,10,"), "%s", c[7]);

  /* The lowest recovery first: phone (3 of 11) before big (3 of 10). */
  cr_assert(cxm_report_options_set_hotspot_rank(o, "recovery_rate", 2, &err));
  g_autofree char *rec_text = cxm_report_to_string(rec, NULL, o, NULL, NULL);
  g_auto(GStrv) r = g_strsplit(rec_text, "\n", -1);
  cr_assert(g_str_has_prefix(r[6], ",hotspot,customer_upset,11,"), "%s", r[6]);
  cr_assert(g_str_has_prefix(r[7], ",hotspot,customer_upset,10,"), "%s", r[7]);

  /* An unknown ranking changes nothing. */
  cr_assert_not(cxm_report_options_set_hotspot_rank(o, "count", 0, &err));
  cr_assert_eq(err->code, CXM_ERROR_INVALID_ARGUMENT);
  g_clear_error(&err);
  g_autofree char *same = cxm_report_to_string(rec, NULL, o, NULL, NULL);
  cr_assert_str_eq(same, rec_text);

  /* The JSON report ranks the same way. */
  cr_assert(cxm_report_options_set_hotspot_rank(o, "disappointment_rate", 2, &err));
  cxm_report_options_set_format(o, CXM_REPORT_JSON);
  g_autofree char *json = cxm_report_to_string(rec, NULL, o, NULL, NULL);
  const char *spots = strstr(json, "\"hotspots\":[");
  cr_assert_not_null(spots, "%s", json);
  cr_assert(g_str_has_prefix(spots, "\"hotspots\":[{\"difficulty\":\"customer_upset\","
                                    "\"channel\":\"phone\",\"count\":11,"),
            "%s", spots);
  cr_assert_null(strstr(spots, "\"tiny\""), "%s", spots);
}

Test(report, format_names)
{
  cr_assert_str_eq(cxm_report_format_name(CXM_REPORT_JSON), "json");
  cr_assert_str_eq(cxm_report_format_name(CXM_REPORT_TABLE), "table");
  cr_assert_str_eq(cxm_report_format_name(CXM_REPORT_CSV), "csv");
  for (int f = 0; f < CXM_REPORT_FORMAT_COUNT; f++)
    cr_assert_eq(cxm_report_format_from_name(cxm_report_format_name(f)), f);
  cr_assert_eq(cxm_report_format_from_name("xml"), CXM_UNSET);
  cr_assert_eq(cxm_report_format_from_name(NULL), CXM_UNSET);
}

Test(report, group_names_add_flags_and_bad_ones_change_nothing)
{
  g_autoptr(CxmReportOptions) o = cxm_report_options_new();
  GError *err = NULL;
  cr_assert_eq(cxm_report_options_get_format(o), CXM_REPORT_JSON);
  cr_assert_eq(cxm_report_options_get_flags(o), 0);
  cr_assert(cxm_report_options_add_groups(o, "teams,periods:week", &err));
  cr_assert(cxm_report_options_add_groups(o, "hotspots", &err));
  cr_assert_eq(cxm_report_options_get_flags(o),
               CXM_REPORT_TEAMS | CXM_REPORT_WEEKS | CXM_REPORT_HOTSPOTS);
  cr_assert_not(cxm_report_options_add_groups(o, "channels,planets", &err));
  assert_error(err, CXM_ERROR_INVALID_ARGUMENT,
               "unknown group \"planets\" (expected teams, employees, channels, "
               "periods:day, periods:week, periods:month, scopes or hotspots)");
  cr_assert_not(cxm_report_options_add_groups(o, "periods", &err));
  assert_error(err, CXM_ERROR_INVALID_ARGUMENT,
               "group \"periods\" needs a kind: periods:day, periods:week or periods:month");
  cr_assert_eq(cxm_report_options_get_flags(o),
               CXM_REPORT_TEAMS | CXM_REPORT_WEEKS | CXM_REPORT_HOTSPOTS,
               "a refused list adds none of its groups");
  cr_assert_not(cxm_report_options_add_groups(o, NULL, &err));
  assert_error(err, CXM_ERROR_INVALID_ARGUMENT, NULL);
  cr_assert_not(cxm_report_options_add_groups(o, "scopes:unassigned", &err));
  assert_error(err, CXM_ERROR_INVALID_ARGUMENT,
               "group \"scopes:unassigned\": the scopes of a level are scopes:frontline, "
               "scopes:manager or scopes:senior_leader");
  cr_assert_not(cxm_report_options_add_groups(o, "scopes:manager,scopes:", &err));
  assert_error(err, CXM_ERROR_INVALID_ARGUMENT,
               "group \"scopes:\": the scopes of a level are scopes:frontline, "
               "scopes:manager or scopes:senior_leader");
  cr_assert_eq(cxm_report_options_get_flags(o),
               CXM_REPORT_TEAMS | CXM_REPORT_WEEKS | CXM_REPORT_HOTSPOTS);
  cr_assert(cxm_report_options_add_groups(o, "scopes:manager", &err));
  cr_assert_eq(cxm_report_options_get_flags(o), CXM_REPORT_TEAMS | CXM_REPORT_WEEKS |
                                                    CXM_REPORT_HOTSPOTS | CXM_REPORT_SCOPES);
}

/* Two roots and a branching tree whose bytewise order is not the org
 * chart's: z-vp leads y-mgr (a-agent) and c-mgr (d-agent); b-vp leads no
 * one. */
static const char tree_org[] =
    "{\"people\": [\n"
    "  {\"id\": \"z-vp\", \"level\": \"senior_leader\"},\n"
    "  {\"id\": \"b-vp\", \"level\": \"senior_leader\"},\n"
    "  {\"id\": \"y-mgr\", \"level\": \"manager\", \"manager\": \"z-vp\"},\n"
    "  {\"id\": \"c-mgr\", \"level\": \"manager\", \"manager\": \"z-vp\"},\n"
    "  {\"id\": \"a-agent\", \"level\": \"frontline\", \"manager\": \"y-mgr\"},\n"
    "  {\"id\": \"d-agent\", \"level\": \"frontline\", \"manager\": \"c-mgr\"}\n"
    "]}\n";

static CxmRecorder *
tree_recorder(void)
{
  g_autoptr(CxmOrg) org = cxm_org_new_from_data(tree_org, -1, NULL);
  CxmRecorder *rec = cxm_recorder_new(NULL);
  cr_assert_not_null(org);
  cr_assert(cxm_recorder_set_org(rec, org, NULL));
  cr_assert(cxm_recorder_record_json(
      rec, "{\"id\":\"1\",\"ts\":\"2026-03-02T09:00:00Z\",\"channel\":\"web\","
           "\"employee\":\"a-agent\",\"csat\":5}", -1, NULL, NULL));
  return rec;
}

static char *
written(const CxmRecorder *rec, const CxmReportOptions *options)
{
  GError *err = NULL;
  char *text = cxm_report_to_string(rec, NULL, options, NULL, &err);
  cr_assert_not_null(text, "report: %s", err ? err->message : "?");
  return text;
}

/* The first cells of the table's rows after its "scope" header, up to the
 * blank line, must be @rows, as written (indentation included). */
static void
assert_scope_rows(const char *table, const char *const *rows, gsize n)
{
  const char *section = strstr(table, "\nscope ");
  cr_assert_not_null(section, "%s", table);
  g_auto(GStrv) lines = g_strsplit(section + 1, "\n", -1);
  gsize i = 0;
  for (char **line = lines + 1; *line != NULL && **line != '\0'; line++, i++) {
    cr_assert_lt(i, n, "row %zu: \"%s\" is one too many", i, *line);
    cr_assert(g_str_has_prefix(*line, rows[i]) && (*line)[strlen(rows[i])] == ' ',
              "row %zu: \"%s\", expected \"%s\"", i, *line, rows[i]);
  }
  cr_assert_eq(i, n, "%zu rows, expected %zu", i, n);
}

Test(report, scopes_come_in_org_chart_order_indented_in_the_table)
{
  g_autoptr(CxmRecorder) rec = tree_recorder();
  static const char *const tree[] = { "b-vp", "z-vp", "c-mgr", "d-agent", "y-mgr", "a-agent" };
  static const char *const rows[] = { "b-vp",      "z-vp",        "  (own)",
                                      "  c-mgr",   "    (own)",   "    d-agent",
                                      "  y-mgr",   "    (own)",   "    a-agent" };
  g_autoptr(CxmReportOptions) o = options_for(CXM_REPORT_JSON, CXM_REPORT_SCOPES);
  g_autofree char *text = written(rec, o);
  json_object *r = parse(text);
  gsize i = 0;

  json_object_object_foreach(at(r, "scopes"), key, val) {
    (void) val;
    cr_assert_lt(i, G_N_ELEMENTS(tree));
    cr_assert_str_eq(key, tree[i], "scope %zu", i);
    i++;
  }
  cr_assert_eq(i, G_N_ELEMENTS(tree));
  cr_assert_eq(int_at(r, "scopes.z-vp.cumulative.n"), 1);
  json_object_put(r);

  cxm_report_options_set_format(o, CXM_REPORT_TABLE);
  g_free(text);
  text = written(rec, o);
  assert_scope_rows(text, rows, G_N_ELEMENTS(rows));
}

Test(report, a_levels_scopes_keep_its_people_only_unindented)
{
  g_autoptr(CxmRecorder) rec = tree_recorder();
  static const char *const managers[] = { "c-mgr", "  (own)", "y-mgr", "  (own)" };
  static const char *const frontline[] = { "d-agent", "a-agent" };
  static const char *const ranked[] = { "z-vp", "  (own)", "y-mgr", "  (own)" };
  g_autoptr(CxmReportOptions) o = options_for(CXM_REPORT_TABLE, 0);
  g_autofree char *text = NULL;

  cr_assert(cxm_report_options_add_groups(o, "scopes:manager", NULL));
  text = written(rec, o);
  assert_scope_rows(text, managers, G_N_ELEMENTS(managers));
  g_free(text);

  cr_assert(cxm_report_options_add_groups(o, "scopes:frontline", NULL));
  text = written(rec, o);
  assert_scope_rows(text, frontline, G_N_ELEMENTS(frontline));
  g_free(text);

  /* Ranked, the scopes show no tree either: n descending (z-vp, y-mgr and
   * a-agent have 1), ties in org-chart order. */
  g_autoptr(CxmReportOptions) all = options_for(CXM_REPORT_TABLE, CXM_REPORT_SCOPES);
  cr_assert(cxm_report_options_set_sort(all, "n", TRUE, NULL));
  cxm_report_options_set_top(all, 2);
  text = written(rec, all);
  assert_scope_rows(text, ranked, G_N_ELEMENTS(ranked));
}

Test(report, a_width_widens_the_table_only)
{
  static const char long_org[] =
      "{\"people\": [{\"id\": \"vp-customer-experience-americas\", "
      "\"level\": \"senior_leader\"}]}";
  g_autoptr(CxmOrg) org = cxm_org_new_from_data(long_org, -1, NULL);
  g_autoptr(CxmRecorder) rec = cxm_recorder_new(NULL);
  cr_assert(cxm_recorder_set_org(rec, org, NULL));
  for (int format = 0; format < CXM_REPORT_FORMAT_COUNT; format++) {
    g_autoptr(CxmReportOptions) o = options_for(format, CXM_REPORT_SCOPES);
    g_autofree char *narrow = written(rec, o);
    cxm_report_options_set_width(o, 80);
    g_autofree char *same = written(rec, o);
    cxm_report_options_set_width(o, 200);
    g_autofree char *wide = written(rec, o);
    cr_assert_str_eq(same, narrow, "80 columns are the default");
    if (format != CXM_REPORT_TABLE) {
      cr_assert_str_eq(wide, narrow, "%s ignores the width", cxm_report_format_name(format));
      continue;
    }
    cr_assert_not_null(strstr(narrow, "\nvp-customer-experi…      0* "), "%s", narrow);
    /* The name and a space: 32 columns, 12 more than at 80. */
    cr_assert_not_null(strstr(wide, "\nvp-customer-experience-americas      0* "), "%s",
                       wide);
    cr_assert_not_null(strstr(wide, "\nscope                           "
                                    "     n   mom%  dis%"),
                       "%s", wide);
  }
}

Test(report, a_comparison_is_checked_when_it_is_set)
{
  g_autoptr(CxmReportOptions) o = cxm_report_options_new();
  GError *err = NULL;
  cr_assert_not(cxm_report_options_set_compare(o, "2026-W10", "2026-W11", &err));
  assert_error(err, CXM_ERROR_INVALID_ARGUMENT,
               "a comparison needs exactly one period kind (day, week or month)");
  cxm_report_options_set_flags(o, CXM_REPORT_WEEKS);
  cr_assert_not(cxm_report_options_set_compare(o, "2026-W10", NULL, &err));
  assert_error(err, CXM_ERROR_INVALID_ARGUMENT, "a comparison needs two periods");
  cr_assert_not(cxm_report_options_set_compare(o, "2026-W10", "2026-03", &err));
  assert_error(err, CXM_ERROR_INVALID_ARGUMENT, "\"2026-03\" is not a week period");
  cr_assert(cxm_report_options_set_compare(o, "2026-W10", "2026-W11", &err));
  cr_assert(cxm_report_options_set_compare(o, NULL, NULL, &err), "removes it");
}

Test(report, scopes_without_an_org_are_an_error_in_every_format)
{
  g_autoptr(CxmRecorder) rec = cxm_recorder_new(NULL);
  for (int format = 0; format < CXM_REPORT_FORMAT_COUNT; format++) {
    g_autoptr(CxmReportOptions) o = options_for(format, CXM_REPORT_SCOPES);
    Collector c = {g_string_new(NULL), 0, 0};
    GError *err = NULL;
    cr_assert_null(cxm_report_to_string(rec, NULL, o, NULL, &err));
    assert_error(err, CXM_ERROR_INVALID_ARGUMENT, NULL);
    cr_assert_not(cxm_report_write(rec, NULL, o, collect, &c, &err));
    assert_error(err, CXM_ERROR_INVALID_ARGUMENT, NULL);
    cr_assert_eq(c.calls, 0);
    g_string_free(c.text, TRUE);
  }
  GError *err = NULL;
  cr_assert_not(cxm_report_write(rec, NULL, NULL, NULL, NULL, &err));
  assert_error(err, CXM_ERROR_INVALID_ARGUMENT, "cxm_report_write: write must not be NULL");
}
