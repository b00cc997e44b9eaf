/* SPDX-License-Identifier: MIT */
/* Tests of the enumeration names (enums.h) and of common.h. */
#include <criterion/criterion.h>
#include <string.h>
#include <cxm/cxm.h>

/* Every name in SPEC order, then the name function must give NULL at the
 * _COUNT value and the from_name function must give -1 for near misses. */
static void
check_table(const char *what, const char *(*name_of)(int),
            int (*from_name)(const char *), const char *const *names,
            int count)
{
  for (int i = 0; i < count; i++) {
    const char *name = name_of(i);
    cr_assert_not_null(name, "%s %d has no name", what, i);
    cr_assert_str_eq(name, names[i], "%s %d", what, i);
    cr_assert_eq(from_name(names[i]), i, "%s \"%s\"", what, names[i]);
  }
  cr_assert_null(name_of(count), "%s _COUNT must have no name", what);
  cr_assert_null(name_of(count + 1), "%s _COUNT + 1 must have no name", what);
  cr_assert_null(name_of(-1), "%s -1 must have no name", what);
  cr_assert_null(name_of(1000), "%s 1000 must have no name", what);
  cr_assert_eq(from_name(NULL), CXM_UNSET, "%s NULL", what);
  cr_assert_eq(from_name(""), CXM_UNSET, "%s \"\"", what);
  cr_assert_eq(from_name("no_such_name"), CXM_UNSET, "%s unknown", what);
  for (int i = 0; i < count; i++) {
    /* names are case-sensitive and must match exactly */
    char *upper = g_ascii_strup(names[i], -1);
    char *padded = g_strconcat(names[i], " ", NULL);
    char *prefix = g_strndup(names[i], strlen(names[i]) - 1);
    cr_assert_eq(from_name(upper), CXM_UNSET, "%s \"%s\"", what, upper);
    cr_assert_eq(from_name(padded), CXM_UNSET, "%s \"%s\"", what, padded);
    cr_assert_eq(from_name(prefix), CXM_UNSET, "%s \"%s\"", what, prefix);
    g_free(upper);
    g_free(padded);
    g_free(prefix);
  }
}

/* The public functions take the enum type; adapt them to int. */
#define ADAPT(fn, type) \
  static const char *fn##_int(int v) { return fn((type) v); }
ADAPT(cxm_channel_name, CxmChannel)
ADAPT(cxm_level_name, CxmLevel)
ADAPT(cxm_difficulty_name, CxmDifficulty)
ADAPT(cxm_emotion_name, CxmEmotion)
ADAPT(cxm_resolution_name, CxmResolution)
ADAPT(cxm_class_name, CxmClass)
ADAPT(cxm_reason_name, CxmReason)
ADAPT(cxm_leadership_type_name, CxmLeadershipType)

Test(enums, channel_names_round_trip)
{
  static const char *const names[] = {
    "web", "phone", "email", "chat", "in_person", "social", "other"
  };
  cr_assert_eq((int) G_N_ELEMENTS(names), CXM_CHANNEL_COUNT);
  check_table("channel", cxm_channel_name_int, cxm_channel_from_name, names,
              CXM_CHANNEL_COUNT);
  cr_assert_eq(cxm_channel_from_name("fax"), CXM_UNSET);
  cr_assert_eq(cxm_channel_from_name("in-person"), CXM_UNSET);
}

Test(enums, level_names_round_trip_including_unassigned)
{
  static const char *const names[] = {
    "frontline", "manager", "senior_leader", "unassigned"
  };
  cr_assert_eq((int) G_N_ELEMENTS(names), CXM_LEVEL_COUNT);
  check_table("level", cxm_level_name_int, cxm_level_from_name, names,
              CXM_LEVEL_COUNT);
  cr_assert_eq(cxm_level_from_name("unassigned"), CXM_LEVEL_UNASSIGNED);
  cr_assert_eq(cxm_level_from_name("senior leader"), CXM_UNSET);
}

Test(enums, difficulty_names_round_trip)
{
  static const char *const names[] = {
    "no_immediate_answer", "exceeds_offering", "service_chain_failure",
    "missing_information", "miscommunication", "customer_insists",
    "customer_upset"
  };
  cr_assert_eq((int) G_N_ELEMENTS(names), CXM_DIFFICULTY_COUNT);
  check_table("difficulty", cxm_difficulty_name_int, cxm_difficulty_from_name,
              names, CXM_DIFFICULTY_COUNT);
}

Test(enums, emotion_names_round_trip)
{
  static const char *const names[] = { "fear", "anger", "anxiety", "stress" };
  cr_assert_eq((int) G_N_ELEMENTS(names), CXM_EMOTION_COUNT);
  check_table("emotion", cxm_emotion_name_int, cxm_emotion_from_name, names,
              CXM_EMOTION_COUNT);
}

Test(enums, resolution_names_round_trip)
{
  static const char *const names[] = { "resolved", "escalated", "unresolved" };
  cr_assert_eq((int) G_N_ELEMENTS(names), CXM_RESOLUTION_COUNT);
  check_table("resolution", cxm_resolution_name_int, cxm_resolution_from_name,
              names, CXM_RESOLUTION_COUNT);
}

Test(enums, class_names_round_trip)
{
  static const char *const names[] = { "momentum", "neutral", "disappointment" };
  cr_assert_eq((int) G_N_ELEMENTS(names), CXM_CLASS_COUNT);
  check_table("class", cxm_class_name_int, cxm_class_from_name, names,
              CXM_CLASS_COUNT);
}

Test(enums, reason_names_round_trip)
{
  static const char *const names[] = {
    "customer_negative", "difficulty_unresolved", "both_hurt",
    "no_positive_signal", "one_sided", "difficulty_overcome", "beyond_role",
    "proactive", "empowered", "delighted", "routine"
  };
  cr_assert_eq((int) G_N_ELEMENTS(names), CXM_REASON_COUNT);
  check_table("reason", cxm_reason_name_int, cxm_reason_from_name, names,
              CXM_REASON_COUNT);
}

Test(enums, leadership_type_names_round_trip)
{
  static const char *const names[] = {
    "purpose_huddle", "recognition", "coaching", "standard_review",
    "communication"
  };
  cr_assert_eq((int) G_N_ELEMENTS(names), CXM_LEADERSHIP_COUNT);
  check_table("leadership type", cxm_leadership_type_name_int,
              cxm_leadership_type_from_name, names, CXM_LEADERSHIP_COUNT);
}

Test(enums, names_are_static_strings)
{
  /* The same pointer each time: nothing to free. */
  cr_assert_eq(cxm_channel_name(CXM_CHANNEL_WEB),
               cxm_channel_name(CXM_CHANNEL_WEB));
  cr_assert_eq(cxm_reason_name(CXM_REASON_ROUTINE),
               cxm_reason_name(CXM_REASON_ROUTINE));
}

Test(common, version_matches_headers)
{
  cr_assert_eq(cxm_version(), (unsigned int) CXM_VERSION_HEX);
  cr_assert_eq(CXM_VERSION_HEX, (CXM_VERSION_MAJOR << 16)
                                | (CXM_VERSION_MINOR << 8) | CXM_VERSION_MICRO);
  cr_assert_not_null(cxm_version_string());
  cr_assert_str_eq(cxm_version_string(), CXM_VERSION_STRING);
  char *expected = g_strdup_printf("%d.%d.%d", CXM_VERSION_MAJOR,
                                   CXM_VERSION_MINOR, CXM_VERSION_MICRO);
  cr_assert_str_eq(cxm_version_string(), expected);
  g_free(expected);
}

Test(common, error_quark_is_stable)
{
  GQuark q = cxm_error_quark();
  cr_assert_neq(q, 0);
  cr_assert_eq(q, cxm_error_quark());
  cr_assert_eq(q, CXM_ERROR);
}

Test(common, error_codes_are_stable)
{
  /* Codes are part of the ABI (bindings use the numbers). */
  cr_assert_eq(CXM_ERROR_INVALID_ARGUMENT, 1);
  cr_assert_eq(CXM_ERROR_IO, 2);
  cr_assert_eq(CXM_ERROR_INVALID_JSON, 3);
  cr_assert_eq(CXM_ERROR_INVALID_UTF8, 4);
  cr_assert_eq(CXM_ERROR_TOO_LONG, 5);
  cr_assert_eq(CXM_ERROR_TOO_DEEP, 6);
  cr_assert_eq(CXM_ERROR_NOT_OBJECT, 7);
  cr_assert_eq(CXM_ERROR_MISSING, 8);
  cr_assert_eq(CXM_ERROR_TYPE, 9);
  cr_assert_eq(CXM_ERROR_RANGE, 10);
  cr_assert_eq(CXM_ERROR_ENUM, 11);
  cr_assert_eq(CXM_ERROR_DUPLICATE, 12);
  cr_assert_eq(CXM_ERROR_FORMAT, 13);
  cr_assert_eq(CXM_ERROR_POLICY, 14);
  cr_assert_eq(CXM_ERROR_POLICY_MISMATCH, 15);
  cr_assert_eq(CXM_ERROR_NOT_FOUND, 16);
}

Test(common, free_functions_accept_null_and_owned_memory)
{
  cxm_free(NULL);
  cxm_strv_free(NULL);
  cxm_free(g_strdup("owned"));
  char **strv = g_new0(char *, 3);
  strv[0] = g_strdup("a");
  strv[1] = g_strdup("b");
  cxm_strv_free(strv);
}
