/* SPDX-License-Identifier: MIT */
/* Tests of CxmInteraction (interaction.h): setters, getters, validation. */
#include <criterion/criterion.h>
#include <string.h>
#include <cxm/cxm.h>
#include "test-util.h"

/* Only that it failed with a cxm error (the code is not documented). */
#define assert_cxm_error(err)                                                 \
  do {                                                                        \
    cr_assert_not_null((err), "expected an error");                           \
    cr_assert_eq((err)->domain, CXM_ERROR);                                   \
    g_clear_error(&(err));                                                    \
  } while (0)

#define assert_ok(call, err)                                                  \
  do {                                                                        \
    gboolean ok_ = (call);                                                    \
    cr_assert(ok_, "%s failed: %s", #call, (err) ? (err)->message : "?");    \
    cr_assert_null((err));                                                    \
  } while (0)

#define TS_0915Z G_GINT64_CONSTANT(1772442900) /* 2026-03-02T09:15:00Z */

static char *
repeat(const char *unit, int times)
{
  GString *s = g_string_new(NULL);
  for (int i = 0; i < times; i++)
    g_string_append(s, unit);
  return g_string_free(s, FALSE);
}

/* ---- fresh and NULL interactions --------------------------------------- */

static void
assert_all_absent(const CxmInteraction *it)
{
  cr_assert_null(cxm_interaction_get_id(it));
  cr_assert_not(cxm_interaction_has_ts(it));
  cr_assert_eq(cxm_interaction_get_ts(it), CXM_UNSET);
  cr_assert_eq(cxm_interaction_get_channel(it), CXM_UNSET);
  cr_assert_null(cxm_interaction_get_employee(it));
  cr_assert_null(cxm_interaction_get_team(it));
  cr_assert_null(cxm_interaction_get_customer(it));
  cr_assert_eq(cxm_interaction_get_level(it), CXM_UNSET);
  cr_assert_eq(cxm_interaction_get_resolution(it), CXM_UNSET);
  cr_assert_eq(cxm_interaction_get_difficulties(it), 0u);
  cr_assert_eq(cxm_interaction_get_emotions(it), 0u);
  cr_assert_eq(cxm_interaction_get_contact_number(it), CXM_UNSET);
  cr_assert_eq(cxm_interaction_get_csat(it), CXM_UNSET);
  cr_assert_eq(cxm_interaction_get_nps(it), CXM_UNSET);
  cr_assert_eq(cxm_interaction_get_effort(it), CXM_UNSET);
  cr_assert_eq(cxm_interaction_get_employee_satisfaction(it), CXM_UNSET);
  cr_assert_eq(cxm_interaction_get_beyond_role(it), CXM_UNSET);
  cr_assert_eq(cxm_interaction_get_proactive(it), CXM_UNSET);
  cr_assert_eq(cxm_interaction_get_empowered(it), CXM_UNSET);
}

Test(interaction, new_has_every_field_absent)
{
  g_autoptr(CxmInteraction) it = cxm_interaction_new();
  cr_assert_not_null(it);
  assert_all_absent(it);
}

Test(interaction, null_interaction_reads_as_absent)
{
  assert_all_absent(NULL);
}

Test(interaction, free_accepts_null)
{
  cxm_interaction_free(NULL);
}

static void
fill_everything(CxmInteraction *it)
{
  GError *err = NULL;
  assert_ok(cxm_interaction_set_id(it, "r-1", &err), err);
  assert_ok(cxm_interaction_set_ts(it, TS_0915Z, &err), err);
  assert_ok(cxm_interaction_set_channel(it, CXM_CHANNEL_CHAT, &err), err);
  assert_ok(cxm_interaction_set_employee(it, "e-1", &err), err);
  assert_ok(cxm_interaction_set_team(it, "north", &err), err);
  assert_ok(cxm_interaction_set_customer(it, "c-9", &err), err);
  assert_ok(cxm_interaction_set_level(it, CXM_LEVEL_MANAGER, &err), err);
  assert_ok(cxm_interaction_set_resolution(it, CXM_RESOLUTION_ESCALATED, &err), err);
  assert_ok(cxm_interaction_add_difficulty(it, CXM_DIFFICULTY_CUSTOMER_UPSET, &err), err);
  assert_ok(cxm_interaction_add_difficulty(it, CXM_DIFFICULTY_NO_IMMEDIATE_ANSWER, &err), err);
  assert_ok(cxm_interaction_add_emotion(it, CXM_EMOTION_STRESS, &err), err);
  assert_ok(cxm_interaction_set_contact_number(it, 3, &err), err);
  assert_ok(cxm_interaction_set_csat(it, 4, &err), err);
  assert_ok(cxm_interaction_set_nps(it, 7, &err), err);
  assert_ok(cxm_interaction_set_effort(it, 6, &err), err);
  assert_ok(cxm_interaction_set_employee_satisfaction(it, 2, &err), err);
  assert_ok(cxm_interaction_set_beyond_role(it, 1, &err), err);
  assert_ok(cxm_interaction_set_proactive(it, 0, &err), err);
  assert_ok(cxm_interaction_set_empowered(it, 1, &err), err);
}

Test(interaction, every_setter_is_read_back)
{
  g_autoptr(CxmInteraction) it = cxm_interaction_new();
  fill_everything(it);
  cr_assert_str_eq(cxm_interaction_get_id(it), "r-1");
  cr_assert(cxm_interaction_has_ts(it));
  cr_assert_eq(cxm_interaction_get_ts(it), TS_0915Z);
  cr_assert_eq(cxm_interaction_get_channel(it), CXM_CHANNEL_CHAT);
  cr_assert_str_eq(cxm_interaction_get_employee(it), "e-1");
  cr_assert_str_eq(cxm_interaction_get_team(it), "north");
  cr_assert_str_eq(cxm_interaction_get_customer(it), "c-9");
  cr_assert_eq(cxm_interaction_get_level(it), CXM_LEVEL_MANAGER);
  cr_assert_eq(cxm_interaction_get_resolution(it), CXM_RESOLUTION_ESCALATED);
  cr_assert_eq(cxm_interaction_get_difficulties(it),
               (1u << CXM_DIFFICULTY_CUSTOMER_UPSET)
               | (1u << CXM_DIFFICULTY_NO_IMMEDIATE_ANSWER));
  cr_assert_eq(cxm_interaction_get_emotions(it), 1u << CXM_EMOTION_STRESS);
  cr_assert_eq(cxm_interaction_get_contact_number(it), 3);
  cr_assert_eq(cxm_interaction_get_csat(it), 4);
  cr_assert_eq(cxm_interaction_get_nps(it), 7);
  cr_assert_eq(cxm_interaction_get_effort(it), 6);
  cr_assert_eq(cxm_interaction_get_employee_satisfaction(it), 2);
  cr_assert_eq(cxm_interaction_get_beyond_role(it), 1);
  cr_assert_eq(cxm_interaction_get_proactive(it), 0);
  cr_assert_eq(cxm_interaction_get_empowered(it), 1);
}

Test(interaction, reset_makes_every_field_absent)
{
  g_autoptr(CxmInteraction) it = cxm_interaction_new();
  fill_everything(it);
  cxm_interaction_reset(it);
  assert_all_absent(it);
  /* and it can be filled again */
  fill_everything(it);
  cr_assert_str_eq(cxm_interaction_get_id(it), "r-1");
}

Test(interaction, unset_makes_fields_absent_again)
{
  g_autoptr(CxmInteraction) it = cxm_interaction_new();
  GError *err = NULL;
  fill_everything(it);
  assert_ok(cxm_interaction_set_id(it, NULL, &err), err);
  assert_ok(cxm_interaction_set_ts_string(it, NULL, &err), err);
  assert_ok(cxm_interaction_set_channel(it, CXM_UNSET, &err), err);
  assert_ok(cxm_interaction_set_employee(it, NULL, &err), err);
  assert_ok(cxm_interaction_set_team(it, NULL, &err), err);
  assert_ok(cxm_interaction_set_customer(it, NULL, &err), err);
  assert_ok(cxm_interaction_set_level(it, CXM_UNSET, &err), err);
  assert_ok(cxm_interaction_set_resolution(it, CXM_UNSET, &err), err);
  cxm_interaction_clear_difficulties(it);
  cxm_interaction_clear_emotions(it);
  assert_ok(cxm_interaction_set_contact_number(it, CXM_UNSET, &err), err);
  assert_ok(cxm_interaction_set_csat(it, CXM_UNSET, &err), err);
  assert_ok(cxm_interaction_set_nps(it, CXM_UNSET, &err), err);
  assert_ok(cxm_interaction_set_effort(it, CXM_UNSET, &err), err);
  assert_ok(cxm_interaction_set_employee_satisfaction(it, CXM_UNSET, &err), err);
  assert_ok(cxm_interaction_set_beyond_role(it, CXM_UNSET, &err), err);
  assert_ok(cxm_interaction_set_proactive(it, CXM_UNSET, &err), err);
  assert_ok(cxm_interaction_set_empowered(it, CXM_UNSET, &err), err);
  assert_all_absent(it);
}

Test(interaction, set_ts_unset_makes_ts_absent)
{
  g_autoptr(CxmInteraction) it = cxm_interaction_new();
  GError *err = NULL;
  assert_ok(cxm_interaction_set_ts(it, TS_0915Z, &err), err);
  assert_ok(cxm_interaction_set_ts(it, CXM_UNSET, &err), err);
  cr_assert_not(cxm_interaction_has_ts(it));
  cr_assert_eq(cxm_interaction_get_ts(it), CXM_UNSET);
}

/* ---- NULL interaction --------------------------------------------------- */

Test(interaction, null_interaction_is_invalid_argument_for_every_setter)
{
  GError *err = NULL;
#define NULL_CASE(call)                                                       \
  do {                                                                        \
    cr_assert_not((call), "%s", #call);                                       \
    assert_error(err, CXM_ERROR_INVALID_ARGUMENT, NULL);                      \
  } while (0)
  NULL_CASE(cxm_interaction_set_id(NULL, "x", &err));
  NULL_CASE(cxm_interaction_set_ts(NULL, TS_0915Z, &err));
  NULL_CASE(cxm_interaction_set_ts_string(NULL, "2026-03-02T09:15:00Z", &err));
  NULL_CASE(cxm_interaction_set_channel(NULL, CXM_CHANNEL_WEB, &err));
  NULL_CASE(cxm_interaction_set_employee(NULL, "e", &err));
  NULL_CASE(cxm_interaction_set_team(NULL, "t", &err));
  NULL_CASE(cxm_interaction_set_customer(NULL, "c", &err));
  NULL_CASE(cxm_interaction_set_level(NULL, CXM_LEVEL_FRONTLINE, &err));
  NULL_CASE(cxm_interaction_set_resolution(NULL, CXM_RESOLUTION_RESOLVED, &err));
  NULL_CASE(cxm_interaction_add_difficulty(NULL, CXM_DIFFICULTY_CUSTOMER_UPSET, &err));
  NULL_CASE(cxm_interaction_add_emotion(NULL, CXM_EMOTION_FEAR, &err));
  NULL_CASE(cxm_interaction_set_contact_number(NULL, 1, &err));
  NULL_CASE(cxm_interaction_set_csat(NULL, 5, &err));
  NULL_CASE(cxm_interaction_set_nps(NULL, 5, &err));
  NULL_CASE(cxm_interaction_set_effort(NULL, 5, &err));
  NULL_CASE(cxm_interaction_set_employee_satisfaction(NULL, 5, &err));
  NULL_CASE(cxm_interaction_set_beyond_role(NULL, 1, &err));
  NULL_CASE(cxm_interaction_set_proactive(NULL, 1, &err));
  NULL_CASE(cxm_interaction_set_empowered(NULL, 1, &err));
#undef NULL_CASE
}

Test(interaction, setters_accept_null_error_pointer)
{
  g_autoptr(CxmInteraction) it = cxm_interaction_new();
  cr_assert_not(cxm_interaction_set_csat(it, 9, NULL));
  cr_assert_not(cxm_interaction_set_csat(NULL, 4, NULL));
  cr_assert(cxm_interaction_set_csat(it, 4, NULL));
  cr_assert_eq(cxm_interaction_get_csat(it), 4);
}

/* ---- scores ------------------------------------------------------------- */

typedef gboolean (*IntSetter)(CxmInteraction *, int, GError **);
typedef int (*IntGetter)(const CxmInteraction *);

/* Every value in lo..hi is accepted and read back; lo - 1, hi + 1 and
 * the far values are CXM_ERROR_RANGE with the contract's message, and a
 * rejected value leaves the previous one. */
static void
check_int_range(const char *key, IntSetter set, IntGetter get, int lo, int hi)
{
  g_autoptr(CxmInteraction) it = cxm_interaction_new();
  GError *err = NULL;
  for (int v = lo; v <= hi; v++) {
    assert_ok(set(it, v, &err), err);
    cr_assert_eq(get(it), v, "%s = %d", key, v);
  }
  const int bad[] = { lo - 1, hi + 1, -2, 100, G_MAXINT, G_MININT };
  for (gsize i = 0; i < G_N_ELEMENTS(bad); i++) {
    if (bad[i] == CXM_UNSET || (bad[i] >= lo && bad[i] <= hi))
      continue;
    char *msg = g_strdup_printf("%s must be an integer %d..%d, got %d", key,
                                lo, hi, bad[i]);
    cr_assert_not(set(it, bad[i], &err), "%s = %d accepted", key, bad[i]);
    assert_error(err, CXM_ERROR_RANGE, msg);
    cr_assert_eq(get(it), hi, "a rejected %s changed the value", key);
    g_free(msg);
  }
}

Test(interaction, csat_range_is_1_to_5)
{
  check_int_range("csat", cxm_interaction_set_csat, cxm_interaction_get_csat,
                  1, 5);
}

Test(interaction, nps_range_is_0_to_10)
{
  check_int_range("nps", cxm_interaction_set_nps, cxm_interaction_get_nps,
                  0, 10);
}

Test(interaction, effort_range_is_1_to_7)
{
  check_int_range("effort", cxm_interaction_set_effort,
                  cxm_interaction_get_effort, 1, 7);
}

Test(interaction, employee_satisfaction_range_is_1_to_5)
{
  check_int_range("employee_satisfaction",
                  cxm_interaction_set_employee_satisfaction,
                  cxm_interaction_get_employee_satisfaction, 1, 5);
}

/* The setters give the importer's messages: those of tests/cases/records/. */
Test(interaction, contract_messages_for_scores)
{
  g_autoptr(CxmInteraction) it = cxm_interaction_new();
  GError *err = NULL;
  cr_assert_not(cxm_interaction_set_csat(it, 7, &err));
  assert_case_error(err, CXM_ERROR_RANGE, "records/csat-above-5");
  cr_assert_not(cxm_interaction_set_nps(it, 11, &err));
  assert_case_error(err, CXM_ERROR_RANGE, "records/nps-above-10");
  cr_assert_not(cxm_interaction_set_effort(it, 0, &err));
  assert_case_error(err, CXM_ERROR_RANGE, "records/effort-0");
  cr_assert_not(cxm_interaction_set_employee_satisfaction(it, 6, &err));
  assert_case_error(err, CXM_ERROR_RANGE, "records/employee-satisfaction-above-5");
  cr_assert_not(cxm_interaction_set_contact_number(it, 0, &err));
  assert_case_error(err, CXM_ERROR_RANGE, "records/contact-number-0");
}

Test(interaction, absent_is_distinct_from_valid_values)
{
  g_autoptr(CxmInteraction) it = cxm_interaction_new();
  GError *err = NULL;
  cr_assert_eq(cxm_interaction_get_csat(it), -1);
  cr_assert_eq(cxm_interaction_get_nps(it), -1);
  /* nps 0 is a present answer (a detractor), not "absent" */
  assert_ok(cxm_interaction_set_nps(it, 0, &err), err);
  cr_assert_eq(cxm_interaction_get_nps(it), 0);
  /* false is a present boolean */
  assert_ok(cxm_interaction_set_beyond_role(it, 0, &err), err);
  cr_assert_eq(cxm_interaction_get_beyond_role(it), 0);
  /* channel web and level frontline are value 0, not absent */
  assert_ok(cxm_interaction_set_channel(it, CXM_CHANNEL_WEB, &err), err);
  cr_assert_eq(cxm_interaction_get_channel(it), 0);
  assert_ok(cxm_interaction_set_level(it, CXM_LEVEL_FRONTLINE, &err), err);
  cr_assert_eq(cxm_interaction_get_level(it), 0);
  assert_ok(cxm_interaction_set_ts(it, 0, &err), err);
  cr_assert(cxm_interaction_has_ts(it));
  cr_assert_eq(cxm_interaction_get_ts(it), 0);
}

Test(interaction, contact_number_accepts_one_and_large_values)
{
  g_autoptr(CxmInteraction) it = cxm_interaction_new();
  GError *err = NULL;
  assert_ok(cxm_interaction_set_contact_number(it, 1, &err), err);
  cr_assert_eq(cxm_interaction_get_contact_number(it), 1);
  assert_ok(cxm_interaction_set_contact_number(it, G_MAXINT64, &err), err);
  cr_assert_eq(cxm_interaction_get_contact_number(it), G_MAXINT64);
  assert_ok(cxm_interaction_set_contact_number(it, 2, &err), err);
  cr_assert_not(cxm_interaction_set_contact_number(it, -5, &err));
  assert_error(err, CXM_ERROR_RANGE,
               "contact_number must be an integer >= 1, got -5");
  cr_assert_eq(cxm_interaction_get_contact_number(it), 2);
}

/* ---- booleans ----------------------------------------------------------- */

static void
check_boolean(IntSetter set, IntGetter get)
{
  g_autoptr(CxmInteraction) it = cxm_interaction_new();
  GError *err = NULL;
  assert_ok(set(it, 1, &err), err);
  cr_assert_eq(get(it), 1);
  assert_ok(set(it, 0, &err), err);
  cr_assert_eq(get(it), 0);
  cr_assert_not(set(it, 2, &err));
  assert_cxm_error(err);
  cr_assert_eq(get(it), 0, "a rejected boolean changed the value");
  cr_assert_not(set(it, -2, &err));
  assert_cxm_error(err);
  cr_assert_eq(get(it), 0);
  assert_ok(set(it, CXM_UNSET, &err), err);
  cr_assert_eq(get(it), CXM_UNSET);
}

Test(interaction, beyond_role_is_a_boolean)
{
  check_boolean(cxm_interaction_set_beyond_role, cxm_interaction_get_beyond_role);
}

Test(interaction, proactive_is_a_boolean)
{
  check_boolean(cxm_interaction_set_proactive, cxm_interaction_get_proactive);
}

Test(interaction, empowered_is_a_boolean)
{
  check_boolean(cxm_interaction_set_empowered, cxm_interaction_get_empowered);
}

/* ---- enums -------------------------------------------------------------- */

static void
check_enum(IntSetter set, IntGetter get, int count)
{
  g_autoptr(CxmInteraction) it = cxm_interaction_new();
  GError *err = NULL;
  for (int v = 0; v < count; v++) {
    assert_ok(set(it, v, &err), err);
    cr_assert_eq(get(it), v);
  }
  cr_assert_not(set(it, count, &err), "value %d accepted", count);
  assert_error(err, CXM_ERROR_INVALID_ARGUMENT, NULL);
  cr_assert_eq(get(it), count - 1, "a rejected value changed the field");
  cr_assert_not(set(it, -2, &err));
  assert_error(err, CXM_ERROR_INVALID_ARGUMENT, NULL);
  cr_assert_not(set(it, 1000, &err));
  assert_error(err, CXM_ERROR_INVALID_ARGUMENT, NULL);
  cr_assert_eq(get(it), count - 1);
}

Test(interaction, channel_takes_every_channel_and_refuses_out_of_range)
{
  check_enum(cxm_interaction_set_channel, cxm_interaction_get_channel,
             CXM_CHANNEL_COUNT);
}

Test(interaction, resolution_takes_every_resolution_and_refuses_out_of_range)
{
  check_enum(cxm_interaction_set_resolution, cxm_interaction_get_resolution,
             CXM_RESOLUTION_COUNT);
}

Test(interaction, level_takes_the_three_levels)
{
  g_autoptr(CxmInteraction) it = cxm_interaction_new();
  GError *err = NULL;
  for (int v = CXM_LEVEL_FRONTLINE; v <= CXM_LEVEL_SENIOR_LEADER; v++) {
    assert_ok(cxm_interaction_set_level(it, v, &err), err);
    cr_assert_eq(cxm_interaction_get_level(it), v);
  }
}

Test(interaction, level_unassigned_is_refused)
{
  g_autoptr(CxmInteraction) it = cxm_interaction_new();
  GError *err = NULL;
  assert_ok(cxm_interaction_set_level(it, CXM_LEVEL_MANAGER, &err), err);
  cr_assert_not(cxm_interaction_set_level(it, CXM_LEVEL_UNASSIGNED, &err));
  assert_cxm_error(err);
  cr_assert_eq(cxm_interaction_get_level(it), CXM_LEVEL_MANAGER);
  cr_assert_not(cxm_interaction_set_level(it, CXM_LEVEL_COUNT, &err));
  assert_error(err, CXM_ERROR_INVALID_ARGUMENT, NULL);
  cr_assert_not(cxm_interaction_set_level(it, -2, &err));
  assert_error(err, CXM_ERROR_INVALID_ARGUMENT, NULL);
  cr_assert_eq(cxm_interaction_get_level(it), CXM_LEVEL_MANAGER);
}

/* ---- sets --------------------------------------------------------------- */

Test(interaction, add_every_difficulty_builds_the_mask)
{
  g_autoptr(CxmInteraction) it = cxm_interaction_new();
  GError *err = NULL;
  guint expected = 0;
  for (int d = 0; d < CXM_DIFFICULTY_COUNT; d++) {
    assert_ok(cxm_interaction_add_difficulty(it, d, &err), err);
    expected |= 1u << d;
    cr_assert_eq(cxm_interaction_get_difficulties(it), expected);
  }
  cr_assert_eq(expected, 0x7fu);
  cxm_interaction_clear_difficulties(it);
  cr_assert_eq(cxm_interaction_get_difficulties(it), 0u);
}

Test(interaction, duplicate_difficulty_is_refused)
{
  g_autoptr(CxmInteraction) it = cxm_interaction_new();
  GError *err = NULL;
  assert_ok(cxm_interaction_add_difficulty(it, CXM_DIFFICULTY_CUSTOMER_UPSET, &err), err);
  assert_ok(cxm_interaction_add_difficulty(it, CXM_DIFFICULTY_MISCOMMUNICATION, &err), err);
  cr_assert_not(cxm_interaction_add_difficulty(it, CXM_DIFFICULTY_CUSTOMER_UPSET, &err));
  assert_case_error(err, CXM_ERROR_DUPLICATE, "records/difficulties-duplicate");
  cr_assert_eq(cxm_interaction_get_difficulties(it),
               (1u << CXM_DIFFICULTY_CUSTOMER_UPSET)
               | (1u << CXM_DIFFICULTY_MISCOMMUNICATION));
  /* after clearing, the same kind may be added again */
  cxm_interaction_clear_difficulties(it);
  assert_ok(cxm_interaction_add_difficulty(it, CXM_DIFFICULTY_CUSTOMER_UPSET, &err), err);
}

Test(interaction, out_of_range_difficulty_is_refused)
{
  g_autoptr(CxmInteraction) it = cxm_interaction_new();
  GError *err = NULL;
  assert_ok(cxm_interaction_add_difficulty(it, CXM_DIFFICULTY_EXCEEDS_OFFERING, &err), err);
  cr_assert_not(cxm_interaction_add_difficulty(it, CXM_DIFFICULTY_COUNT, &err));
  assert_error(err, CXM_ERROR_INVALID_ARGUMENT, NULL);
  cr_assert_not(cxm_interaction_add_difficulty(it, CXM_UNSET, &err));
  assert_cxm_error(err);
  cr_assert_not(cxm_interaction_add_difficulty(it, 31, &err));
  assert_error(err, CXM_ERROR_INVALID_ARGUMENT, NULL);
  cr_assert_eq(cxm_interaction_get_difficulties(it),
               1u << CXM_DIFFICULTY_EXCEEDS_OFFERING);
}

Test(interaction, add_every_emotion_builds_the_mask)
{
  g_autoptr(CxmInteraction) it = cxm_interaction_new();
  GError *err = NULL;
  guint expected = 0;
  for (int e = 0; e < CXM_EMOTION_COUNT; e++) {
    assert_ok(cxm_interaction_add_emotion(it, e, &err), err);
    expected |= 1u << e;
    cr_assert_eq(cxm_interaction_get_emotions(it), expected);
  }
  cr_assert_eq(expected, 0xfu);
  cxm_interaction_clear_emotions(it);
  cr_assert_eq(cxm_interaction_get_emotions(it), 0u);
}

Test(interaction, duplicate_emotion_is_refused)
{
  g_autoptr(CxmInteraction) it = cxm_interaction_new();
  GError *err = NULL;
  assert_ok(cxm_interaction_add_emotion(it, CXM_EMOTION_FEAR, &err), err);
  cr_assert_not(cxm_interaction_add_emotion(it, CXM_EMOTION_FEAR, &err));
  assert_case_error(err, CXM_ERROR_DUPLICATE, "records/emotions-duplicate");
  cr_assert_eq(cxm_interaction_get_emotions(it), 1u << CXM_EMOTION_FEAR);
  cr_assert_not(cxm_interaction_add_emotion(it, CXM_EMOTION_COUNT, &err));
  assert_error(err, CXM_ERROR_INVALID_ARGUMENT, NULL);
  cr_assert_eq(cxm_interaction_get_emotions(it), 1u << CXM_EMOTION_FEAR);
}

Test(interaction, clearing_difficulties_keeps_emotions_and_back)
{
  g_autoptr(CxmInteraction) it = cxm_interaction_new();
  GError *err = NULL;
  assert_ok(cxm_interaction_add_emotion(it, CXM_EMOTION_ANGER, &err), err);
  assert_ok(cxm_interaction_add_difficulty(it, CXM_DIFFICULTY_CUSTOMER_INSISTS, &err), err);
  cxm_interaction_clear_difficulties(it);
  cr_assert_eq(cxm_interaction_get_emotions(it), 1u << CXM_EMOTION_ANGER);
  assert_ok(cxm_interaction_add_difficulty(it, CXM_DIFFICULTY_CUSTOMER_INSISTS, &err), err);
  cxm_interaction_clear_emotions(it);
  cr_assert_eq(cxm_interaction_get_difficulties(it),
               1u << CXM_DIFFICULTY_CUSTOMER_INSISTS);
}

/* ---- strings ------------------------------------------------------------ */

typedef gboolean (*StrSetter)(CxmInteraction *, const char *, GError **);
typedef const char *(*StrGetter)(const CxmInteraction *);

static void
check_string_field(const char *key, StrSetter set, StrGetter get)
{
  g_autoptr(CxmInteraction) it = cxm_interaction_new();
  GError *err = NULL;
  char *s128 = repeat("a", 128);
  char *s129 = repeat("b", 129);
  char *msg;

  assert_ok(set(it, "x", &err), err);
  cr_assert_str_eq(get(it), "x");
  assert_ok(set(it, s128, &err), err);
  cr_assert_str_eq(get(it), s128);
  cr_assert_eq(strlen(get(it)), 128);

  cr_assert_not(set(it, s129, &err), "%s of 129 bytes accepted", key);
  msg = g_strdup_printf("%s must be 1..128 bytes, got 129", key);
  assert_error(err, CXM_ERROR_RANGE, msg);
  g_free(msg);
  cr_assert_str_eq(get(it), s128, "a rejected %s changed the value", key);

  cr_assert_not(set(it, "", &err), "empty %s accepted", key);
  msg = g_strdup_printf("%s must be 1..128 bytes, got 0", key);
  assert_error(err, CXM_ERROR_RANGE, msg);
  g_free(msg);
  cr_assert_str_eq(get(it), s128);

  cr_assert_not(set(it, "ab\xff" "cd", &err), "invalid UTF-8 %s accepted", key);
  assert_error(err, CXM_ERROR_INVALID_UTF8, NULL);
  cr_assert_not(set(it, "\xc3", &err), "truncated UTF-8 %s accepted", key);
  assert_error(err, CXM_ERROR_INVALID_UTF8, NULL);
  cr_assert_not(set(it, "\xc0\xaf", &err), "overlong UTF-8 %s accepted", key);
  assert_error(err, CXM_ERROR_INVALID_UTF8, NULL);
  cr_assert_not(set(it, "\xed\xa0\x80", &err), "surrogate in %s accepted", key);
  assert_error(err, CXM_ERROR_INVALID_UTF8, NULL);
  cr_assert_str_eq(get(it), s128);

  g_free(s128);
  g_free(s129);
}

Test(interaction, id_is_1_to_128_bytes_of_utf8)
{
  check_string_field("id", cxm_interaction_set_id, cxm_interaction_get_id);
}

Test(interaction, employee_is_1_to_128_bytes_of_utf8)
{
  check_string_field("employee", cxm_interaction_set_employee,
                     cxm_interaction_get_employee);
}

Test(interaction, team_is_1_to_128_bytes_of_utf8)
{
  check_string_field("team", cxm_interaction_set_team,
                     cxm_interaction_get_team);
}

Test(interaction, customer_is_1_to_128_bytes_of_utf8)
{
  check_string_field("customer", cxm_interaction_set_customer,
                     cxm_interaction_get_customer);
}

Test(interaction, string_length_counts_bytes_not_characters)
{
  g_autoptr(CxmInteraction) it = cxm_interaction_new();
  GError *err = NULL;
  char *e64 = repeat("\xc3\xa9", 64);       /* 64 x "é" = 128 bytes */
  char *euro43 = repeat("\xe2\x82\xac", 43); /* 43 x "€" = 129 bytes */
  assert_ok(cxm_interaction_set_team(it, e64, &err), err);
  cr_assert_str_eq(cxm_interaction_get_team(it), e64);
  cr_assert_not(cxm_interaction_set_team(it, euro43, &err));
  assert_error(err, CXM_ERROR_RANGE, "team must be 1..128 bytes, got 129");
  cr_assert_str_eq(cxm_interaction_get_team(it), e64);
  g_free(e64);
  g_free(euro43);
}

Test(interaction, id_with_a_control_character_is_refused)
{
  g_autoptr(CxmInteraction) it = cxm_interaction_new();
  GError *err = NULL;
  const char *bad[] = { "a\tb", "a\nb", "\x01", "tail\r", "x\x1f", "x\x7fy" };
  assert_ok(cxm_interaction_set_id(it, "good", &err), err);
  for (gsize i = 0; i < G_N_ELEMENTS(bad); i++) {
    cr_assert_not(cxm_interaction_set_id(it, bad[i], &err),
                  "id with control character %zu accepted", i);
    assert_case_error(err, CXM_ERROR_FORMAT, "records/id-tab");
    cr_assert_str_eq(cxm_interaction_get_id(it), "good");
  }
}

Test(interaction, id_with_a_c1_control_character_is_refused)
{
  /* U+0085 (NEXT LINE) is a control character (Unicode category Cc). */
  g_autoptr(CxmInteraction) it = cxm_interaction_new();
  GError *err = NULL;
  cr_assert_not(cxm_interaction_set_id(it, "a\xc2\x85" "b", &err));
  assert_case_error(err, CXM_ERROR_FORMAT, "records/id-tab");
}

/* Every byte at every place of values of 1 to 20 bytes, shorter than a
 * word of 8, in whole words and in a last word that overlaps: an id takes
 * printable ASCII only among single bytes, another string field anything
 * but a byte of a broken UTF-8 sequence (NUL aside, which only JSON's
 * "\u0000" can put there). */
Test(interaction, each_byte_in_each_place_is_judged_alike)
{
  g_autoptr(CxmInteraction) it = cxm_interaction_new();
  char value[21];

  for (int len = 1; len <= 20; len++)
    for (int place = 0; place < len; place++) {
      for (int byte = 1; byte < 256; byte++) {
        GError *err = NULL;
        memset(value, 'a', len);
        value[len] = '\0';
        value[place] = (char) byte;
        const gboolean printable = byte >= 0x20 && byte < 0x7f;
        cr_assert_eq(cxm_interaction_set_id(it, value, &err), printable,
                     "id of %d bytes with byte 0x%02x at %d", len, byte, place);
        g_clear_error(&err);
        cr_assert_eq(cxm_interaction_set_team(it, value, &err), byte < 0x80,
                     "team of %d bytes with byte 0x%02x at %d", len, byte, place);
        g_clear_error(&err);
      }
    }
}

Test(interaction, id_accepts_unicode_and_spaces)
{
  g_autoptr(CxmInteraction) it = cxm_interaction_new();
  GError *err = NULL;
  assert_ok(cxm_interaction_set_id(it, "ticket 42 \xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80", &err), err);
  cr_assert_str_eq(cxm_interaction_get_id(it),
                   "ticket 42 \xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80");
}

Test(interaction, strings_are_copied)
{
  g_autoptr(CxmInteraction) it = cxm_interaction_new();
  GError *err = NULL;
  char buf[16];
  g_strlcpy(buf, "team-a", sizeof buf);
  assert_ok(cxm_interaction_set_team(it, buf, &err), err);
  g_strlcpy(buf, "XXXXXX", sizeof buf);
  cr_assert_str_eq(cxm_interaction_get_team(it), "team-a");
  cr_assert_neq(cxm_interaction_get_team(it), buf);
}

/* ---- timestamps --------------------------------------------------------- */

Test(interaction, ts_unix_seconds_bounds)
{
  g_autoptr(CxmInteraction) it = cxm_interaction_new();
  GError *err = NULL;
  assert_ok(cxm_interaction_set_ts(it, 0, &err), err);
  cr_assert_eq(cxm_interaction_get_ts(it), 0);
  assert_ok(cxm_interaction_set_ts(it, G_GINT64_CONSTANT(253402300799), &err), err);
  cr_assert_eq(cxm_interaction_get_ts(it), G_GINT64_CONSTANT(253402300799));

  cr_assert_not(cxm_interaction_set_ts(it, G_GINT64_CONSTANT(253402300800), &err));
  assert_case_error(err, CXM_ERROR_RANGE, "records/ts-after-9999");
  cr_assert_not(cxm_interaction_set_ts(it, -5, &err));
  assert_case_error(err, CXM_ERROR_RANGE, "records/ts-before-1970");
  cr_assert_eq(cxm_interaction_get_ts(it), G_GINT64_CONSTANT(253402300799));
  cr_assert(cxm_interaction_has_ts(it));
}

static gint64
parse_ok(const char *text)
{
  g_autoptr(CxmInteraction) it = cxm_interaction_new();
  GError *err = NULL;
  gboolean ok = cxm_interaction_set_ts_string(it, text, &err);
  cr_assert(ok, "\"%s\" refused: %s", text, err ? err->message : "?");
  cr_assert_null(err);
  cr_assert(cxm_interaction_has_ts(it));
  return cxm_interaction_get_ts(it);
}

Test(interaction, rfc3339_utc)
{
  cr_assert_eq(parse_ok("2026-03-02T09:15:00Z"), TS_0915Z);
}

Test(interaction, rfc3339_positive_offset)
{
  cr_assert_eq(parse_ok("2026-03-02T11:15:00+02:00"), TS_0915Z);
}

Test(interaction, rfc3339_negative_half_hour_offset)
{
  cr_assert_eq(parse_ok("2026-03-02T03:45:00-05:30"), TS_0915Z);
  cr_assert_eq(parse_ok("2026-03-02T09:15:00+00:00"), TS_0915Z);
  cr_assert_eq(parse_ok("2026-03-02T09:15:00-00:00"), TS_0915Z);
}

Test(interaction, rfc3339_offset_crossing_the_year)
{
  /* 2026-12-31T23:59:59-14:00 is 2027-01-01T13:59:59Z */
  cr_assert_eq(parse_ok("2026-12-31T23:59:59-14:00"),
               G_GINT64_CONSTANT(1798811999));
}

Test(interaction, rfc3339_lowercase_t_and_z)
{
  /* RFC 3339 section 5.6: "T" and "Z" may be lower case. */
  cr_assert_eq(parse_ok("2026-03-02t09:15:00z"), TS_0915Z);
}

Test(interaction, rfc3339_fractional_seconds_are_dropped)
{
  cr_assert_eq(parse_ok("2026-03-02T09:15:00.5Z"), TS_0915Z);
  cr_assert_eq(parse_ok("2026-03-02T09:15:00.999999999Z"), TS_0915Z);
  cr_assert_eq(parse_ok("2026-03-02T11:15:00.123+02:00"), TS_0915Z);
}

Test(interaction, rfc3339_leap_days)
{
  cr_assert_eq(parse_ok("2024-02-29T00:00:00Z"), G_GINT64_CONSTANT(1709164800));
  cr_assert_eq(parse_ok("2000-02-29T00:00:00Z"), G_GINT64_CONSTANT(951782400));
}

Test(interaction, rfc3339_bounds)
{
  cr_assert_eq(parse_ok("1970-01-01T00:00:00Z"), 0);
  cr_assert_eq(parse_ok("9999-12-31T23:59:59Z"), G_GINT64_CONSTANT(253402300799));
}

static void
parse_bad(const char *text)
{
  g_autoptr(CxmInteraction) it = cxm_interaction_new();
  GError *err = NULL;
  assert_ok(cxm_interaction_set_ts(it, 12345, &err), err);
  cr_assert_not(cxm_interaction_set_ts_string(it, text, &err),
                "\"%s\" accepted as %" G_GINT64_FORMAT, text,
                cxm_interaction_get_ts(it));
  char *msg = g_strdup_printf("ts must be RFC 3339 with an offset, got \"%s\"",
                              text);
  assert_error(err, CXM_ERROR_FORMAT, msg);
  g_free(msg);
  cr_assert_eq(cxm_interaction_get_ts(it), 12345, "rejected ts changed the value");
}

Test(interaction, rfc3339_missing_offset_is_refused)
{
  parse_bad("2026-03-02T09:15:00");
}

Test(interaction, rfc3339_invalid_dates_are_refused)
{
  parse_bad("2026-02-30T09:15:00Z"); /* Feb 30 */
  parse_bad("2026-02-29T09:15:00Z"); /* 2026 is not a leap year */
  parse_bad("2100-02-29T09:15:00Z"); /* neither is 2100 */
  parse_bad("2026-13-01T09:15:00Z"); /* month 13 */
  parse_bad("2026-00-01T09:15:00Z"); /* month 0 */
  parse_bad("2026-04-31T09:15:00Z"); /* April 31 */
  parse_bad("2026-03-00T09:15:00Z"); /* day 0 */
  parse_bad("2026-03-32T09:15:00Z"); /* day 32 */
}

Test(interaction, rfc3339_invalid_times_are_refused)
{
  parse_bad("2026-03-02T24:00:00Z"); /* hour 24 */
  parse_bad("2026-03-02T09:60:00Z"); /* minute 60 */
  parse_bad("2026-03-02T09:15:61Z"); /* second 61 */
  parse_bad("2026-03-02T09:15:00+24:00"); /* offset hour 24 */
  parse_bad("2026-03-02T09:15:00+02:60"); /* offset minute 60 */
}

Test(interaction, rfc3339_malformed_text_is_refused)
{
  parse_bad("");
  parse_bad("2026-03-02");
  parse_bad("2026-03-02T09:15Z");
  parse_bad("2026-3-2T09:15:00Z");
  parse_bad("2026-03-02T9:15:00Z");
  parse_bad("2026-03-02 09:15:00");
  parse_bad("2026-03-02T09:15:00+0200");
  parse_bad("2026-03-02T09:15:00+02");
  parse_bad("2026-03-02T09:15:00.Z");
  parse_bad("2026-03-02T09:15:00Zjunk");
  parse_bad(" 2026-03-02T09:15:00Z");
  parse_bad("2026-03-02T09:15:00Z ");
  parse_bad("20260302T091500Z");
  parse_bad("1772442900");
  parse_bad("yesterday");
}

Test(interaction, rfc3339_outside_the_range_is_refused)
{
  g_autoptr(CxmInteraction) it = cxm_interaction_new();
  GError *err = NULL;
  assert_ok(cxm_interaction_set_ts(it, 777, &err), err);
  /* one second before the epoch, one second after 9999-12-31T23:59:59Z */
  cr_assert_not(cxm_interaction_set_ts_string(it, "1970-01-01T00:59:59+01:00", &err));
  assert_cxm_error(err);
  cr_assert_not(cxm_interaction_set_ts_string(it, "9999-12-31T23:59:59-00:01", &err));
  assert_cxm_error(err);
  cr_assert_not(cxm_interaction_set_ts_string(it, "1969-12-31T23:59:59Z", &err));
  assert_cxm_error(err);
  cr_assert_eq(cxm_interaction_get_ts(it), 777);
}

/* ---- cxm_interaction_new_from_json ---------------------------------------- */

Test(interaction_json, parses_every_field)
{
  GError *err = NULL;
  const char *json =
    "{\"id\":\"j-1\",\"ts\":\"2026-03-02T11:15:00+02:00\",\"channel\":\"in_person\","
    "\"employee\":\"e-1\",\"team\":\"north\",\"level\":\"manager\",\"customer\":\"c-9\","
    "\"difficulties\":[\"customer_upset\",\"miscommunication\"],\"emotions\":[\"stress\"],"
    "\"resolution\":\"escalated\",\"contact_number\":2,\"csat\":4,\"nps\":0,\"effort\":7,"
    "\"employee_satisfaction\":3,\"beyond_role\":true,\"proactive\":false,\"empowered\":null,"
    "\"future_key\":{\"x\":1}}";
  g_autoptr(CxmInteraction) it = cxm_interaction_new_from_json(json, -1, &err);
  cr_assert_not_null(it, "%s", err ? err->message : "?");
  cr_assert_str_eq(cxm_interaction_get_id(it), "j-1");
  cr_assert_eq(cxm_interaction_get_ts(it), 1772442900);
  cr_assert_eq(cxm_interaction_get_channel(it), CXM_CHANNEL_IN_PERSON);
  cr_assert_str_eq(cxm_interaction_get_employee(it), "e-1");
  cr_assert_str_eq(cxm_interaction_get_team(it), "north");
  cr_assert_str_eq(cxm_interaction_get_customer(it), "c-9");
  cr_assert_eq(cxm_interaction_get_level(it), CXM_LEVEL_MANAGER);
  cr_assert_eq(cxm_interaction_get_difficulties(it),
               (1u << CXM_DIFFICULTY_CUSTOMER_UPSET) | (1u << CXM_DIFFICULTY_MISCOMMUNICATION));
  cr_assert_eq(cxm_interaction_get_emotions(it), 1u << CXM_EMOTION_STRESS);
  cr_assert_eq(cxm_interaction_get_resolution(it), CXM_RESOLUTION_ESCALATED);
  cr_assert_eq(cxm_interaction_get_contact_number(it), 2);
  cr_assert_eq(cxm_interaction_get_csat(it), 4);
  cr_assert_eq(cxm_interaction_get_nps(it), 0);
  cr_assert_eq(cxm_interaction_get_effort(it), 7);
  cr_assert_eq(cxm_interaction_get_employee_satisfaction(it), 3);
  cr_assert_eq(cxm_interaction_get_beyond_role(it), 1);
  cr_assert_eq(cxm_interaction_get_proactive(it), 0);
  cr_assert_eq(cxm_interaction_get_empowered(it), CXM_UNSET);
}

/* The errors of bad records, each with its code, key and message, are the
 * cases of tests/cases/records/ (tests/test-cases.c). */
Test(interaction_json, null_json_is_invalid_argument)
{
  GError *err = NULL;
  cr_assert_null(cxm_interaction_new_from_json(NULL, -1, &err));
  assert_error(err, CXM_ERROR_INVALID_ARGUMENT, NULL);
}

Test(interaction_json, length_bounds_the_text)
{
  const char *json = "{\"id\":\"a\",\"ts\":1,\"channel\":\"web\"}garbage";
  const gssize object_len = strchr(json, '}') - json + 1;
  g_autoptr(CxmInteraction) it = cxm_interaction_new_from_json(json, object_len, NULL);
  cr_assert_not_null(it);
  GError *err = NULL;
  cr_assert_null(cxm_interaction_new_from_json(json, -1, &err));
  assert_error(err, CXM_ERROR_INVALID_JSON, NULL);
}

Test(interaction_json, setter_errors_carry_the_key_too)
{
  g_autoptr(CxmInteraction) it = cxm_interaction_new();
  GError *err = NULL;
  cr_assert_not(cxm_interaction_set_effort(it, 9, &err));
  cr_assert_str_eq(cxm_error_get_key(err), "effort");
  g_clear_error(&err);
  cr_assert_not(cxm_interaction_set_team(it, "", &err));
  cr_assert_str_eq(cxm_error_get_key(err), "team");
  g_clear_error(&err);
  /* Errors of other domains have no key. */
  g_autoptr(GError) other = g_error_new_literal(G_FILE_ERROR, G_FILE_ERROR_NOENT, "x");
  cr_assert_null(cxm_error_get_key(other));
  cr_assert_eq(cxm_error_get_line(other), 0);
  cr_assert_null(cxm_error_get_key(NULL));
}

/* A leap second is the last second of its UTC day, in either form; the
 * last second of 9999 is in range as a number too (issue: the two forms
 * agree). */
Test(interaction, a_leap_second_counts_in_its_own_day)
{
  g_autoptr(CxmInteraction) it = cxm_interaction_new();
  GError *err = NULL;
  cr_assert(cxm_interaction_set_ts_string(it, "2016-12-31T23:59:60Z", &err));
  cr_assert_eq(cxm_interaction_get_ts(it), G_GINT64_CONSTANT(1483228799));
  g_autofree char *day = cxm_period_name(cxm_interaction_get_ts(it), CXM_PERIOD_DAY);
  cr_assert_str_eq(day, "2016-12-31");
  cr_assert(cxm_interaction_set_ts_string(it, "2016-12-31T18:59:60-05:00", &err));
  cr_assert_eq(cxm_interaction_get_ts(it), G_GINT64_CONSTANT(1483228799));
  cr_assert_not(cxm_interaction_set_ts_string(it, "2016-12-31T23:58:60Z", &err));
  assert_error(err, CXM_ERROR_FORMAT, NULL);

  g_autoptr(CxmInteraction) n = cxm_interaction_new_from_json(
      "{\"id\":\"a\",\"ts\":253402300799.5,\"channel\":\"web\"}", -1, &err);
  cr_assert_not_null(n, "%s", err ? err->message : "?");
  cr_assert_eq(cxm_interaction_get_ts(n), G_GINT64_CONSTANT(253402300799));
  cr_assert(cxm_interaction_set_ts_string(it, "9999-12-31T23:59:59.5Z", &err));
  cr_assert_eq(cxm_interaction_get_ts(it), cxm_interaction_get_ts(n));
}
