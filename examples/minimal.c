/* SPDX-License-Identifier: MIT */
/* minimal.c: the smallest complete use of libcxm.
 *
 * Builds eight interactions field by field, records them, prints how each
 * one was classified and why, then the momentum rate of each level with its
 * 95% Wilson interval. Build it with
 *
 *   cc minimal.c $(pkg-config --cflags --libs cxm) -o minimal
 */
#include <stdio.h>
#include <cxm/cxm.h>

/* One made-up contact. -1 (CXM_UNSET) leaves a field absent. */
typedef struct {
  const char *id;
  const char *ts; /* RFC 3339 with an offset */
  CxmChannel channel;
  int level;                 /* a CxmLevel, or CXM_UNSET */
  int difficulty;            /* one CxmDifficulty, or CXM_UNSET */
  int resolution;            /* a CxmResolution, or CXM_UNSET */
  int csat;                  /* 1..5 */
  int employee_satisfaction; /* 1..5 */
  int beyond_role;           /* 0, 1 or CXM_UNSET */
} Contact;

static const Contact contacts[] = {
  /* A difficult moment turned around: momentum. */
  { "c1", "2026-03-02T09:15:00Z", CXM_CHANNEL_PHONE, CXM_LEVEL_FRONTLINE,
    CXM_DIFFICULTY_CUSTOMER_UPSET, CXM_RESOLUTION_RESOLVED, 5, 4, CXM_UNSET },
  /* Satisfied but not a fan: routine, neutral. */
  { "c2", "2026-03-02T10:40:00+01:00", CXM_CHANNEL_EMAIL, CXM_LEVEL_FRONTLINE, CXM_UNSET,
    CXM_RESOLUTION_RESOLVED, 4, CXM_UNSET, CXM_UNSET },
  /* The customer is unhappy: disappointment. */
  { "c3", "2026-03-02T11:05:00Z", CXM_CHANNEL_CHAT, CXM_LEVEL_FRONTLINE,
    CXM_DIFFICULTY_MISSING_INFORMATION, CXM_RESOLUTION_ESCALATED, 2, 2, CXM_UNSET },
  /* Going beyond the role: momentum. */
  { "c4", "2026-03-02T12:30:00-05:00", CXM_CHANNEL_IN_PERSON, CXM_LEVEL_FRONTLINE,
    CXM_UNSET, CXM_RESOLUTION_RESOLVED, 4, 5, 1 },
  /* A difficult moment left unresolved: disappointment. */
  { "c5", "2026-03-03T08:00:00Z", CXM_CHANNEL_PHONE, CXM_LEVEL_MANAGER,
    CXM_DIFFICULTY_SERVICE_CHAIN_FAILURE, CXM_RESOLUTION_UNRESOLVED, CXM_UNSET, 3,
    CXM_UNSET },
  /* A delighted customer: momentum. */
  { "c6", "2026-03-03T09:20:00Z", CXM_CHANNEL_WEB, CXM_LEVEL_MANAGER, CXM_UNSET,
    CXM_RESOLUTION_RESOLVED, 5, CXM_UNSET, CXM_UNSET },
  /* Happy customer, frustrated employee: one-sided, neutral. */
  { "c7", "2026-03-03T14:45:00+02:00", CXM_CHANNEL_SOCIAL, CXM_LEVEL_SENIOR_LEADER,
    CXM_UNSET, CXM_RESOLUTION_RESOLVED, 5, 3, CXM_UNSET },
  /* No survey answer at all: no positive signal, neutral. */
  { "c8", "2026-03-03T16:10:00Z", CXM_CHANNEL_OTHER, CXM_UNSET, CXM_UNSET, CXM_UNSET,
    CXM_UNSET, CXM_UNSET, CXM_UNSET },
};

/* Copies a Contact into @interaction. Each setter validates its value and
 * fails with a GError, exactly as the JSON Lines importer would. */
static gboolean
fill(CxmInteraction *interaction, const Contact *c, GError **error)
{
  cxm_interaction_reset(interaction);
  if (!cxm_interaction_set_id(interaction, c->id, error) ||
      !cxm_interaction_set_ts_string(interaction, c->ts, error) ||
      !cxm_interaction_set_channel(interaction, (int) c->channel, error) ||
      !cxm_interaction_set_level(interaction, c->level, error) ||
      !cxm_interaction_set_resolution(interaction, c->resolution, error) ||
      !cxm_interaction_set_csat(interaction, c->csat, error) ||
      !cxm_interaction_set_employee_satisfaction(interaction, c->employee_satisfaction,
                                                 error) ||
      !cxm_interaction_set_beyond_role(interaction, c->beyond_role, error))
    return FALSE;
  if (c->difficulty != CXM_UNSET &&
      !cxm_interaction_add_difficulty(interaction, c->difficulty, error))
    return FALSE;
  return TRUE;
}

int
main(void)
{
  GError *error = NULL;
  /* NULL: classify under the default policy of SPEC section 4. */
  g_autoptr(CxmRecorder) recorder = cxm_recorder_new(NULL);
  g_autoptr(CxmInteraction) interaction = cxm_interaction_new();

  for (gsize i = 0; i < G_N_ELEMENTS(contacts); i++) {
    CxmClass klass;
    CxmReason reason;
    if (!fill(interaction, &contacts[i], &error) ||
        !cxm_recorder_record(recorder, interaction, &klass, &reason, &error)) {
      fprintf(stderr, "minimal: %s: %s\n", contacts[i].id, error->message);
      g_error_free(error);
      return 1;
    }
    printf("%s: %-14s (%s)\n", contacts[i].id, cxm_class_name(klass),
           cxm_reason_name(reason));
  }

  /* Per level: the share of momentum, with the range the true share lies
   * in at 95% confidence. Eight records make for wide intervals. */
  printf("\nmomentum rate per level:\n");
  for (int level = 0; level < CXM_LEVEL_COUNT; level++) {
    const char *name = cxm_level_name((CxmLevel) level);
    g_autoptr(CxmStats) stats =
        cxm_recorder_get_stats(recorder, CXM_GROUP_LEVEL, name, &error);
    if (stats == NULL) {
      fprintf(stderr, "minimal: %s: %s\n", name, error->message);
      g_error_free(error);
      return 1;
    }
    guint64 n = cxm_stats_get_count(stats, CXM_COUNT_N);
    CxmRate rate;
    /* FALSE when the level has no interactions: there is no rate. */
    if (cxm_stats_get_rate(stats, CXM_RATE_MOMENTUM, &rate))
      printf("  %-14s %5.1f%%  [%5.1f%%, %5.1f%%]  of %" G_GUINT64_FORMAT "\n", name,
             100 * rate.value, 100 * rate.low, 100 * rate.high, n);
    else
      printf("  %-14s no interactions\n", name);
  }
  return 0;
}
