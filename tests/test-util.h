/* SPDX-License-Identifier: MIT */
/* Helpers shared by the Criterion tests (tests/test-*.c). Everything here is
 * a macro or a static inline function, so that each test program takes only
 * what it uses. */
#ifndef CXM_TEST_UTIL_H
#define CXM_TEST_UTIL_H

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include <cxm/cxm.h>

/* Checks that @err is a cxm error with @code_ (and @msg_ unless NULL), then
 * frees it. */
#define assert_error(err, code_, msg_)                                        \
  do {                                                                        \
    cr_assert_not_null((err), "expected an error");                           \
    cr_assert_eq((err)->domain, CXM_ERROR, "domain of \"%s\"",               \
                 (err)->message);                                            \
    cr_assert_eq((err)->code, (code_), "code %d, expected %d: \"%s\"",       \
                 (err)->code, (code_), (err)->message);                      \
    if ((msg_) != NULL)                                                       \
      cr_assert_str_eq((err)->message, (const char *) (msg_));               \
    g_clear_error(&(err));                                                    \
  } while (0)

/* Report flags that ask for every optional group. */
#define ALL_GROUPS (CXM_REPORT_TEAMS | CXM_REPORT_EMPLOYEES | CXM_REPORT_CHANNELS)

/* The path of @name (NULL: of the folder itself) in the folder tests/@dir:
 * under $@variable, else beside this file. */
static inline char *
tests_path(const char *variable, const char *dir, const char *name)
{
  const char *env = g_getenv(variable);
  if (env != NULL && *env != '\0')
    return g_build_filename(env, name, NULL);
  char *here = g_path_get_dirname(__FILE__);
  char *path = g_build_filename(here, dir, name, NULL);
  g_free(here);
  return path;
}

/* The path of tests/data/@name: under $CXM_TEST_DATA, else beside this file. */
static inline char *
data_path(const char *name)
{
  return tests_path("CXM_TEST_DATA", "data", name);
}

/* The message that the case tests/cases/@name ("KIND/CASE", see
 * tests/cases/README.md) expects, the second line of its expect file, so
 * that each message is written once. Free with g_free(). */
static inline char *
case_message(const char *name)
{
  char *path = tests_path("CXM_TEST_CASES", "cases", name);
  char *file = g_build_filename(path, "expect", NULL);
  char *text = NULL;
  cr_assert(g_file_get_contents(file, &text, NULL, NULL), "cannot read %s", file);
  char **lines = g_strsplit(text, "\n", 3);
  cr_assert(g_strv_length(lines) >= 2 && *lines[1] != '\0', "%s holds no message", file);
  char *message = g_strdup(lines[1]);
  g_strfreev(lines);
  g_free(text);
  g_free(file);
  g_free(path);
  return message;
}

/* The report with every group, as the fingerprint of a recorder's state. */
static inline char *
report_all(const CxmRecorder *rec)
{
  GError *err = NULL;
  char *json = cxm_report_to_json(rec, NULL, ALL_GROUPS, &err);
  cr_assert_not_null(json, "report: %s", err ? err->message : "?");
  return json;
}

/* The JSON report with @flags comparing periods @a and @b
 * (cxm_report_options_set_compare()); NULL with @err when the comparison
 * or the report is refused. */
static inline char *
report_compared(const CxmRecorder *rec, const CxmImportResult *input,
                unsigned int flags, const char *a, const char *b, GError **err)
{
  CxmReportOptions *options = cxm_report_options_new();
  char *json = NULL;
  cxm_report_options_set_flags(options, flags);
  if (cxm_report_options_set_compare(options, a, b, err))
    json = cxm_report_to_string(rec, input, options, NULL, err);
  cxm_report_options_free(options);
  return json;
}

/* Sets fields of @it from "key=value" words (fails the test on a bad word or
 * a refused value). Keys: id ts channel team employee level csat nps effort
 * esat contact res diff emotion beyond_role proactive empowered (diff and
 * emotion repeat). Setter errors go to @err. */
static inline void
fill_from_spec(CxmInteraction *it, const char *spec, GError **err)
{
  char **words = g_strsplit(spec, " ", -1);
  for (char **w = words; *w != NULL; w++) {
    if (**w == '\0')
      continue;
    char *eq = strchr(*w, '=');
    cr_assert_not_null(eq, "bad spec word \"%s\"", *w);
    *eq = '\0';
    const char *key = *w, *val = eq + 1;
    int n = atoi(val);
    gboolean ok = FALSE;
    if (strcmp(key, "id") == 0)
      ok = cxm_interaction_set_id(it, val, err);
    else if (strcmp(key, "ts") == 0)
      ok = cxm_interaction_set_ts(it, g_ascii_strtoll(val, NULL, 10), err);
    else if (strcmp(key, "channel") == 0)
      ok = cxm_interaction_set_channel(it, cxm_channel_from_name(val), err);
    else if (strcmp(key, "team") == 0)
      ok = cxm_interaction_set_team(it, val, err);
    else if (strcmp(key, "employee") == 0)
      ok = cxm_interaction_set_employee(it, val, err);
    else if (strcmp(key, "level") == 0)
      ok = cxm_interaction_set_level(it, cxm_level_from_name(val), err);
    else if (strcmp(key, "csat") == 0)
      ok = cxm_interaction_set_csat(it, n, err);
    else if (strcmp(key, "nps") == 0)
      ok = cxm_interaction_set_nps(it, n, err);
    else if (strcmp(key, "effort") == 0)
      ok = cxm_interaction_set_effort(it, n, err);
    else if (strcmp(key, "esat") == 0)
      ok = cxm_interaction_set_employee_satisfaction(it, n, err);
    else if (strcmp(key, "contact") == 0)
      ok = cxm_interaction_set_contact_number(it, n, err);
    else if (strcmp(key, "res") == 0)
      ok = cxm_interaction_set_resolution(it, cxm_resolution_from_name(val), err);
    else if (strcmp(key, "diff") == 0)
      ok = cxm_interaction_add_difficulty(it, cxm_difficulty_from_name(val), err);
    else if (strcmp(key, "emotion") == 0)
      ok = cxm_interaction_add_emotion(it, cxm_emotion_from_name(val), err);
    else if (strcmp(key, "beyond_role") == 0)
      ok = cxm_interaction_set_beyond_role(it, n, err);
    else if (strcmp(key, "proactive") == 0)
      ok = cxm_interaction_set_proactive(it, n, err);
    else if (strcmp(key, "empowered") == 0)
      ok = cxm_interaction_set_empowered(it, n, err);
    else
      cr_assert_fail("unknown spec key \"%s\"", key);
    cr_assert(ok, "%s=%s: %s", key, val, *err ? (*err)->message : "?");
  }
  g_strfreev(words);
}

/* assert_error() with the message of the case tests/cases/@case_ (see
 * case_message()). */
#define assert_case_error(err, code_, case_)                                  \
  do {                                                                        \
    char *case_msg_ = case_message(case_);                                    \
    assert_error((err), (code_), case_msg_);                                  \
    g_free(case_msg_);                                                        \
  } while (0)

/* Records the interaction of "key=value" words (fill_from_spec()); id, ts
 * and channel default to "x", 1772442900 (2026-03-02T09:15:00Z) and web
 * when @spec has none. Returns what cxm_recorder_record() returns, with its
 * error in @err. */
static inline gboolean
record(CxmRecorder *rec, const char *spec, GError **err)
{
  CxmInteraction *it = cxm_interaction_new();
  gboolean ok;
  fill_from_spec(it, spec, err);
  if (cxm_interaction_get_id(it) == NULL)
    cr_assert(cxm_interaction_set_id(it, "x", NULL));
  if (!cxm_interaction_has_ts(it))
    cr_assert(cxm_interaction_set_ts(it, 1772442900, NULL));
  if (cxm_interaction_get_channel(it) == CXM_UNSET)
    cr_assert(cxm_interaction_set_channel(it, CXM_CHANNEL_WEB, NULL));
  ok = cxm_recorder_record(rec, it, NULL, NULL, err);
  cxm_interaction_free(it);
  return ok;
}

/* record(), which must succeed. */
#define assert_recorded(rec, spec)                                            \
  do {                                                                        \
    GError *rec_err_ = NULL;                                                  \
    cr_assert(record((rec), (spec), &rec_err_), "%s: %s", (spec),             \
              rec_err_ ? rec_err_->message : "?");                            \
  } while (0)

#endif /* CXM_TEST_UTIL_H */
