/* SPDX-License-Identifier: MIT */
/* Crash test: a child records into a journal with a sync per record and
 * tells the parent each id as soon as its record call has returned; the
 * parent kills it with SIGKILL at a random moment. Reopening the journal
 * must give back every acknowledged record, and at most the one in flight
 * besides. */
#include "test-util.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#define ROUNDS 6

/* The child: records "k-0", "k-1", ... until it is killed. */
static void G_GNUC_NORETURN
child(const char *path, int ack_fd)
{
  CxmRecorder *rec = cxm_recorder_new(NULL);
  CxmInteraction *it = cxm_interaction_new();
  char id[32];

  if (!cxm_journal_open(rec, path, CXM_JOURNAL_DEFAULT, NULL, NULL))
    _exit(3);
  cxm_journal_set_sync(rec, CXM_SYNC_ALWAYS, 0, 0, NULL);
  for (guint i = 0;; i++) {
    g_snprintf(id, sizeof id, "k-%u", i);
    cxm_interaction_reset(it);
    cxm_interaction_set_id(it, id, NULL);
    cxm_interaction_set_ts(it, 1772442900 + i, NULL);
    cxm_interaction_set_channel(it, CXM_CHANNEL_PHONE, NULL);
    cxm_interaction_set_csat(it, 1 + (int) (i % 5), NULL);
    if (!cxm_recorder_record(rec, it, NULL, NULL, NULL))
      _exit(4);
    /* Acknowledged: the id and a newline, in one write. */
    char line[40];
    int n = g_snprintf(line, sizeof line, "%s\n", id);
    if (write(ack_fd, line, (size_t) n) != n)
      _exit(5);
  }
}

/* Reads acknowledgements until @kill_after have come, then kills the child
 * and reads what it had sent before dying. Returns how many were acked. */
static guint
run_and_kill(const char *path, guint kill_after, GHashTable *acked)
{
  int fds[2];
  pid_t pid;
  FILE *acks;
  char line[64];
  int status;

  cr_assert_eq(pipe(fds), 0);
  pid = fork();
  cr_assert_neq(pid, -1);
  if (pid == 0) {
    close(fds[0]);
    child(path, fds[1]);
  }
  close(fds[1]);
  acks = fdopen(fds[0], "r");
  while (g_hash_table_size(acked) < kill_after && fgets(line, sizeof line, acks) != NULL) {
    line[strcspn(line, "\n")] = '\0';
    g_hash_table_add(acked, g_strdup(line));
  }
  kill(pid, SIGKILL);
  /* Acknowledgements already in the pipe count too. */
  while (fgets(line, sizeof line, acks) != NULL) {
    line[strcspn(line, "\n")] = '\0';
    g_hash_table_add(acked, g_strdup(line));
  }
  fclose(acks);
  cr_assert_eq(waitpid(pid, &status, 0), pid);
  cr_assert(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL,
            "the child ended by itself (status %d) before the kill", status);
  return g_hash_table_size(acked);
}

Test(crash, sigkill_loses_no_acknowledged_record, .timeout = 600)
{
  char *dir = g_dir_make_tmp("cxm-crash-XXXXXX", NULL);
  GRand *rand = g_rand_new_with_seed(20261122);

  for (int round = 0; round < ROUNDS; round++) {
    char *path = g_strdup_printf("%s/journal-%d.jsonl", dir, round);
    GHashTable *acked = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    /* Kill points from the very first records to a few hundred. */
    guint kill_after = (guint) g_rand_int_range(rand, 1, round < 2 ? 5 : 400);
    guint n_acked = run_and_kill(path, kill_after, acked);
    CxmImportResult *replay = cxm_import_result_new();
    CxmRecorder *rec = cxm_recorder_new(NULL);
    GError *err = NULL;
    char *text = NULL;

    cr_assert(cxm_journal_open(rec, path, CXM_JOURNAL_UNIQUE_IDS, replay, &err),
              "round %d: %s", round, err ? err->message : "?");
    cr_assert_eq(cxm_import_result_get_rejected(replay), 0, "round %d", round);
    guint64 n = cxm_recorder_get_n(rec);
    cr_assert_geq(n, n_acked, "round %d: %" G_GUINT64_FORMAT " recovered, %u acked",
                  round, n, n_acked);
    cr_assert_leq(n, n_acked + 1, "round %d: %" G_GUINT64_FORMAT " recovered, %u acked",
                  round, n, n_acked);
    /* Every acknowledged id is in the journal: records go in order, so the
     * journal's first n ids are k-0 .. k-(n-1). */
    cr_assert(g_file_get_contents(path, &text, NULL, NULL));
    for (guint i = 0; i < n_acked; i++) {
      char *id = g_strdup_printf("k-%u", i);
      char *needle = g_strdup_printf("{\"id\":\"%s\",", id);
      cr_assert(g_hash_table_contains(acked, id), "round %d: acks not in order", round);
      cr_assert_not_null(strstr(text, needle), "round %d: %s lost", round, id);
      g_free(id);
      g_free(needle);
    }
    g_free(text);
    cxm_recorder_free(rec);
    cxm_import_result_free(replay);
    g_hash_table_destroy(acked);
    g_remove(path);
    g_free(path);
  }
  g_rand_free(rand);
  g_rmdir(dir);
  g_free(dir);
}
