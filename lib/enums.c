/* SPDX-License-Identifier: MIT */
/* Names of the domain's enumerations, exactly as SPEC spells them. */
#include "config.h"

#include <string.h>

#include "enums-private.h"

const char *const cxm_channel_names[] = { "web",       "phone",  "email", "chat",
                                          "in_person", "social", "other", NULL };
const char *const cxm_level_names[] = { "frontline", "manager", "senior_leader",
                                        "unassigned", NULL };
const char *const cxm_difficulty_names[] = {
  "no_immediate_answer",   "exceeds_offering",
  "service_chain_failure", "missing_information",
  "miscommunication",      "customer_insists",
  "customer_upset",        NULL
};
const char *const cxm_emotion_names[] = { "fear", "anger", "anxiety", "stress", NULL };
const char *const cxm_resolution_names[] = { "resolved", "escalated", "unresolved",
                                             NULL };
const char *const cxm_class_names[] = { "momentum", "neutral", "disappointment", NULL };
const char *const cxm_reason_names[] = { "customer_negative", "difficulty_unresolved",
                                         "both_hurt",         "no_positive_signal",
                                         "one_sided",         "difficulty_overcome",
                                         "beyond_role",       "proactive",
                                         "empowered",         "delighted",
                                         "routine",           NULL };
const char *const cxm_leadership_type_names[] = { "purpose_huddle", "recognition",
                                                  "coaching",       "standard_review",
                                                  "communication",  NULL };

G_STATIC_ASSERT(G_N_ELEMENTS(cxm_channel_names) == CXM_CHANNEL_COUNT + 1);
G_STATIC_ASSERT(G_N_ELEMENTS(cxm_level_names) == CXM_LEVEL_COUNT + 1);
G_STATIC_ASSERT(G_N_ELEMENTS(cxm_difficulty_names) == CXM_DIFFICULTY_COUNT + 1);
G_STATIC_ASSERT(G_N_ELEMENTS(cxm_emotion_names) == CXM_EMOTION_COUNT + 1);
G_STATIC_ASSERT(G_N_ELEMENTS(cxm_resolution_names) == CXM_RESOLUTION_COUNT + 1);
G_STATIC_ASSERT(G_N_ELEMENTS(cxm_class_names) == CXM_CLASS_COUNT + 1);
G_STATIC_ASSERT(G_N_ELEMENTS(cxm_reason_names) == CXM_REASON_COUNT + 1);
G_STATIC_ASSERT(G_N_ELEMENTS(cxm_leadership_type_names) == CXM_LEADERSHIP_COUNT + 1);

int
cxm_name_lookup(const char *const *names, const char *name, gsize len)
{
  /* @name may hold a NUL ("manager\u0000x" in JSON): compare lengths
   * first, then bytes. */
  for (int i = 0; names[i] != NULL; i++)
    if (names[i][0] == name[0] && strlen(names[i]) == len &&
        memcmp(names[i], name, len) == 0)
      return i;
  return CXM_UNSET;
}

char *
cxm_enum_choices(const char *const *names, int count)
{
  GString *joined = g_string_new(NULL);
  for (int i = 0; i < count && names[i] != NULL; i++)
    g_string_append_printf(joined, "%s%s", i ? ", " : "", names[i]);
  return g_string_free(joined, FALSE);
}

#define DEFINE_NAMES(prefix, Type, table, count)                              \
  const char *cxm_##prefix##_name(Type value)                                 \
  {                                                                           \
    return ((int) value >= 0 && (int) value < (count)) ? table[value] : NULL; \
  }                                                                           \
  int cxm_##prefix##_from_name(const char *name)                              \
  {                                                                           \
    return name ? cxm_name_lookup(table, name, strlen(name)) : CXM_UNSET;     \
  }

DEFINE_NAMES(channel, CxmChannel, cxm_channel_names, CXM_CHANNEL_COUNT)
DEFINE_NAMES(level, CxmLevel, cxm_level_names, CXM_LEVEL_COUNT)
DEFINE_NAMES(difficulty, CxmDifficulty, cxm_difficulty_names, CXM_DIFFICULTY_COUNT)
DEFINE_NAMES(emotion, CxmEmotion, cxm_emotion_names, CXM_EMOTION_COUNT)
DEFINE_NAMES(resolution, CxmResolution, cxm_resolution_names, CXM_RESOLUTION_COUNT)
DEFINE_NAMES(class, CxmClass, cxm_class_names, CXM_CLASS_COUNT)
DEFINE_NAMES(reason, CxmReason, cxm_reason_names, CXM_REASON_COUNT)
DEFINE_NAMES(leadership_type, CxmLeadershipType, cxm_leadership_type_names,
             CXM_LEADERSHIP_COUNT)
