/* SPDX-License-Identifier: MIT */
/* Fuzz target: org files (cxm_org_new_from_data) and scopes.
 *
 * The input is an org file. Invariants checked:
 * - a refused org comes with a CXM_ERROR_ORG error; one with a NUL byte is
 *   refused (JSON text has none);
 * - an accepted one lists each person once, sorted; each has a level
 *   (not "unassigned"), a manager that is in the org or none, and is
 *   among their manager's reports; the reports are sorted and add up to
 *   the people with a manager; following managers always ends (no cycle);
 * - a recorder with the org attached, given one interaction per person
 *   (without level or team) and one from an employee outside the org,
 *   takes each person's level and team from the org; lists the people,
 *   then unknown_manager, as scopes; counts one record in each direct
 *   scope and the whole subtree in each cumulative scope; and reports
 *   them as one JSON object. */
#include "fuzz.h"

/* Records go to at most this many people, so that one run stays short;
 * the org's own invariants are checked for everyone. */
#define MAX_RECORDED 512

/* People in @id's subtree, @id included, remembered in @sizes (id ->
 * size). The org has no cycles (checked before), so this ends. */
static guint64
subtree_size(const CxmOrg *org, GHashTable *sizes, const char *id)
{
  gpointer known = g_hash_table_lookup(sizes, id);
  char **reports;
  guint64 n = 1;

  if (known != NULL)
    return GPOINTER_TO_SIZE(known);
  reports = cxm_org_get_reports(org, id);
  for (char **r = reports; *r != NULL; r++)
    n += subtree_size(org, sizes, *r);
  cxm_strv_free(reports);
  g_hash_table_insert(sizes, g_strdup(id), GSIZE_TO_POINTER((gsize) n));
  return n;
}

static void
check_org(const CxmOrg *org, char **people, guint n)
{
  guint with_manager = 0, n_reports = 0;

  FUZZ_CHECK(g_strv_length(people) == n);
  for (guint i = 0; i < n; i++) {
    const char *id = people[i];
    const char *manager = cxm_org_get_manager(org, id);
    const char *team = cxm_org_get_team(org, id);
    const int level = cxm_org_get_level(org, id);
    char **reports = cxm_org_get_reports(org, id);

    FUZZ_CHECK(i == 0 || strcmp(people[i - 1], id) < 0);
    FUZZ_CHECK(id[0] != '\0' && strlen(id) <= 128 && g_utf8_validate(id, -1, NULL));
    FUZZ_CHECK(cxm_org_has_person(org, id));
    FUZZ_CHECK(level >= 0 && level < CXM_LEVEL_UNASSIGNED);
    FUZZ_CHECK(team == NULL || (team[0] != '\0' && strlen(team) <= 128));
    if (manager != NULL) {
      char **siblings = cxm_org_get_reports(org, manager);
      FUZZ_CHECK(cxm_org_has_person(org, manager));
      FUZZ_CHECK(g_strv_contains((const char *const *) siblings, id));
      cxm_strv_free(siblings);
      with_manager++;
    }
    for (char **r = reports; *r != NULL; r++) {
      FUZZ_CHECK(r == reports || strcmp(r[-1], r[0]) < 0);
      FUZZ_CHECK(g_strcmp0(cxm_org_get_manager(org, *r), id) == 0);
      n_reports++;
    }
    cxm_strv_free(reports);

    /* Following managers ends within n steps. */
    const char *up = id;
    guint steps = 0;
    while ((up = cxm_org_get_manager(org, up)) != NULL)
      FUZZ_CHECK(++steps < n);
  }
  FUZZ_CHECK(with_manager == n_reports);

  /* No one else is in it. */
  FUZZ_CHECK(!cxm_org_has_person(org, ""));
  FUZZ_CHECK(cxm_org_get_level(org, "") == CXM_UNSET);
  FUZZ_CHECK(cxm_org_get_manager(org, "") == NULL);
  char **none = cxm_org_get_reports(org, "");
  FUZZ_CHECK(none != NULL && none[0] == NULL);
  cxm_strv_free(none);
}

/* An employee id that the org does not hold. */
static char *
outsider(const CxmOrg *org)
{
  for (guint i = 0;; i++) {
    char *id = g_strdup_printf("fuzz-outsider-%u", i);
    if (!cxm_org_has_person(org, id))
      return id;
    g_free(id);
  }
}

static void
record(CxmRecorder *rec, const char *employee, guint i)
{
  CxmInteraction *it = cxm_interaction_new();
  char *id = g_strdup_printf("o-%u", i);

  FUZZ_CHECK(cxm_interaction_set_id(it, id, NULL));
  FUZZ_CHECK(cxm_interaction_set_ts(it, 1772442900 + 86400 * (i % 40), NULL));
  FUZZ_CHECK(cxm_interaction_set_channel(it, (int) (i % CXM_CHANNEL_COUNT), NULL));
  FUZZ_CHECK(cxm_interaction_set_employee(it, employee, NULL));
  FUZZ_CHECK(cxm_interaction_set_csat(it, 1 + (int) (i % 5), NULL));
  if (i % 3 == 0)
    FUZZ_CHECK(cxm_interaction_add_difficulty(it, (int) (i % CXM_DIFFICULTY_COUNT), NULL));
  FUZZ_CHECK(cxm_recorder_record(rec, it, NULL, NULL, NULL));
  g_free(id);
  cxm_interaction_free(it);
}

static void
check_recorder(CxmOrg *org, char **people, guint n)
{
  CxmRecorder *rec = cxm_recorder_new(NULL);
  GError *error = NULL;
  const guint recorded = MIN(n, MAX_RECORDED);
  char *other = outsider(org);
  guint64 levels[CXM_LEVEL_COUNT] = { 0 }, with_team = 0, in_teams = 0;
  GHashTable *sizes = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);

  FUZZ_CHECK(cxm_recorder_set_org(rec, org, &error) && error == NULL);
  FUZZ_CHECK(cxm_recorder_get_org(rec) == org);
  for (guint i = 0; i < recorded; i++) {
    record(rec, people[i], i);
    levels[cxm_org_get_level(org, people[i])]++;
  }
  record(rec, other, recorded);
  levels[CXM_LEVEL_UNASSIGNED]++;

  /* Too late for another org. */
  FUZZ_CHECK(!cxm_recorder_set_org(rec, NULL, &error));
  fuzz_check_error(error);
  g_clear_error(&error);

  /* Levels and teams come from the org. */
  for (int l = 0; l < CXM_LEVEL_COUNT; l++)
    FUZZ_CHECK(fuzz_group_n(rec, CXM_GROUP_LEVEL, cxm_level_name(l)) == levels[l]);
  for (guint i = 0; i < recorded; i++) {
    const char *team = cxm_org_get_team(org, people[i]);
    if (team != NULL) {
      FUZZ_CHECK(fuzz_group_n(rec, CXM_GROUP_TEAM, team) >= 1);
      with_team++;
    }
  }
  char **teams = cxm_recorder_get_keys(rec, CXM_GROUP_TEAM, NULL);
  for (char **team = teams; *team != NULL; team++)
    in_teams += fuzz_group_n(rec, CXM_GROUP_TEAM, *team);
  FUZZ_CHECK(in_teams == with_team);
  cxm_strv_free(teams);

  /* Scopes: the people, then unknown_manager. */
  char **scopes = cxm_recorder_get_scopes(rec, &error);
  FUZZ_CHECK(scopes != NULL && error == NULL);
  FUZZ_CHECK(g_strv_length(scopes) == n + 1);
  for (guint i = 0; i < n; i++)
    FUZZ_CHECK(strcmp(scopes[i], people[i]) == 0);
  FUZZ_CHECK(strcmp(scopes[n], CXM_SCOPE_UNKNOWN_MANAGER) == 0);
  cxm_strv_free(scopes);

  guint64 roots = 0;
  for (guint i = 0; i < recorded; i++) {
    CxmStats *direct = cxm_recorder_get_scope_stats(rec, people[i], FALSE, NULL);
    CxmStats *cumulative = cxm_recorder_get_scope_stats(rec, people[i], TRUE, NULL);
    FUZZ_CHECK(direct != NULL && cumulative != NULL);
    FUZZ_CHECK(cxm_stats_get_count(direct, CXM_COUNT_N) == 1);
    /* Everyone is recorded when the org is small enough. */
    if (recorded == n)
      FUZZ_CHECK(cxm_stats_get_count(cumulative, CXM_COUNT_N) ==
                 subtree_size(org, sizes, people[i]));
    if (cxm_org_get_manager(org, people[i]) == NULL)
      roots += cxm_stats_get_count(cumulative, CXM_COUNT_N);
    cxm_stats_free(direct);
    cxm_stats_free(cumulative);
  }
  if (recorded == n)
    FUZZ_CHECK(roots == n);
  CxmStats *unknown = cxm_recorder_get_scope_stats(rec, CXM_SCOPE_UNKNOWN_MANAGER, TRUE,
                                                   NULL);
  FUZZ_CHECK(unknown != NULL && cxm_stats_get_count(unknown, CXM_COUNT_N) == 1);
  cxm_stats_free(unknown);
  FUZZ_CHECK(cxm_recorder_get_scope_stats(rec, other, FALSE, &error) == NULL);
  FUZZ_CHECK(error != NULL && error->code == CXM_ERROR_NOT_FOUND);
  g_clear_error(&error);

  /* The report with scopes. */
  char *text = cxm_report_to_json(rec, NULL,
                                  CXM_REPORT_SCOPES | CXM_REPORT_TEAMS |
                                      CXM_REPORT_EMPLOYEES | CXM_REPORT_HOTSPOTS |
                                      CXM_REPORT_MONTHS,
                                  &error);
  FUZZ_CHECK(text != NULL && error == NULL);
  json_object *root = fuzz_parse_json(text, json_type_object);
  json_object *scope_obj = fuzz_member(root, "scopes");
  FUZZ_CHECK(json_object_object_length(scope_obj) == (int) n + 1);
  for (guint i = 0; i < recorded; i++) {
    json_object *scope = fuzz_member(scope_obj, people[i]);
    FUZZ_CHECK(json_object_get_uint64(fuzz_member(fuzz_member(scope, "direct"), "n")) == 1);
    if (recorded == n)
      FUZZ_CHECK(json_object_get_uint64(
                     fuzz_member(fuzz_member(scope, "cumulative"), "n")) ==
                 subtree_size(org, sizes, people[i]));
  }
  json_object_put(root);
  cxm_free(text);

  g_hash_table_destroy(sizes);
  g_free(other);
  cxm_recorder_free(rec);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  GError *error = NULL;
  CxmOrg *org;
  char **people;
  guint n;

  fuzz_init();
  org = cxm_org_new_from_data((const char *) data, (gssize) size, &error);
  if (org == NULL) {
    fuzz_check_error(error);
    FUZZ_CHECK(error->code == CXM_ERROR_ORG);
    g_error_free(error);
    return 0;
  }
  FUZZ_CHECK(error == NULL);
  fuzz_check_no_nul(data, size);
  FUZZ_CHECK(cxm_org_ref(org) == org);
  cxm_org_unref(org);

  n = cxm_org_get_n_people(org);
  people = cxm_org_get_people(org);
  check_org(org, people, n);
  check_recorder(org, people, n);

  cxm_strv_free(people);
  cxm_org_unref(org);
  return 0;
}
