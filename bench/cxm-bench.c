/* cxm-bench: throughput and peak memory of the two ways into a recorder.
 *
 *   struct   cxm_recorder_record() over --records interactions, cycled from
 *            a pool of pre-filled CxmInteraction values (the pool is built
 *            before the clock starts, so neither the PRNG nor the setters
 *            are measured).
 *   import   cxm_recorder_import_path() over a JSON Lines file (--jsonl),
 *            next to json-c's own parse rate on the same lines (one reused
 *            json_tokener, each object freed), and their ratio.
 *
 * Each measurement runs in a forked child so that its peak RSS (wait4's
 * ru_maxrss) belongs to that phase alone; the child runs --repeat rounds and
 * reports the best (shortest) one through a pipe. This is a benchmark, not
 * a test: it fails only when something cannot run (a missing file, a
 * rejected record in the struct pool), never on a slow figure.
 *
 * Output: an aligned table for people, then one "bench <phase> key=value..."
 * line per phase for scripts. See bench/README.md.
 */
#include <cxm/cxm.h>
#include <json.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#define POOL_SIZE 4096 /* a power of two: the loop indexes with a mask */
#define N_TEAMS 12
#define N_EMPLOYEES 150
#define N_CUSTOMERS 20000
#define STRUCT_TARGET 5e6 /* records/s, from the issue */

/* ---- options ------------------------------------------------------------ */

static gint64 opt_records = 10000000;
static char *opt_jsonl = NULL;
static char *opt_phase = NULL;
static int opt_repeat = 3;

static GOptionEntry entries[] = {
  {"records", 'n', 0, G_OPTION_ARG_INT64, &opt_records,
   "Interactions to record in the struct phase (default 10000000)", "N"},
  {"jsonl", 'j', 0, G_OPTION_ARG_FILENAME, &opt_jsonl,
   "JSON Lines file for the import phase (make it with examples/generate "
   "--count 1000000 --seed 7 --output FILE)", "FILE"},
  {"phase", 'p', 0, G_OPTION_ARG_STRING, &opt_phase,
   "struct, import or all (default all; import needs --jsonl)", "PHASE"},
  {"repeat", 'r', 0, G_OPTION_ARG_INT, &opt_repeat,
   "Rounds per measurement; the best is reported (default 3)", "K"},
  {NULL}
};

/* ---- what a child reports ----------------------------------------------- */

typedef struct {
  int ok;                 /* 0: the child failed; message says why */
  double best_seconds;    /* shortest round */
  double worst_seconds;   /* longest round, to show the spread */
  guint64 records;        /* records per round */
  guint64 accepted, rejected;
  guint64 bytes;          /* input bytes per round (import, json-c) */
  guint64 momentum, disappointment, neutral; /* struct: the class mix */
  guint64 n_teams, n_employees;
  double base_rss_mib;    /* the child's RSS before its work began */
  char message[256];
} PhaseResult;

typedef struct {
  PhaseResult r;
  double peak_rss_mib;    /* from wait4() */
} Measured;

typedef void (*PhaseFunc)(PhaseResult *out);

static double
now_seconds(void)
{
  return (double)g_get_monotonic_time() / G_USEC_PER_SEC;
}

static double
self_maxrss_mib(void)
{
  struct rusage ru;
  if (getrusage(RUSAGE_SELF, &ru) != 0)
    return 0.0;
  return (double)ru.ru_maxrss / 1024.0; /* Linux: KiB */
}

static void
round_done(PhaseResult *out, int round, double seconds)
{
  if (seconds < 1e-6) /* the clock ticks in microseconds */
    seconds = 1e-6;
  if (round == 0 || seconds < out->best_seconds)
    out->best_seconds = seconds;
  if (round == 0 || seconds > out->worst_seconds)
    out->worst_seconds = seconds;
}

/* Runs @func in a forked child; fills @m with its report and peak RSS. */
static gboolean
run_in_child(const char *what, PhaseFunc func, Measured *m)
{
  int fds[2];
  pid_t pid;
  int status = 0;
  struct rusage ru;
  gsize got = 0;

  memset(m, 0, sizeof *m);
  if (pipe(fds) != 0) {
    g_printerr("cxm-bench: pipe: %s\n", g_strerror(errno));
    return FALSE;
  }
  fflush(stdout);
  fflush(stderr);
  pid = fork();
  if (pid < 0) {
    g_printerr("cxm-bench: fork: %s\n", g_strerror(errno));
    return FALSE;
  }
  if (pid == 0) {
    PhaseResult r;
    const char *p = (const char *)&r;
    gsize left = sizeof r;
    close(fds[0]);
    memset(&r, 0, sizeof r);
    r.base_rss_mib = self_maxrss_mib();
    func(&r);
    while (left > 0) {
      ssize_t w = write(fds[1], p, left);
      if (w < 0 && errno == EINTR)
        continue;
      if (w <= 0)
        _exit(2);
      p += w;
      left -= (gsize)w;
    }
    _exit(r.ok ? 0 : 1);
  }
  close(fds[1]);
  while (got < sizeof m->r) {
    ssize_t n = read(fds[0], (char *)&m->r + got, sizeof m->r - got);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      break;
    got += (gsize)n;
  }
  close(fds[0]);
  while (wait4(pid, &status, 0, &ru) < 0) {
    if (errno != EINTR) {
      g_printerr("cxm-bench: wait4: %s\n", g_strerror(errno));
      return FALSE;
    }
  }
  if (got != sizeof m->r) {
    if (WIFSIGNALED(status))
      g_printerr("cxm-bench: %s: the child died of signal %d (%s)\n", what,
                 WTERMSIG(status), g_strsignal(WTERMSIG(status)));
    else
      g_printerr("cxm-bench: %s: the child exited with status %d without a "
                 "report\n", what, WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    return FALSE;
  }
  if (!m->r.ok) {
    g_printerr("cxm-bench: %s: %s\n", what, m->r.message);
    return FALSE;
  }
  m->peak_rss_mib = (double)ru.ru_maxrss / 1024.0;
  return TRUE;
}

/* ---- phase (a): the struct API -------------------------------------------- */

static const char *const team_names[N_TEAMS] = {
  "north", "south", "east", "west", "billing", "onboarding",
  "claims", "retention", "field-service", "web-care", "vip", "night-shift"
};

static gboolean
chance(GRand *rng, double p)
{
  return g_rand_double(rng) < p;
}

/* A score of 1..@top leaning towards the top, as survey answers do. */
static int
skewed_score(GRand *rng, int top)
{
  int a = g_rand_int_range(rng, 1, top + 1);
  int b = g_rand_int_range(rng, 1, top + 1);
  return MAX(a, b);
}

/* Fills @it with one plausible interaction. Returns FALSE (with @error) if
 * the library refuses a value, which would be a bench bug. */
static gboolean
fill_interaction(CxmInteraction *it, GRand *rng, guint index, GError **error)
{
  char buf[64];
  int employee = g_rand_int_range(rng, 0, N_EMPLOYEES);
  /* employees 0..119 frontline, 120..143 managers, 144..149 senior leaders */
  int level = employee < 120 ? CXM_LEVEL_FRONTLINE
            : employee < 144 ? CXM_LEVEL_MANAGER
            : CXM_LEVEL_SENIOR_LEADER;
  gboolean difficult = chance(rng, 0.35);
  int resolution;

  g_snprintf(buf, sizeof buf, "int-%08u", index);
  if (!cxm_interaction_set_id(it, buf, error))
    return FALSE;
  /* 2026-01-01T00:00:00Z plus up to ~90 days */
  if (!cxm_interaction_set_ts(it, G_GINT64_CONSTANT(1767225600) +
                                      g_rand_int_range(rng, 0, 90 * 86400),
                              error))
    return FALSE;
  if (!cxm_interaction_set_channel(it, (int)(index % CXM_CHANNEL_COUNT), error))
    return FALSE;
  g_snprintf(buf, sizeof buf, "emp-%03d", employee);
  if (!cxm_interaction_set_employee(it, buf, error))
    return FALSE;
  if (!cxm_interaction_set_team(it, team_names[employee % N_TEAMS], error))
    return FALSE;
  /* 5% without a level, so that "unassigned" is exercised too */
  if (!cxm_interaction_set_level(it, chance(rng, 0.05) ? CXM_UNSET : level,
                                 error))
    return FALSE;
  if (chance(rng, 0.8)) {
    g_snprintf(buf, sizeof buf, "cust-%05d",
               g_rand_int_range(rng, 0, N_CUSTOMERS));
    if (!cxm_interaction_set_customer(it, buf, error))
      return FALSE;
  }

  if (difficult) {
    int kinds = chance(rng, 0.3) ? 2 : 1;
    int first = g_rand_int_range(rng, 0, CXM_DIFFICULTY_COUNT);
    if (!cxm_interaction_add_difficulty(it, first, error))
      return FALSE;
    if (kinds == 2 &&
        !cxm_interaction_add_difficulty(
            it, (first + g_rand_int_range(rng, 1, CXM_DIFFICULTY_COUNT)) %
                    CXM_DIFFICULTY_COUNT,
            error))
      return FALSE;
    if (chance(rng, 0.5)) {
      int e = g_rand_int_range(rng, 0, CXM_EMOTION_COUNT);
      if (!cxm_interaction_add_emotion(it, e, error))
        return FALSE;
      if (chance(rng, 0.3) &&
          !cxm_interaction_add_emotion(it, (e + 1) % CXM_EMOTION_COUNT, error))
        return FALSE;
    }
  }

  {
    double u = g_rand_double(rng);
    if (difficult)
      resolution = u < 0.6 ? CXM_RESOLUTION_RESOLVED
                 : u < 0.8 ? CXM_RESOLUTION_ESCALATED
                 : CXM_RESOLUTION_UNRESOLVED;
    else
      resolution = u < 0.85 ? CXM_RESOLUTION_RESOLVED
                 : u < 0.92 ? CXM_UNSET
                 : u < 0.97 ? CXM_RESOLUTION_ESCALATED
                 : CXM_RESOLUTION_UNRESOLVED;
  }
  if (!cxm_interaction_set_resolution(it, resolution, error))
    return FALSE;
  if (chance(rng, 0.9) &&
      !cxm_interaction_set_contact_number(
          it, chance(rng, 0.7) ? 1 : g_rand_int_range(rng, 2, 5), error))
    return FALSE;

  /* survey answers: csat most often, then nps, then effort; some none */
  if (chance(rng, 0.65) &&
      !cxm_interaction_set_csat(it, skewed_score(rng, 5), error))
    return FALSE;
  if (chance(rng, 0.45) &&
      !cxm_interaction_set_nps(it, skewed_score(rng, 11) - 1, error))
    return FALSE;
  if (chance(rng, 0.35) &&
      !cxm_interaction_set_effort(it, skewed_score(rng, 7), error))
    return FALSE;
  if (chance(rng, 0.6) &&
      !cxm_interaction_set_employee_satisfaction(it, skewed_score(rng, 5),
                                                 error))
    return FALSE;
  if (chance(rng, 0.5) &&
      !cxm_interaction_set_beyond_role(it, chance(rng, 0.2), error))
    return FALSE;
  if (chance(rng, 0.5) &&
      !cxm_interaction_set_proactive(it, chance(rng, 0.15), error))
    return FALSE;
  if (chance(rng, 0.4) &&
      !cxm_interaction_set_empowered(it, chance(rng, 0.1), error))
    return FALSE;
  return TRUE;
}

static guint64
count_keys(CxmRecorder *recorder, CxmGroupKind kind)
{
  char **keys = cxm_recorder_get_keys(recorder, kind, NULL);
  guint64 n = keys ? g_strv_length(keys) : 0;
  cxm_strv_free(keys);
  return n;
}

static void
phase_struct(PhaseResult *out)
{
  CxmInteraction **pool = g_new0(CxmInteraction *, POOL_SIZE);
  GRand *rng = g_rand_new_with_seed(7);
  GError *error = NULL;
  guint64 n = (guint64)opt_records;
  int round;

  for (guint i = 0; i < POOL_SIZE; i++) {
    pool[i] = cxm_interaction_new();
    if (!fill_interaction(pool[i], rng, i, &error)) {
      g_snprintf(out->message, sizeof out->message,
                 "pool interaction %u refused: %s", i, error->message);
      g_clear_error(&error);
      goto done;
    }
  }

  for (round = 0; round < opt_repeat; round++) {
    CxmRecorder *recorder = cxm_recorder_new(NULL);
    guint64 failed = 0;
    double t0, t1;

    t0 = now_seconds();
    for (guint64 i = 0; i < n; i++) {
      if (G_UNLIKELY(!cxm_recorder_record(recorder,
                                          pool[i & (POOL_SIZE - 1)], NULL,
                                          NULL, NULL)))
        failed++;
    }
    t1 = now_seconds();

    if (failed != 0 || cxm_recorder_get_n(recorder) != n) {
      g_snprintf(out->message, sizeof out->message,
                 "%" G_GUINT64_FORMAT " records refused, recorder n = %"
                 G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT,
                 failed, cxm_recorder_get_n(recorder), n);
      cxm_recorder_free(recorder);
      goto done;
    }
    round_done(out, round, t1 - t0);
    if (round == 0) {
      CxmStats *totals =
          cxm_recorder_get_stats(recorder, CXM_GROUP_TOTALS, NULL, NULL);
      if (totals) {
        out->momentum = cxm_stats_get_count(totals, CXM_COUNT_MOMENTUM);
        out->disappointment =
            cxm_stats_get_count(totals, CXM_COUNT_DISAPPOINTMENT);
        out->neutral = cxm_stats_get_count(totals, CXM_COUNT_NEUTRAL);
        cxm_stats_free(totals);
      }
      out->n_teams = count_keys(recorder, CXM_GROUP_TEAM);
      out->n_employees = count_keys(recorder, CXM_GROUP_EMPLOYEE);
    }
    cxm_recorder_free(recorder);
  }
  out->records = n;
  out->accepted = n;
  out->ok = 1;

done:
  for (guint i = 0; i < POOL_SIZE; i++)
    cxm_interaction_free(pool[i]);
  g_free(pool);
  g_rand_free(rng);
}

/* ---- phase (b): JSON Lines import and json-c ------------------------------ */

/* Reads the file once, untimed, so that every round finds it in the page
 * cache. Returns its size, or -1 with @out->message set. */
static gint64
warm_file(const char *path, PhaseResult *out)
{
  char *buf = g_malloc(1 << 20);
  FILE *f = fopen(path, "rb");
  gint64 total = 0;
  size_t n;

  if (!f) {
    g_snprintf(out->message, sizeof out->message, "%s: %s", path,
               g_strerror(errno));
    g_free(buf);
    return -1;
  }
  while ((n = fread(buf, 1, 1 << 20, f)) > 0)
    total += (gint64)n;
  fclose(f);
  g_free(buf);
  return total;
}

/* json-c's own rate: getline() each line, json_tokener_parse_ex() it with
 * one reused tokener, free the object. Blank lines are skipped, as the
 * importer does, so both count the same records. */
static void
phase_jsonc(PhaseResult *out)
{
  gint64 size = warm_file(opt_jsonl, out);
  int round;

  if (size < 0)
    return;
  for (round = 0; round < opt_repeat; round++) {
    json_tokener *tok = json_tokener_new();
    FILE *f = fopen(opt_jsonl, "rb");
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    guint64 records = 0, parsed = 0;
    double t0, t1;

    if (!f || !tok) {
      g_snprintf(out->message, sizeof out->message, "%s: %s", opt_jsonl,
                 g_strerror(errno));
      if (f)
        fclose(f);
      if (tok)
        json_tokener_free(tok);
      return;
    }
    t0 = now_seconds();
    while ((len = getline(&line, &cap, f)) > 0) {
      json_object *obj;
      ssize_t i;
      for (i = 0; i < len && g_ascii_isspace(line[i]); i++)
        ;
      if (i == len)
        continue;
      records++;
      if (line[len - 1] == '\n')
        len--;
      obj = json_tokener_parse_ex(tok, line, (int)len);
      if (obj != NULL && json_tokener_get_error(tok) == json_tokener_success)
        parsed++;
      json_object_put(obj);
      json_tokener_reset(tok);
    }
    t1 = now_seconds();
    fclose(f);
    free(line);
    json_tokener_free(tok);
    round_done(out, round, t1 - t0);
    out->records = records;
    out->accepted = parsed;
    out->rejected = records - parsed;
  }
  out->bytes = (guint64)size;
  out->ok = 1;
}

static void
phase_import(PhaseResult *out)
{
  gint64 size = warm_file(opt_jsonl, out);
  int round;

  if (size < 0)
    return;
  for (round = 0; round < opt_repeat; round++) {
    CxmRecorder *recorder = cxm_recorder_new(NULL);
    CxmImportResult *result = cxm_import_result_new();
    GError *error = NULL;
    double t0, t1;
    gboolean ok;

    t0 = now_seconds();
    ok = cxm_recorder_import_path(recorder, opt_jsonl, CXM_IMPORT_DEFAULT,
                                  result, &error);
    t1 = now_seconds();
    if (!ok) {
      g_snprintf(out->message, sizeof out->message, "import failed: %s",
                 error->message);
      g_error_free(error);
      cxm_import_result_free(result);
      cxm_recorder_free(recorder);
      return;
    }
    round_done(out, round, t1 - t0);
    out->records = cxm_import_result_get_records(result);
    out->accepted = cxm_import_result_get_accepted(result);
    out->rejected = cxm_import_result_get_rejected(result);
    if (round == 0) {
      out->n_teams = count_keys(recorder, CXM_GROUP_TEAM);
      out->n_employees = count_keys(recorder, CXM_GROUP_EMPLOYEE);
      if (out->rejected > 0 && cxm_import_result_get_n_errors(result) > 0)
        g_printerr("cxm-bench: note: %" G_GUINT64_FORMAT " records rejected; "
                   "first: line %" G_GUINT64_FORMAT ": %s\n",
                   out->rejected, cxm_import_result_get_error_line(result, 0),
                   cxm_import_result_get_error_message(result, 0));
    }
    cxm_import_result_free(result);
    cxm_recorder_free(recorder);
  }
  out->bytes = (guint64)size;
  out->ok = 1;
}

/* ---- output ----------------------------------------------------------------- */

/* "5.78e6": three significant digits, a plain exponent, no '+'. */
static const char *
sci(char *buf, gsize size, double v)
{
  int e = 0;
  if (v > 0) {
    while (v >= 10.0) {
      v /= 10.0;
      e++;
    }
    while (v < 1.0) {
      v *= 10.0;
      e--;
    }
    if (v >= 9.995) { /* rounding to 2 decimals would print 10.00 */
      v /= 10.0;
      e++;
    }
  }
  g_snprintf(buf, size, "%.2fe%d", v, e);
  return buf;
}

static void
print_rule(void)
{
  g_print("  %-22s %14s %10s %12s %10s %12s\n", "----------------------",
          "--------------", "----------", "------------", "----------",
          "------------");
}

int
main(int argc, char **argv)
{
  GOptionContext *context;
  GError *error = NULL;
  gboolean do_struct, do_import;
  Measured ms, mj, mi;
  gboolean have_struct = FALSE, have_import = FALSE;
  int status = 0;
  char a[32], b[32];

  context = g_option_context_new("- throughput and peak memory of cxm");
  g_option_context_set_summary(
      context,
      "Measures cxm_recorder_record() over pre-filled interactions (struct)\n"
      "and cxm_recorder_import_path() over a JSON Lines file against json-c's\n"
      "own parse rate (import). Each phase runs in its own child process;\n"
      "its peak RSS is that child's. `make bench` runs both phases.");
  g_option_context_add_main_entries(context, entries, NULL);
  if (!g_option_context_parse(context, &argc, &argv, &error)) {
    g_printerr("cxm-bench: %s\n", error->message);
    g_error_free(error);
    g_option_context_free(context);
    return 2;
  }
  g_option_context_free(context);
  if (argc > 1) {
    g_printerr("cxm-bench: unexpected argument: %s\n", argv[1]);
    return 2;
  }
  if (opt_phase == NULL || strcmp(opt_phase, "all") == 0) {
    do_struct = TRUE;
    do_import = opt_jsonl != NULL;
    if (!do_import)
      g_printerr("cxm-bench: no --jsonl FILE given: skipping the import "
                 "phase\n");
  } else if (strcmp(opt_phase, "struct") == 0) {
    do_struct = TRUE;
    do_import = FALSE;
  } else if (strcmp(opt_phase, "import") == 0) {
    do_struct = FALSE;
    do_import = TRUE;
    if (opt_jsonl == NULL) {
      g_printerr("cxm-bench: --phase import needs --jsonl FILE\n");
      return 2;
    }
  } else {
    g_printerr("cxm-bench: --phase must be struct, import or all, got \"%s\"\n",
               opt_phase);
    return 2;
  }
  if (opt_records < 1) {
    g_printerr("cxm-bench: --records must be >= 1\n");
    return 2;
  }
  if (opt_repeat < 1) {
    g_printerr("cxm-bench: --repeat must be >= 1\n");
    return 2;
  }

  g_print("cxm-bench: cxm %s, json-c %s, best of %d, one core\n",
          cxm_version_string(), json_c_version(), opt_repeat);

  if (do_struct) {
    g_print("running struct phase (%" G_GINT64_FORMAT " records)...\n",
            opt_records);
    have_struct = run_in_child("struct", phase_struct, &ms);
    if (!have_struct)
      status = 1;
  }
  if (do_import) {
    g_print("running import phase (%s)...\n", opt_jsonl);
    have_import = run_in_child("json-c", phase_jsonc, &mj) &&
                  run_in_child("import", phase_import, &mi);
    if (!have_import)
      status = 1;
  }
  if (!have_struct && !have_import)
    return status;

  g_print("\n  %-22s %14s %10s %12s %10s %12s\n", "phase", "records",
          "seconds", "records/s", "ns/record", "peak RSS MiB");
  print_rule();
  if (have_struct)
    g_print("  %-22s %14" G_GUINT64_FORMAT " %10.3f %12s %10.1f %12.1f\n",
            "struct (record)", ms.r.records, ms.r.best_seconds,
            sci(a, sizeof a, ms.r.records / ms.r.best_seconds),
            ms.r.best_seconds * 1e9 / ms.r.records, ms.peak_rss_mib);
  if (have_import) {
    g_print("  %-22s %14" G_GUINT64_FORMAT " %10.3f %12s %10.1f %12.1f\n",
            "json-c parse (lines)", mj.r.records, mj.r.best_seconds,
            sci(a, sizeof a, mj.r.records / mj.r.best_seconds),
            mj.r.best_seconds * 1e9 / mj.r.records, mj.peak_rss_mib);
    g_print("  %-22s %14" G_GUINT64_FORMAT " %10.3f %12s %10.1f %12.1f\n",
            "import (import_path)", mi.r.records, mi.r.best_seconds,
            sci(a, sizeof a, mi.r.records / mi.r.best_seconds),
            mi.r.best_seconds * 1e9 / mi.r.records, mi.peak_rss_mib);
  }
  g_print("\n");
  if (have_struct) {
    double rate = ms.r.records / ms.r.best_seconds;
    g_print("  struct: %s/s against the target of %s/s: %s; slowest round "
            "%.3f s\n",
            sci(a, sizeof a, rate), sci(b, sizeof b, STRUCT_TARGET),
            rate >= STRUCT_TARGET ? "met" : "NOT met", ms.r.worst_seconds);
    g_print("          class mix %.1f%% momentum, %.1f%% disappointment, "
            "%.1f%% neutral; %" G_GUINT64_FORMAT " teams, %" G_GUINT64_FORMAT
            " employees; pool of %d; child RSS at start %.1f MiB\n",
            100.0 * ms.r.momentum / ms.r.records,
            100.0 * ms.r.disappointment / ms.r.records,
            100.0 * ms.r.neutral / ms.r.records, ms.r.n_teams,
            ms.r.n_employees, POOL_SIZE, ms.r.base_rss_mib);
  }
  if (have_import) {
    double mb = (double)mi.r.bytes / 1e6;
    double ratio = (mi.r.records / mi.r.best_seconds) /
                   (mj.r.records / mj.r.best_seconds);
    g_print("  import: %.1f MB in; cxm %.1f MB/s, json-c %.1f MB/s; "
            "cxm/json-c = %.2f\n",
            mb, mb / mi.r.best_seconds, mb / mj.r.best_seconds, ratio);
    g_print("          %" G_GUINT64_FORMAT " accepted, %" G_GUINT64_FORMAT
            " rejected (json-c: %" G_GUINT64_FORMAT " unparsable); %"
            G_GUINT64_FORMAT " teams, %" G_GUINT64_FORMAT
            " employees; slowest rounds %.3f s (cxm), %.3f s (json-c)\n",
            mi.r.accepted, mi.r.rejected, mj.r.rejected, mi.r.n_teams,
            mi.r.n_employees, mi.r.worst_seconds, mj.r.worst_seconds);
  }
  g_print("\n");
  if (have_struct)
    g_print("bench struct records=%" G_GUINT64_FORMAT " seconds=%.3f rate=%s "
            "ns_per_record=%.1f peak_rss_mib=%.1f\n",
            ms.r.records, ms.r.best_seconds,
            sci(a, sizeof a, ms.r.records / ms.r.best_seconds),
            ms.r.best_seconds * 1e9 / ms.r.records, ms.peak_rss_mib);
  if (have_import)
    g_print("bench import records=%" G_GUINT64_FORMAT " accepted=%"
            G_GUINT64_FORMAT " rejected=%" G_GUINT64_FORMAT " bytes=%"
            G_GUINT64_FORMAT " seconds=%.3f rate=%s mb_per_s=%.1f "
            "jsonc_seconds=%.3f jsonc_rate=%s jsonc_mb_per_s=%.1f "
            "ratio=%.3f peak_rss_mib=%.1f jsonc_peak_rss_mib=%.1f\n",
            mi.r.records, mi.r.accepted, mi.r.rejected, mi.r.bytes,
            mi.r.best_seconds,
            sci(a, sizeof a, mi.r.records / mi.r.best_seconds),
            mi.r.bytes / 1e6 / mi.r.best_seconds, mj.r.best_seconds,
            sci(b, sizeof b, mj.r.records / mj.r.best_seconds),
            mj.r.bytes / 1e6 / mj.r.best_seconds,
            (mi.r.records / mi.r.best_seconds) /
                (mj.r.records / mj.r.best_seconds),
            mi.peak_rss_mib, mj.peak_rss_mib);
  g_free(opt_jsonl);
  g_free(opt_phase);
  return status;
}
