/* SPDX-License-Identifier: MIT */
/* Tests of CxmPolicy (policy.h): defaults, settings, files, fingerprint. */
#include <criterion/criterion.h>
#include <math.h>
#include <string.h>
#include <cxm/cxm.h>
#include "test-util.h"

/* A CXM_ERROR_POLICY error whose message names @key. */
#define assert_policy_error(err, key)                                         \
  do {                                                                        \
    cr_assert_not_null((err), "expected an error");                           \
    cr_assert_eq((err)->domain, CXM_ERROR);                                   \
    cr_assert_eq((err)->code, CXM_ERROR_POLICY, "code %d: \"%s\"",           \
                 (err)->code, (err)->message);                               \
    cr_assert_not_null(strstr((err)->message, (key)),                        \
                       "\"%s\" does not name %s", (err)->message, (key));    \
    g_clear_error(&(err));                                                    \
  } while (0)

static double
get(const CxmPolicy *policy, const char *key)
{
  GError *err = NULL;
  double value = -12345.0;
  gboolean ok = cxm_policy_get(policy, key, &value, &err);
  cr_assert(ok, "get %s: %s", key, err ? err->message : "?");
  cr_assert_null(err);
  return value;
}

static void
set_ok(CxmPolicy *policy, const char *key, double value)
{
  GError *err = NULL;
  gboolean ok = cxm_policy_set(policy, key, value, &err);
  cr_assert(ok, "set %s = %g: %s", key, value, err ? err->message : "?");
  cr_assert_null(err);
  cr_assert_eq(get(policy, key), value);
}

/* A refused set: FALSE, a CXM_ERROR_POLICY or CXM_ERROR_RANGE error, and
 * the policy unchanged (fingerprint and value). */
static void
set_refused(CxmPolicy *policy, const char *key, double value)
{
  GError *err = NULL;
  char *before = g_strdup(cxm_policy_get_fingerprint(policy));
  double old = get(policy, key);
  cr_assert_not(cxm_policy_set(policy, key, value, &err),
                "set %s = %.17g accepted", key, value);
  cr_assert_not_null(err);
  cr_assert_eq(err->domain, CXM_ERROR);
  cr_assert(err->code == CXM_ERROR_POLICY || err->code == CXM_ERROR_RANGE,
            "set %s = %g: code %d \"%s\"", key, value, err->code, err->message);
  g_clear_error(&err);
  cr_assert_eq(get(policy, key), old, "refused %s changed the value", key);
  cr_assert_str_eq(cxm_policy_get_fingerprint(policy), before);
  g_free(before);
}

static const char *const numeric_keys[] = {
  "csat_positive_min", "csat_negative_max", "nps_positive_min",
  "nps_negative_max", "effort_positive_min", "effort_negative_max",
  "employee_hurt_max", "employee_satisfied_min", "delighted_csat_min",
  "delighted_nps_min", "z", "min_sample", "min_group"
};

static const double default_values[] = {
  4, 2, 9, 6, 5, 3, 2, 4, 5, 9, 1.959964, 30, 0
};

/* For each key, another valid value (consistent with the defaults). */
static const double other_values[] = {
  5, 1, 10, 5, 6, 2, 1, 3, 4, 10, 2.575829, 31, 5
};

static void
assert_values(const CxmPolicy *policy, const double *values)
{
  for (gsize i = 0; i < G_N_ELEMENTS(numeric_keys); i++)
    cr_assert_eq(get(policy, numeric_keys[i]), values[i], "%s: %.17g",
                 numeric_keys[i], get(policy, numeric_keys[i]));
}

/* ---- defaults and get/set ----------------------------------------------- */

Test(policy, defaults_are_those_of_the_spec)
{
  g_autoptr(CxmPolicy) p = cxm_policy_new();
  cr_assert_not_null(p);
  cr_assert_str_eq(cxm_policy_get_name(p), "default");
  assert_values(p, default_values);
}

Test(policy, free_accepts_null)
{
  cxm_policy_free(NULL);
}

Test(policy, set_then_get_every_key)
{
  g_autoptr(CxmPolicy) p = cxm_policy_new();
  for (gsize i = 0; i < G_N_ELEMENTS(numeric_keys); i++)
    set_ok(p, numeric_keys[i], other_values[i]);
  assert_values(p, other_values);
}

Test(policy, unknown_key_is_refused_by_set_and_get)
{
  g_autoptr(CxmPolicy) p = cxm_policy_new();
  GError *err = NULL;
  double value = 42.0;
  cr_assert_not(cxm_policy_set(p, "csat_positive_minimum", 5, &err));
  assert_policy_error(err, "csat_positive_minimum");
  cr_assert_not(cxm_policy_get(p, "csat_positive_minimum", &value, &err));
  assert_policy_error(err, "csat_positive_minimum");
  cr_assert_eq(value, 42.0);
  /* name is a string setting, not a numeric one */
  cr_assert_not(cxm_policy_set(p, "name", 1, &err));
  cr_assert_not_null(err);
  g_clear_error(&err);
  cr_assert_not(cxm_policy_set(p, "", 1, &err));
  cr_assert_not_null(err);
  g_clear_error(&err);
  /* keys are case-sensitive */
  cr_assert_not(cxm_policy_set(p, "Z", 2, &err));
  cr_assert_not_null(err);
  g_clear_error(&err);
  assert_values(p, default_values);
}

Test(policy, null_arguments_are_invalid_argument)
{
  g_autoptr(CxmPolicy) p = cxm_policy_new();
  GError *err = NULL;
  double value;
  cr_assert_not(cxm_policy_set(NULL, "z", 2, &err));
  assert_error(err, CXM_ERROR_INVALID_ARGUMENT, NULL);
  cr_assert_not(cxm_policy_set(p, NULL, 2, &err));
  assert_error(err, CXM_ERROR_INVALID_ARGUMENT, NULL);
  cr_assert_not(cxm_policy_get(NULL, "z", &value, &err));
  assert_error(err, CXM_ERROR_INVALID_ARGUMENT, NULL);
  cr_assert_not(cxm_policy_get(p, NULL, &value, &err));
  assert_error(err, CXM_ERROR_INVALID_ARGUMENT, NULL);
  cr_assert_not(cxm_policy_get(p, "z", NULL, &err));
  assert_error(err, CXM_ERROR_INVALID_ARGUMENT, NULL);
  cr_assert_not(cxm_policy_set_name(NULL, "x", &err));
  assert_error(err, CXM_ERROR_INVALID_ARGUMENT, NULL);
  cr_assert_null(cxm_policy_new_from_data(NULL, -1, &err));
  assert_error(err, CXM_ERROR_INVALID_ARGUMENT, NULL);
  cr_assert_null(cxm_policy_new_from_file(NULL, &err));
  assert_error(err, CXM_ERROR_INVALID_ARGUMENT, NULL);
  cr_assert_null(cxm_policy_copy(NULL));
}

Test(policy, integer_keys_refuse_fractions)
{
  g_autoptr(CxmPolicy) p = cxm_policy_new();
  set_refused(p, "csat_positive_min", 4.5);
  set_refused(p, "csat_negative_max", 1.5);
  set_refused(p, "nps_positive_min", 9.000001);
  set_refused(p, "nps_negative_max", 5.5);
  set_refused(p, "effort_positive_min", 5.5);
  set_refused(p, "effort_negative_max", 2.5);
  set_refused(p, "employee_hurt_max", 1.5);
  set_refused(p, "employee_satisfied_min", 3.5);
  set_refused(p, "delighted_csat_min", 4.5);
  set_refused(p, "delighted_nps_min", 9.5);
  set_refused(p, "min_sample", 30.5);
  set_refused(p, "min_group", 0.5);
  /* integral values in double form are fine */
  set_ok(p, "min_sample", 12.0);
}

Test(policy, z_takes_fractions_in_0_exclusive_to_10)
{
  g_autoptr(CxmPolicy) p = cxm_policy_new();
  set_ok(p, "z", 2.575829);
  set_ok(p, "z", 10.0);
  set_ok(p, "z", 0.001);
  set_refused(p, "z", 0.0);
  set_refused(p, "z", -1.959964);
  set_refused(p, "z", 10.000001);
  set_refused(p, "z", NAN);
  set_refused(p, "z", INFINITY);
  cr_assert_eq(get(p, "z"), 0.001);
}

Test(policy, nan_and_infinity_are_refused_for_integer_keys)
{
  g_autoptr(CxmPolicy) p = cxm_policy_new();
  set_refused(p, "min_sample", NAN);
  set_refused(p, "min_sample", INFINITY);
  set_refused(p, "csat_positive_min", NAN);
}

Test(policy, score_thresholds_have_their_scale_as_range)
{
  g_autoptr(CxmPolicy) p = cxm_policy_new();
  /* csat 1..5 */
  set_refused(p, "csat_positive_min", 6);
  set_refused(p, "csat_negative_max", 0);
  set_ok(p, "csat_positive_min", 5);
  set_ok(p, "csat_negative_max", 1);
  /* nps 0..10 */
  set_refused(p, "nps_positive_min", 11);
  set_refused(p, "nps_negative_max", -1);
  set_ok(p, "nps_negative_max", 0);
  set_ok(p, "nps_positive_min", 10);
  /* effort 1..7 */
  set_refused(p, "effort_positive_min", 8);
  set_refused(p, "effort_negative_max", 0);
  set_ok(p, "effort_positive_min", 7);
  set_ok(p, "effort_negative_max", 1);
  /* employee satisfaction 1..5 */
  set_refused(p, "employee_hurt_max", 0);
  set_refused(p, "employee_hurt_max", 6);
  set_refused(p, "employee_satisfied_min", 0);
  set_refused(p, "employee_satisfied_min", 6);
  set_ok(p, "employee_hurt_max", 1);
  set_ok(p, "employee_satisfied_min", 5);
  /* delighted */
  set_refused(p, "delighted_csat_min", 0);
  set_refused(p, "delighted_csat_min", 6);
  set_ok(p, "delighted_csat_min", 1);
  set_refused(p, "delighted_nps_min", -1);
  set_refused(p, "delighted_nps_min", 11);
  set_ok(p, "delighted_nps_min", 0);
  set_ok(p, "delighted_nps_min", 10);
}

Test(policy, sample_settings_are_non_negative)
{
  g_autoptr(CxmPolicy) p = cxm_policy_new();
  set_ok(p, "min_sample", 0);
  set_ok(p, "min_group", 0);
  set_ok(p, "min_group", 1000000);
  set_refused(p, "min_sample", -1);
  set_refused(p, "min_group", -1);
}

Test(policy, negative_max_must_stay_below_positive_min)
{
  g_autoptr(CxmPolicy) p = cxm_policy_new();
  /* csat: 2 < 4 */
  set_refused(p, "csat_negative_max", 4);
  set_refused(p, "csat_negative_max", 5);
  set_refused(p, "csat_positive_min", 2);
  set_refused(p, "csat_positive_min", 1);
  set_ok(p, "csat_negative_max", 3);
  set_refused(p, "csat_positive_min", 3);
  /* nps: 6 < 9 */
  set_refused(p, "nps_negative_max", 9);
  set_refused(p, "nps_positive_min", 6);
  set_ok(p, "nps_negative_max", 8);
  set_ok(p, "nps_positive_min", 9);
  /* effort: 3 < 5 */
  set_refused(p, "effort_negative_max", 5);
  set_refused(p, "effort_positive_min", 3);
  set_ok(p, "effort_positive_min", 4);
  set_refused(p, "effort_negative_max", 4);
}

Test(policy, inconsistent_set_error_names_the_key)
{
  g_autoptr(CxmPolicy) p = cxm_policy_new();
  GError *err = NULL;
  cr_assert_not(cxm_policy_set(p, "nps_negative_max", 9, &err));
  assert_policy_error(err, "nps_negative_max");
}

/* ---- name ----------------------------------------------------------------- */

Test(policy, name_is_1_to_64_bytes)
{
  g_autoptr(CxmPolicy) p = cxm_policy_new();
  GError *err = NULL;
  char name64[65], name65[66];
  memset(name64, 'n', 64);
  name64[64] = '\0';
  memset(name65, 'n', 65);
  name65[65] = '\0';
  cr_assert(cxm_policy_set_name(p, "q1-review", &err));
  cr_assert_null(err);
  cr_assert_str_eq(cxm_policy_get_name(p), "q1-review");
  cr_assert(cxm_policy_set_name(p, name64, &err));
  cr_assert_null(err);
  cr_assert_str_eq(cxm_policy_get_name(p), name64);
  cr_assert_not(cxm_policy_set_name(p, name65, &err));
  cr_assert_not_null(err);
  cr_assert_eq(err->domain, CXM_ERROR);
  g_clear_error(&err);
  cr_assert_not(cxm_policy_set_name(p, "", &err));
  cr_assert_not_null(err);
  g_clear_error(&err);
  cr_assert_not(cxm_policy_set_name(p, "bad\xff", &err));
  cr_assert_not_null(err);
  g_clear_error(&err);
  cr_assert_not(cxm_policy_set_name(p, NULL, &err));
  cr_assert_not_null(err);
  g_clear_error(&err);
  cr_assert_str_eq(cxm_policy_get_name(p), name64);
}

Test(policy, name_is_copied)
{
  g_autoptr(CxmPolicy) p = cxm_policy_new();
  char buf[16];
  g_strlcpy(buf, "mine", sizeof buf);
  cr_assert(cxm_policy_set_name(p, buf, NULL));
  buf[0] = 'X';
  cr_assert_str_eq(cxm_policy_get_name(p), "mine");
}

/* ---- fingerprint ---------------------------------------------------------- */

static void
assert_fingerprint_shape(const char *fp)
{
  cr_assert_not_null(fp);
  cr_assert_eq(strlen(fp), 16, "fingerprint \"%s\"", fp);
  for (int i = 0; i < 16; i++)
    cr_assert(g_ascii_isxdigit(fp[i]), "fingerprint \"%s\"", fp);
}

Test(policy, fingerprint_is_16_hex_characters)
{
  g_autoptr(CxmPolicy) p = cxm_policy_new();
  assert_fingerprint_shape(cxm_policy_get_fingerprint(p));
}

Test(policy, fingerprint_is_stable_for_the_same_settings)
{
  g_autoptr(CxmPolicy) a = cxm_policy_new();
  g_autoptr(CxmPolicy) b = cxm_policy_new();
  char *fa = g_strdup(cxm_policy_get_fingerprint(a));
  cr_assert_str_eq(cxm_policy_get_fingerprint(b), fa);
  cr_assert_str_eq(cxm_policy_get_fingerprint(a), fa);
  /* change and change back */
  set_ok(a, "min_sample", 99);
  cr_assert_str_neq(cxm_policy_get_fingerprint(a), fa);
  set_ok(a, "min_sample", 30);
  cr_assert_str_eq(cxm_policy_get_fingerprint(a), fa);
  /* the same settings reached in another order */
  set_ok(b, "z", 3.0);
  set_ok(b, "min_group", 7);
  set_ok(a, "min_group", 7);
  set_ok(a, "z", 3.0);
  cr_assert_str_eq(cxm_policy_get_fingerprint(a), cxm_policy_get_fingerprint(b));
  g_free(fa);
}

Test(policy, fingerprint_changes_with_every_setting)
{
  GPtrArray *seen = g_ptr_array_new_with_free_func(g_free);
  g_autoptr(CxmPolicy) base = cxm_policy_new();
  g_ptr_array_add(seen, g_strdup(cxm_policy_get_fingerprint(base)));
  for (gsize i = 0; i < G_N_ELEMENTS(numeric_keys); i++) {
    g_autoptr(CxmPolicy) p = cxm_policy_new();
    set_ok(p, numeric_keys[i], other_values[i]);
    const char *fp = cxm_policy_get_fingerprint(p);
    assert_fingerprint_shape(fp);
    for (guint j = 0; j < seen->len; j++)
      cr_assert_str_neq(fp, (const char *) g_ptr_array_index(seen, j),
                        "changing %s gave a fingerprint seen before",
                        numeric_keys[i]);
    g_ptr_array_add(seen, g_strdup(fp));
  }
  g_ptr_array_unref(seen);
}

Test(policy, fingerprint_sees_small_changes_of_z)
{
  g_autoptr(CxmPolicy) a = cxm_policy_new();
  g_autoptr(CxmPolicy) b = cxm_policy_new();
  set_ok(b, "z", 1.959965);
  cr_assert_str_neq(cxm_policy_get_fingerprint(a), cxm_policy_get_fingerprint(b));
}

Test(policy, fingerprint_ignores_the_name)
{
  g_autoptr(CxmPolicy) a = cxm_policy_new();
  g_autoptr(CxmPolicy) b = cxm_policy_new();
  cr_assert(cxm_policy_set_name(b, "another-name", NULL));
  cr_assert_str_eq(cxm_policy_get_name(b), "another-name");
  cr_assert_str_eq(cxm_policy_get_fingerprint(a), cxm_policy_get_fingerprint(b));
}

/* ---- copy ------------------------------------------------------------------ */

Test(policy, copy_is_equal_and_independent)
{
  g_autoptr(CxmPolicy) p = cxm_policy_new();
  set_ok(p, "csat_positive_min", 5);
  set_ok(p, "min_group", 4);
  cr_assert(cxm_policy_set_name(p, "orig", NULL));
  g_autoptr(CxmPolicy) c = cxm_policy_copy(p);
  cr_assert_not_null(c);
  cr_assert_neq(c, p);
  cr_assert_str_eq(cxm_policy_get_name(c), "orig");
  cr_assert_str_eq(cxm_policy_get_fingerprint(c), cxm_policy_get_fingerprint(p));
  cr_assert_eq(get(c, "csat_positive_min"), 5);
  cr_assert_eq(get(c, "min_group"), 4);

  char *fp = g_strdup(cxm_policy_get_fingerprint(p));
  set_ok(c, "min_group", 9);
  cr_assert(cxm_policy_set_name(c, "copy", NULL));
  cr_assert_eq(get(p, "min_group"), 4);
  cr_assert_str_eq(cxm_policy_get_name(p), "orig");
  cr_assert_str_eq(cxm_policy_get_fingerprint(p), fp);
  g_free(fp);
}

/* ---- JSON -------------------------------------------------------------- */

Test(policy, load_from_data_overrides_only_the_keys_present)
{
  GError *err = NULL;
  g_autoptr(CxmPolicy) p =
    cxm_policy_new_from_data("{\"name\": \"fans-only\", \"csat_positive_min\": 5,"
                             " \"z\": 2.575829}", -1, &err);
  cr_assert_not_null(p, "%s", err ? err->message : "?");
  cr_assert_null(err);
  cr_assert_str_eq(cxm_policy_get_name(p), "fans-only");
  double expected[G_N_ELEMENTS(default_values)];
  memcpy(expected, default_values, sizeof expected);
  expected[0] = 5;
  expected[10] = 2.575829;
  assert_values(p, expected);
}

Test(policy, load_from_data_honours_length)
{
  GError *err = NULL;
  const char *text = "{\"min_group\": 3}garbage";
  g_autoptr(CxmPolicy) p = cxm_policy_new_from_data(text, 16, &err);
  cr_assert_not_null(p, "%s", err ? err->message : "?");
  cr_assert_eq(get(p, "min_group"), 3);
}

Test(policy, empty_object_gives_the_defaults)
{
  GError *err = NULL;
  g_autoptr(CxmPolicy) d = cxm_policy_new();
  g_autoptr(CxmPolicy) p = cxm_policy_new_from_data("{}", -1, &err);
  cr_assert_not_null(p, "%s", err ? err->message : "?");
  cr_assert_str_eq(cxm_policy_get_name(p), "default");
  cr_assert_str_eq(cxm_policy_get_fingerprint(p), cxm_policy_get_fingerprint(d));
}

Test(policy, load_checks_consistency_after_all_keys)
{
  /* positive_min 2 with negative_max 1 is consistent, although positive_min
   * 2 alone would clash with the default negative_max 2: key order in a
   * JSON object must not matter. */
  GError *err = NULL;
  g_autoptr(CxmPolicy) p =
    cxm_policy_new_from_data("{\"csat_positive_min\": 2, \"csat_negative_max\": 1}",
                             -1, &err);
  cr_assert_not_null(p, "%s", err ? err->message : "?");
  cr_assert_eq(get(p, "csat_positive_min"), 2);
  cr_assert_eq(get(p, "csat_negative_max"), 1);
}

/* What a policy file refuses is in tests/cases/policy/. */

Test(policy, load_takes_an_integer_for_z)
{
  GError *err = NULL;
  /* z takes a fraction, and an integer */
  g_autoptr(CxmPolicy) p = cxm_policy_new_from_data("{\"z\": 2}", -1, &err);
  cr_assert_not_null(p, "%s", err ? err->message : "?");
  cr_assert_eq(get(p, "z"), 2.0);
}

Test(policy, load_from_file)
{
  GError *err = NULL;
  char *path = data_path("policy-strict.json");
  g_autoptr(CxmPolicy) p = cxm_policy_new_from_file(path, &err);
  cr_assert_not_null(p, "%s: %s", path, err ? err->message : "?");
  cr_assert_null(err);
  cr_assert_str_eq(cxm_policy_get_name(p), "strict");
  static const double expected[] = {
    5, 3, 10, 7, 6, 4, 3, 5, 5, 10, 2.575829, 50, 5
  };
  assert_values(p, expected);
  g_free(path);
}

Test(policy, load_partial_file_keeps_other_defaults)
{
  GError *err = NULL;
  char *path = data_path("policy-partial.json");
  g_autoptr(CxmPolicy) p = cxm_policy_new_from_file(path, &err);
  cr_assert_not_null(p, "%s: %s", path, err ? err->message : "?");
  double expected[G_N_ELEMENTS(default_values)];
  memcpy(expected, default_values, sizeof expected);
  expected[10] = 1.644854;
  expected[12] = 3;
  assert_values(p, expected);
  cr_assert_str_eq(cxm_policy_get_name(p), "default");
  g_free(path);
}

Test(policy, load_file_with_unknown_key_names_it)
{
  GError *err = NULL;
  char *path = data_path("policy-unknown-key.json");
  cr_assert_null(cxm_policy_new_from_file(path, &err));
  assert_policy_error(err, "csat_positive_minimum");
  g_free(path);
}

Test(policy, missing_file_is_an_io_error)
{
  GError *err = NULL;
  char *path = data_path("no-such-policy.json");
  cr_assert_null(cxm_policy_new_from_file(path, &err));
  assert_error(err, CXM_ERROR_IO, NULL);
  cr_assert_null(cxm_policy_new_from_file("/nonexistent-dir/p.json", &err));
  assert_error(err, CXM_ERROR_IO, NULL);
  g_free(path);
}

Test(policy, to_json_round_trips)
{
  GError *err = NULL;
  g_autoptr(CxmPolicy) p = cxm_policy_new();
  for (gsize i = 0; i < G_N_ELEMENTS(numeric_keys); i++)
    set_ok(p, numeric_keys[i], other_values[i]);
  cr_assert(cxm_policy_set_name(p, "round \"trip\" \xc3\xa9", NULL));
  char *json = cxm_policy_to_json(p);
  cr_assert_not_null(json);
  g_autoptr(CxmPolicy) q = cxm_policy_new_from_data(json, -1, &err);
  cr_assert_not_null(q, "%s: %s", json, err ? err->message : "?");
  cr_assert_str_eq(cxm_policy_get_fingerprint(q), cxm_policy_get_fingerprint(p));
  cr_assert_str_eq(cxm_policy_get_name(q), "round \"trip\" \xc3\xa9");
  assert_values(q, other_values);
  cxm_free(json);
}

Test(policy, to_json_of_defaults_round_trips_and_has_every_key)
{
  GError *err = NULL;
  g_autoptr(CxmPolicy) p = cxm_policy_new();
  char *json = cxm_policy_to_json(p);
  cr_assert_not_null(json);
  cr_assert_not_null(strstr(json, "\"name\""));
  for (gsize i = 0; i < G_N_ELEMENTS(numeric_keys); i++) {
    char *quoted = g_strdup_printf("\"%s\"", numeric_keys[i]);
    cr_assert_not_null(strstr(json, quoted), "%s lacks %s", json, quoted);
    g_free(quoted);
  }
  g_autoptr(CxmPolicy) q = cxm_policy_new_from_data(json, -1, &err);
  cr_assert_not_null(q, "%s", err ? err->message : "?");
  cr_assert_str_eq(cxm_policy_get_fingerprint(q), cxm_policy_get_fingerprint(p));
  assert_values(q, default_values);
  cxm_free(json);
}

Test(policy, to_json_keeps_z_exactly)
{
  GError *err = NULL;
  g_autoptr(CxmPolicy) p = cxm_policy_new();
  set_ok(p, "z", 1.0 / 3.0);
  char *json = cxm_policy_to_json(p);
  g_autoptr(CxmPolicy) q = cxm_policy_new_from_data(json, -1, &err);
  cr_assert_not_null(q, "%s", err ? err->message : "?");
  cr_assert_eq(get(q, "z"), 1.0 / 3.0);
  cr_assert_str_eq(cxm_policy_get_fingerprint(q), cxm_policy_get_fingerprint(p));
  cxm_free(json);
}
