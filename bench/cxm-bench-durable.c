/* SPDX-License-Identifier: MIT */
/* cxm-bench-durable: what concurrency, durability and snapshots cost.
 *
 *   threads   1, 2, 4 and 8 threads recording --records interactions in
 *             all into one shared recorder (its lock), against 8 threads
 *             each with its own recorder merged at the end.
 *   journal   cxm_recorder_record() into a journaled recorder under each
 *             sync mode (always: --synced records; batch: 100 records or
 *             50 ms; os), in --dir; then the replay of that journal.
 *   snapshot  cxm_snapshot_save() and cxm_snapshot_load()
 *             of a recorder holding --jsonl's records.
 *
 * Interactions come from a pool filled before the clock starts. Each figure
 * is the best of --repeat rounds. A benchmark, not a test: it fails only
 * when something cannot run. See bench/README.md.
 */
#include <cxm/cxm.h>

#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#define POOL_SIZE 4096

static gint64 opt_records = 4000000;
static gint64 opt_synced = 2000;
static gint64 opt_journaled = 200000;
static char *opt_dir = NULL;
static char *opt_jsonl = NULL;
static int opt_repeat = 3;

static GOptionEntry entries[] = {
  { "records", 'n', 0, G_OPTION_ARG_INT64, &opt_records,
    "Interactions per round of the threads phase (default 4000000)", "N" },
  { "journaled", 0, 0, G_OPTION_ARG_INT64, &opt_journaled,
    "Records per round for the batch and os sync modes (default 200000)", "N" },
  { "synced", 0, 0, G_OPTION_ARG_INT64, &opt_synced,
    "Records per round for sync always (default 2000)", "N" },
  { "dir", 'd', 0, G_OPTION_ARG_FILENAME, &opt_dir,
    "Directory for the journals: its file system is what is measured "
    "(default: the current directory)",
    "DIR" },
  { "jsonl", 'j', 0, G_OPTION_ARG_FILENAME, &opt_jsonl,
    "JSON Lines file whose recorder the snapshot phase saves and loads", "FILE" },
  { "repeat", 'r', 0, G_OPTION_ARG_INT, &opt_repeat,
    "Rounds per figure; the best is reported (default 3)", "K" },
  { NULL }
};

static CxmInteraction *pool[POOL_SIZE];

static double
now(void)
{
  return (double) g_get_monotonic_time() / G_USEC_PER_SEC;
}

static void
die(const char *what, GError *error)
{
  g_printerr("cxm-bench-durable: %s: %s\n", what, error ? error->message : "failed");
  exit(1);
}

/* 37 teams, 400 employees, 90 days: a mid-sized contact centre's quarter. */
static void
fill_pool(void)
{
  GRand *rng = g_rand_new_with_seed(11);
  char text[32];

  for (guint i = 0; i < POOL_SIZE; i++) {
    CxmInteraction *it = pool[i] = cxm_interaction_new();
    g_snprintf(text, sizeof text, "b-%u", i);
    cxm_interaction_set_id(it, text, NULL);
    cxm_interaction_set_ts(it, 1767225600 + g_rand_int_range(rng, 0, 90 * 86400), NULL);
    cxm_interaction_set_channel(it, g_rand_int_range(rng, 0, CXM_CHANNEL_COUNT), NULL);
    g_snprintf(text, sizeof text, "team-%d", g_rand_int_range(rng, 0, 37));
    cxm_interaction_set_team(it, text, NULL);
    g_snprintf(text, sizeof text, "emp-%d", g_rand_int_range(rng, 0, 400));
    cxm_interaction_set_employee(it, text, NULL);
    cxm_interaction_set_level(it, g_rand_int_range(rng, 0, 3), NULL);
    cxm_interaction_set_csat(it, g_rand_int_range(rng, 1, 6), NULL);
    cxm_interaction_set_nps(it, g_rand_int_range(rng, 0, 11), NULL);
    if (g_rand_boolean(rng))
      cxm_interaction_add_difficulty(it, g_rand_int_range(rng, 0, CXM_DIFFICULTY_COUNT),
                                     NULL);
  }
  g_rand_free(rng);
}

/* ---- threads ------------------------------------------------------------ */

typedef struct {
  CxmRecorder *recorder;
  guint64 first, count;
} Slice;

static gpointer
record_slice(gpointer data)
{
  Slice *s = data;
  for (guint64 i = s->first; i < s->first + s->count; i++)
    if (!cxm_recorder_record(s->recorder, pool[i & (POOL_SIZE - 1)], NULL, NULL, NULL))
      die("record", NULL);
  return NULL;
}

/* Seconds for @threads threads to record opt_records in all, into one
 * recorder (@shared) or one each, merged at the end. */
static double
run_threads(int threads, gboolean shared)
{
  CxmRecorder *recorders[8], *total = cxm_recorder_new(NULL);
  GThread *handles[8];
  Slice slices[8];
  guint64 per = (guint64) opt_records / (guint64) threads;
  double t0 = now(), t1;

  for (int t = 0; t < threads; t++) {
    recorders[t] = shared ? total : cxm_recorder_new(NULL);
    slices[t] = (Slice){ recorders[t], (guint64) t * per, per };
    handles[t] = g_thread_new("recorder", record_slice, &slices[t]);
  }
  for (int t = 0; t < threads; t++)
    g_thread_join(handles[t]);
  if (!shared)
    for (int t = 0; t < threads; t++)
      if (!cxm_recorder_merge(total, recorders[t], NULL))
        die("merge", NULL);
  t1 = now();
  if (cxm_recorder_get_n(total) != per * (guint64) threads)
    die("threads: wrong total", NULL);
  if (!shared)
    for (int t = 0; t < threads; t++)
      cxm_recorder_free(recorders[t]);
  cxm_recorder_free(total);
  return t1 - t0;
}

static double
best_of(double (*run)(int, gboolean), int threads, gboolean shared)
{
  double best = G_MAXDOUBLE;
  for (int r = 0; r < opt_repeat; r++)
    best = MIN(best, run(threads, shared));
  return best;
}

/* ---- journal ------------------------------------------------------------ */

static char *
journal_path(void)
{
  return g_build_filename(opt_dir ? opt_dir : ".", "cxm-bench-journal.jsonl", NULL);
}

/* Seconds to journal @n records under @mode, into a new journal. */
static double
run_journal(CxmSyncMode mode, guint64 n)
{
  GError *error = NULL;
  char *path = journal_path();
  CxmRecorder *rec = cxm_recorder_new(NULL);
  double t0, t1;

  g_remove(path);
  cxm_journal_set_sync(rec, mode, 100, 50, NULL);
  if (!cxm_journal_open(rec, path, CXM_JOURNAL_DEFAULT, NULL, &error))
    die("open journal", error);
  t0 = now();
  for (guint64 i = 0; i < n; i++)
    if (!cxm_recorder_record(rec, pool[i & (POOL_SIZE - 1)], NULL, NULL, &error))
      die("journaled record", error);
  if (!cxm_journal_sync(rec, &error))
    die("sync", error);
  t1 = now();
  cxm_recorder_free(rec);
  g_free(path);
  return t1 - t0;
}

/* Seconds to reopen (replay) the journal the last run left. */
static double
run_replay(guint64 expected)
{
  GError *error = NULL;
  char *path = journal_path();
  CxmRecorder *rec = cxm_recorder_new(NULL);
  double t0 = now(), t1;

  if (!cxm_journal_open(rec, path, CXM_JOURNAL_READ_ONLY, NULL, &error))
    die("replay", error);
  t1 = now();
  if (cxm_recorder_get_n(rec) != expected)
    die("replay: wrong count", NULL);
  cxm_recorder_free(rec);
  g_free(path);
  return t1 - t0;
}

static void
print_rate(const char *label, guint64 n, double seconds)
{
  g_print("  %-34s %10" G_GUINT64_FORMAT " %9.3f %12.0f %10.2f\n", label, n, seconds,
          (double) n / seconds, seconds * 1e6 / (double) n);
}

int
main(int argc, char **argv)
{
  GOptionContext *context =
      g_option_context_new("- concurrency, journal and snapshot costs");
  GError *error = NULL;
  static const struct {
    CxmSyncMode mode;
    const char *label;
  } modes[] = {
    { CXM_SYNC_OS, "journal, sync os" },
    { CXM_SYNC_BATCH, "journal, sync batch (100 / 50 ms)" },
    { CXM_SYNC_ALWAYS, "journal, sync always" },
  };

  g_option_context_add_main_entries(context, entries, NULL);
  if (!g_option_context_parse(context, &argc, &argv, &error) || argc > 1 ||
      opt_records < 8 || opt_synced < 1 || opt_journaled < 1 || opt_repeat < 1) {
    g_printerr("cxm-bench-durable: %s\n", error ? error->message : "bad arguments");
    return 2;
  }
  g_option_context_free(context);
  fill_pool();
  g_print("cxm-bench-durable: cxm %s, %u cores, best of %d\n\n", cxm_version_string(),
          g_get_num_processors(), opt_repeat);
  g_print("  %-34s %10s %9s %12s %10s\n", "what", "records", "seconds", "records/s",
          "us/record");

  for (int threads = 1; threads <= 8; threads *= 2) {
    char label[64];
    g_snprintf(label, sizeof label, "%d thread%s, one shared recorder", threads,
               threads > 1 ? "s" : "");
    print_rate(label, (guint64) opt_records, best_of(run_threads, threads, TRUE));
  }
  print_rate("8 threads, own recorders, merged", (guint64) opt_records,
             best_of(run_threads, 8, FALSE));

  for (gsize m = 0; m < G_N_ELEMENTS(modes); m++) {
    guint64 n = (guint64) (modes[m].mode == CXM_SYNC_ALWAYS ? opt_synced : opt_journaled);
    double best = G_MAXDOUBLE;
    for (int r = 0; r < opt_repeat; r++)
      best = MIN(best, run_journal(modes[m].mode, n));
    print_rate(modes[m].label, n, best);
  }
  {
    /* The replay of a journal as large as the os and batch rounds'. */
    double best = G_MAXDOUBLE;
    run_journal(CXM_SYNC_OS, (guint64) opt_journaled);
    for (int r = 0; r < opt_repeat; r++)
      best = MIN(best, run_replay((guint64) opt_journaled));
    print_rate("journal replay (open)", (guint64) opt_journaled, best);
    char *path = journal_path();
    g_remove(path);
    g_free(path);
  }

  if (opt_jsonl != NULL) {
    CxmRecorder *rec = cxm_recorder_new(NULL);
    double save = G_MAXDOUBLE, load = G_MAXDOUBLE;
    gsize length = 0;

    if (!cxm_import_path(rec, opt_jsonl, 0, NULL, &error))
      die(opt_jsonl, error);
    for (int r = 0; r < opt_repeat; r++) {
      double t0 = now(), t1, t2;
      char *text = cxm_snapshot_save(rec, &length, NULL);
      t1 = now();
      CxmRecorder *back = cxm_snapshot_load(text, (gssize) length, &error);
      t2 = now();
      if (back == NULL)
        die("load snapshot", error);
      save = MIN(save, t1 - t0);
      load = MIN(load, t2 - t1);
      cxm_recorder_free(back);
      cxm_free(text);
    }
    g_print("\n  snapshot of %s: %" G_GUINT64_FORMAT " records, %" G_GUINT64_FORMAT
            " groups, %.1f MB: save %.3f s, load %.3f s\n",
            opt_jsonl, cxm_recorder_get_n(rec), cxm_recorder_get_n_groups(rec),
            (double) length / 1e6, save, load);
    cxm_recorder_free(rec);
  }
  g_print("\n");
  g_free(opt_dir);
  g_free(opt_jsonl);
  return 0;
}
