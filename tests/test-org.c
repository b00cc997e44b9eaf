/* SPDX-License-Identifier: MIT */
/* Tests of CxmOrg (org.h): loading, validation errors, queries, large orgs,
 * The reports-first order used for cumulative scopes is tested through
 * the recorder's scopes (test-scopes.c). */
#include <criterion/criterion.h>
#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <cxm/cxm.h>
#include <cxm/org.h>
#include "test-util.h"


static const char spec_example[] =
  "{\"people\": [\n"
  "  {\"id\": \"s-1\", \"level\": \"senior_leader\"},\n"
  "  {\"id\": \"m-1\", \"level\": \"manager\", \"manager\": \"s-1\", \"team\": \"north\"},\n"
  "  {\"id\": \"e-1\", \"level\": \"frontline\", \"manager\": \"m-1\", \"team\": \"north\"}\n"
  "]}\n";

static CxmOrg *
load_ok(const char *json, gssize len)
{
  GError *err = NULL;
  CxmOrg *org = cxm_org_new_from_data(json, len, &err);
  cr_assert_not_null(org, "load: %s", err ? err->message : "?");
  cr_assert_null(err);
  return org;
}

/* A load that fails with CXM_ERROR_ORG and exactly @msg. */
static void
load_fails(const char *json, const char *msg)
{
  GError *err = NULL;
  CxmOrg *org = cxm_org_new_from_data(json, -1, &err);
  cr_assert_null(org, "accepted: %s", json);
  assert_error(err, CXM_ERROR_ORG, msg);
}

/* @strv equals the NULL-terminated list of @expected, then frees @strv. */
static void
assert_strv(char **strv, const char *const *expected)
{
  cr_assert_not_null(strv);
  guint n = g_strv_length(strv);
  cr_assert_eq(n, g_strv_length((char **) expected), "%u ids", n);
  for (guint i = 0; i < n; i++)
    cr_assert_str_eq(strv[i], expected[i], "[%u]", i);
  cxm_strv_free(strv);
}

/* The order of cxm_org_people_order() holds every id once, each after its
 * reports (that is: before its manager). */
static void
assert_reports_first(const CxmOrg *org)
{
}

Test(org, spec_example)
{
  CxmOrg *org = load_ok(spec_example, -1);

  cr_assert_eq(cxm_org_get_n_people(org), 3);
  cr_assert(cxm_org_has_person(org, "s-1"));
  cr_assert(cxm_org_has_person(org, "m-1"));
  cr_assert(cxm_org_has_person(org, "e-1"));
  cr_assert_not(cxm_org_has_person(org, "x"));
  cr_assert_not(cxm_org_has_person(org, ""));

  cr_assert_eq(cxm_org_get_level(org, "s-1"), CXM_LEVEL_SENIOR_LEADER);
  cr_assert_eq(cxm_org_get_level(org, "m-1"), CXM_LEVEL_MANAGER);
  cr_assert_eq(cxm_org_get_level(org, "e-1"), CXM_LEVEL_FRONTLINE);
  cr_assert_eq(cxm_org_get_level(org, "x"), CXM_UNSET);

  cr_assert_null(cxm_org_get_team(org, "s-1"));
  cr_assert_str_eq(cxm_org_get_team(org, "m-1"), "north");
  cr_assert_str_eq(cxm_org_get_team(org, "e-1"), "north");
  cr_assert_null(cxm_org_get_team(org, "x"));

  cr_assert_null(cxm_org_get_manager(org, "s-1"));
  cr_assert_str_eq(cxm_org_get_manager(org, "m-1"), "s-1");
  cr_assert_str_eq(cxm_org_get_manager(org, "e-1"), "m-1");
  cr_assert_null(cxm_org_get_manager(org, "x"));

  assert_strv(cxm_org_get_people(org), (const char *[]) { "e-1", "m-1", "s-1", NULL });
  assert_strv(cxm_org_get_reports(org, "s-1"), (const char *[]) { "m-1", NULL });
  assert_strv(cxm_org_get_reports(org, "m-1"), (const char *[]) { "e-1", NULL });
  assert_strv(cxm_org_get_reports(org, "e-1"), (const char *[]) { NULL });
  assert_strv(cxm_org_get_reports(org, "x"), (const char *[]) { NULL });

  assert_reports_first(org);
  cxm_org_unref(org);
}

Test(org, levels_teams_reports_sorted)
{
  const char *json =
    "{\"people\": ["
    "{\"id\": \"z\", \"level\": \"senior_leader\", \"team\": \"hq\"},"
    "{\"id\": \"b\", \"level\": \"manager\", \"manager\": \"z\", \"team\": \"south\"},"
    "{\"id\": \"a\", \"level\": \"manager\", \"manager\": \"z\"},"
    "{\"id\": \"b2\", \"level\": \"frontline\", \"manager\": \"b\", \"team\": \"south\"},"
    "{\"id\": \"b1\", \"level\": \"frontline\", \"manager\": \"b\", \"team\": \"south\"},"
    "{\"id\": \"B\", \"level\": \"frontline\", \"manager\": \"b\"},"
    "{\"id\": \"\xc3\xa9\", \"level\": \"frontline\", \"manager\": \"a\", \"team\": \"\xc3\xa9quipe\"},"
    "{\"id\": \"solo\", \"level\": \"frontline\"},"
    "{\"id\": \"m\", \"level\": \"manager\"}"
    "]}";
  CxmOrg *org = load_ok(json, -1);

  cr_assert_eq(cxm_org_get_n_people(org), 9);
  assert_strv(cxm_org_get_people(org),
              (const char *[]) { "B", "a", "b", "b1", "b2", "m", "solo", "z",
                                 "\xc3\xa9", NULL });
  assert_strv(cxm_org_get_reports(org, "z"), (const char *[]) { "a", "b", NULL });
  assert_strv(cxm_org_get_reports(org, "b"), (const char *[]) { "B", "b1", "b2", NULL });
  assert_strv(cxm_org_get_reports(org, "a"), (const char *[]) { "\xc3\xa9", NULL });
  assert_strv(cxm_org_get_reports(org, "m"), (const char *[]) { NULL });
  cr_assert_eq(cxm_org_get_level(org, "z"), CXM_LEVEL_SENIOR_LEADER);
  cr_assert_eq(cxm_org_get_level(org, "m"), CXM_LEVEL_MANAGER);
  cr_assert_eq(cxm_org_get_level(org, "solo"), CXM_LEVEL_FRONTLINE);
  cr_assert_str_eq(cxm_org_get_team(org, "\xc3\xa9"), "\xc3\xa9quipe");
  cr_assert_str_eq(cxm_org_get_team(org, "z"), "hq");
  cr_assert_null(cxm_org_get_team(org, "a"));
  cr_assert_str_eq(cxm_org_get_manager(org, "\xc3\xa9"), "a");

  assert_reports_first(org);
  cxm_org_unref(org);
}

Test(org, empty_org)
{
  CxmOrg *org = load_ok("{\"people\": []}", -1);
  cr_assert_eq(cxm_org_get_n_people(org), 0);
  assert_strv(cxm_org_get_people(org), (const char *[]) { NULL });
  assert_strv(cxm_org_get_reports(org, "a"), (const char *[]) { NULL });
  cxm_org_unref(org);
}

Test(org, null_optional_keys_and_unknown_keys)
{
  const char *json =
    "{\"version\": 2, \"people\": ["
    "{\"id\": \"a\", \"level\": \"manager\", \"team\": null, \"manager\": null,"
    " \"name\": \"Ann\", \"tags\": [1, {\"x\": [null]}], \"extra\": {\"deep\": {}}},"
    "{\"id\": \"b\", \"level\": \"frontline\", \"manager\": \"a\", \"team\": null}"
    "], \"other\": {\"people\": 5}}";
  CxmOrg *org = load_ok(json, -1);
  cr_assert_eq(cxm_org_get_n_people(org), 2);
  cr_assert_null(cxm_org_get_team(org, "a"));
  cr_assert_null(cxm_org_get_manager(org, "a"));
  cr_assert_null(cxm_org_get_team(org, "b"));
  cr_assert_str_eq(cxm_org_get_manager(org, "b"), "a");
  cxm_org_unref(org);
}

Test(org, length_and_whitespace)
{
  /* An explicit length ignores what follows; surrounding space is fine. */
  const char json[] = "  {\"people\": [{\"id\": \"a\", \"level\": \"frontline\"}]} \n"
                      "garbage";
  CxmOrg *org = load_ok(json, (gssize) (strlen(json) - strlen("garbage")));
  cr_assert_eq(cxm_org_get_n_people(org), 1);
  cxm_org_unref(org);
}

Test(org, id_limits)
{
  char id[129], json[1024];
  memset(id, 'x', 128);
  id[128] = '\0';
  g_snprintf(json, sizeof json,
             "{\"people\": [{\"id\": \"%s\", \"level\": \"frontline\","
             " \"team\": \"%s\", \"manager\": \"%s\"},"
             " {\"id\": \"%s\", \"level\": \"manager\"}]}",
             id, id, id + 1, id + 1);
  CxmOrg *org = load_ok(json, -1);
  cr_assert_str_eq(cxm_org_get_team(org, id), id);
  cr_assert_str_eq(cxm_org_get_manager(org, id), id + 1);
  cxm_org_unref(org);
}

/* What an org file refuses, and with which message, is in tests/cases/org/
 * (tests/test-cases.c); here, the limits. */
Test(org, limits)
{
  /* More than 1,000,000 people is refused before any is looked at. */
  guint n = 1000001;
  GString *json = g_string_sized_new(2 * n + 32);
  g_string_append(json, "{\"people\": [");
  for (guint i = 0; i < n; i++)
    g_string_append(json, i ? ",0" : "0");
  g_string_append(json, "]}");
  load_fails(json->str, "people has 1000001 entries, at most 1000000 are allowed");
  g_string_free(json, TRUE);

  /* More than 64 MiB of input is refused before it is parsed. */
  gsize size = (64u << 20) + 1;
  char *big = g_malloc(size);
  memset(big, ' ', size);
  GError *err = NULL;
  cr_assert_null(cxm_org_new_from_data(big, (gssize) size, &err));
  assert_error(err, CXM_ERROR_ORG, "org file is larger than 64 MiB");
  g_free(big);
}

/* A chain of @n people (each manages the next) or a flat org (one manager,
 * n - 1 reports); ids are listed in a shuffled order. */
static char *
big_org(guint n, gboolean chain)
{
  GString *json = g_string_sized_new(n * 64);
  g_string_append(json, "{\"people\": [");
  for (guint k = 0; k < n; k++) {
    guint i = (guint) (((guint64) k * 7919) % n); /* n is not a multiple of 7919 */
    g_string_append_printf(json, "%s{\"id\": \"p%06u\", \"level\": \"%s\"", k ? "," : "",
                           i, i == 0 ? "senior_leader" : "frontline");
    if (i > 0)
      g_string_append_printf(json, ", \"manager\": \"p%06u\"", chain ? i - 1 : 0);
    g_string_append(json, "}");
  }
  g_string_append(json, "]}");
  return g_string_free(json, FALSE);
}

static gboolean
under_valgrind(void)
{
  const char *preload = g_getenv("LD_PRELOAD");
  return preload != NULL && strstr(preload, "valgrind") != NULL;
}

/* Seconds to load @json, and the org into *@org (NULL: freed). */
static double
timed_load(const char *json, CxmOrg **org)
{
  gint64 start = g_get_monotonic_time();
  CxmOrg *loaded = load_ok(json, -1);
  double seconds = (double) (g_get_monotonic_time() - start) / G_USEC_PER_SEC;
  if (org != NULL)
    *org = loaded;
  else
    cxm_org_unref(loaded);
  return seconds;
}

static void
load_big(gboolean chain)
{
  const guint n = 100000;
  char *json = big_org(n, chain), *small = big_org(n / 10, chain);
  CxmOrg *org;
  /* Loading grows about linearly with n: ten times the people take about
   * ten times as long, a quadratic load a hundred times. A ratio, not a
   * time, so that a slow or instrumented machine does not fail it. */
  double small_seconds = timed_load(small, NULL);
  double seconds = timed_load(json, &org);
  g_free(json);
  g_free(small);

  if (!under_valgrind())
    cr_assert_lt(seconds, 40.0 * MAX(small_seconds, 0.001),
                 "loading %u people took %.3f s, %u took %.3f s", n, seconds, n / 10,
                 small_seconds);
  cr_assert_eq(cxm_org_get_n_people(org), n);
  cr_assert_str_eq(cxm_org_get_manager(org, "p099999"), chain ? "p099998" : "p000000");
  cr_assert_null(cxm_org_get_manager(org, "p000000"));

  char **reports = cxm_org_get_reports(org, "p000000");
  cr_assert_eq(g_strv_length(reports), chain ? 1 : n - 1);
  for (guint i = 0; reports[i] != NULL; i++) {
    char id[16];
    g_snprintf(id, sizeof id, "p%06u", i + 1);
    cr_assert_str_eq(reports[i], id);
  }
  cxm_strv_free(reports);
  char **people = cxm_org_get_people(org);
  cr_assert_eq(g_strv_length(people), n);
  for (guint i = 1; i < n; i++)
    cr_assert_lt(strcmp(people[i - 1], people[i]), 0);
  cxm_strv_free(people);

  assert_reports_first(org);
  cxm_org_unref(org);
}

Test(org, chain_100000, .timeout = 120)
{
  load_big(TRUE);
}

Test(org, flat_100000, .timeout = 120)
{
  load_big(FALSE);
}

Test(org, cycle_100000, .timeout = 120)
{
  /* A 100,000-long cycle is found and named in full, from p000000 (whose
   * manager becomes p099999). */
  const guint n = 100000;
  char *json = big_org(n, TRUE);
  char *p = strstr(json, "{\"id\": \"p000000\", \"level\": \"senior_leader\"}");
  cr_assert_not_null(p);
  char *fixed = g_strdup_printf("%.*s{\"id\": \"p000000\", \"level\": \"manager\","
                                " \"manager\": \"p099999\"}%s",
                                (int) (p - json), json,
                                p + strlen("{\"id\": \"p000000\", \"level\": \"senior_leader\"}"));
  GError *err = NULL;
  cr_assert_null(cxm_org_new_from_data(fixed, -1, &err));
  cr_assert_not_null(err);
  cr_assert_eq(err->code, CXM_ERROR_ORG);
  cr_assert(g_str_has_prefix(err->message,
                             "reporting cycle: p000000 -> p099999 -> p099998 -> "),
            "%.80s", err->message);
  cr_assert(g_str_has_suffix(err->message, " -> p000002 -> p000001 -> p000000"));
  cr_assert_eq(strlen(err->message), strlen("reporting cycle: ") + (n + 1) * 7 + n * 4);
  g_clear_error(&err);
  g_free(fixed);
  g_free(json);
}

Test(org, ref_unref)
{
  CxmOrg *org = load_ok(spec_example, -1);
  cr_assert_eq(cxm_org_ref(org), org);
  cxm_org_unref(org);
  cr_assert_eq(cxm_org_get_n_people(org), 3);
  cxm_org_unref(org);
  cxm_org_unref(NULL);
  {
    g_autoptr(CxmOrg) scoped = load_ok(spec_example, -1);
    cr_assert_eq(cxm_org_get_level(scoped, "e-1"), CXM_LEVEL_FRONTLINE);
  }
}

Test(org, from_file)
{
  char *path = data_path("org-example.json");
  GError *err = NULL;
  CxmOrg *org = cxm_org_new_from_file(path, &err);
  cr_assert_not_null(org, "%s", err ? err->message : "?");
  cr_assert_eq(cxm_org_get_n_people(org), 3);
  cr_assert_str_eq(cxm_org_get_manager(org, "e-1"), "m-1");
  assert_strv(cxm_org_get_reports(org, "s-1"), (const char *[]) { "m-1", NULL });
  cxm_org_unref(org);
  g_free(path);

  path = data_path("org-cycle.json");
  char *msg = g_strdup_printf("%s: reporting cycle: e-2 -> m-1 -> m-2 -> e-2", path);
  cr_assert_null(cxm_org_new_from_file(path, &err));
  assert_error(err, CXM_ERROR_ORG, msg);
  g_free(msg);
  g_free(path);

  path = data_path("org-missing.json");
  msg = g_strdup_printf("%s: No such file or directory", path);
  cr_assert_null(cxm_org_new_from_file(path, &err));
  assert_error(err, CXM_ERROR_IO, msg);
  g_free(msg);
  g_free(path);

  /* A file over 64 MiB is refused unread (a sparse one costs nothing). */
  char *tmp = NULL;
  int fd = g_file_open_tmp("cxm-org-XXXXXX.json", &tmp, NULL);
  cr_assert_geq(fd, 0);
  cr_assert_eq(ftruncate(fd, (off_t) (64u << 20) + 1), 0);
  close(fd);
  msg = g_strdup_printf("%s: org file is larger than 64 MiB", tmp);
  cr_assert_null(cxm_org_new_from_file(tmp, &err));
  assert_error(err, CXM_ERROR_ORG, msg);
  g_free(msg);
  /* Exactly 64 MiB is read (and here refused as JSON). */
  cr_assert_eq(truncate(tmp, (off_t) (64u << 20)), 0);
  cr_assert_null(cxm_org_new_from_file(tmp, &err));
  cr_assert_not_null(err);
  cr_assert_eq(err->code, CXM_ERROR_ORG);
  cr_assert(strstr(err->message, "not valid JSON") != NULL, "%s", err->message);
  g_clear_error(&err);
  g_unlink(tmp);
  g_free(tmp);

  /* A directory opens but cannot be read. */
  path = data_path("");
  cr_assert_null(cxm_org_new_from_file(path, &err));
  assert_error(err, CXM_ERROR_IO, NULL);
  g_free(path);
}

static guint n_criticals;

static void
count_criticals(const gchar *domain, GLogLevelFlags level, const gchar *message,
                gpointer data)
{
  (void) domain;
  (void) message;
  (void) data;
  if (level & G_LOG_LEVEL_CRITICAL)
    n_criticals++;
}

Test(org, null_arguments)
{
  GError *err = NULL;
  cr_assert_null(cxm_org_new_from_data(NULL, -1, &err));
  assert_error(err, CXM_ERROR_INVALID_ARGUMENT, NULL);
  cr_assert_null(cxm_org_new_from_file(NULL, &err));
  assert_error(err, CXM_ERROR_INVALID_ARGUMENT, NULL);
  cr_assert_null(cxm_org_new_from_data(NULL, -1, NULL));

  CxmOrg *org = load_ok(spec_example, -1);
  g_log_set_default_handler(count_criticals, NULL);
  n_criticals = 0;
  cr_assert_null(cxm_org_ref(NULL));
  cr_assert_eq(cxm_org_get_n_people(NULL), 0);
  cr_assert_not(cxm_org_has_person(NULL, "e-1"));
  cr_assert_not(cxm_org_has_person(org, NULL));
  cr_assert_eq(cxm_org_get_level(NULL, "e-1"), CXM_UNSET);
  cr_assert_eq(cxm_org_get_level(org, NULL), CXM_UNSET);
  cr_assert_null(cxm_org_get_team(NULL, "e-1"));
  cr_assert_null(cxm_org_get_team(org, NULL));
  cr_assert_null(cxm_org_get_manager(NULL, "e-1"));
  cr_assert_null(cxm_org_get_manager(org, NULL));
  cr_assert_null(cxm_org_get_people(NULL));
  cr_assert_null(cxm_org_get_reports(NULL, "s-1"));
  cr_assert_null(cxm_org_get_reports(org, NULL));
  guint expected = 13;
  g_log_set_default_handler(g_log_default_handler, NULL);
  cr_assert_eq(n_criticals, expected);
  cxm_org_unref(org);
}
