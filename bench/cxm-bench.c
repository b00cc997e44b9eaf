/* SPDX-License-Identifier: MIT */
/* cxm-bench: throughput and peak memory of cxm, next to peers measured in
 * the same run.
 *
 *   struct   cxm_recorder_record() over --records interactions, cycled from
 *            a pool of pre-filled CxmInteraction values (the pool is built
 *            before the clock starts, so neither the PRNG nor the setters
 *            are measured).
 *   import   cxm_import_path() over a JSON Lines file (--jsonl) on one
 *            thread and on every online CPU, next to the parse rate alone
 *            of json-c (one thread, one reused tokener) and of simdjson
 *            (its DOM parser, a line at a time, on one thread and on as
 *            many as the import; the file in memory first), and the whole
 *            process of `cxm report --format json --group teams,channels
 *            FILE` (--cxm) next to DuckDB's (--peer: read_ndjson with the
 *            rules of SPEC section 4 as SQL, bench/duckdb-peer.cjs); with
 *            --jsonl-big, the whole process again on a larger file, for its
 *            peak memory.
 *
 * Each round of each measurement runs in a forked child (or is one child
 * process), so that its peak RSS (wait4's ru_maxrss) belongs to that phase
 * alone. --repeat rounds are run, interleaved across the measurements that
 * are compared (json-c, simdjson, import, ...) so that a burst of load on
 * the machine hits them alike, and the best (shortest) round is reported.
 * This is a benchmark, not a test: it fails only when something cannot run
 * (a missing file, a refused record in the struct pool), never on a slow
 * figure.
 *
 * Output: an aligned table for people, the ratios against their targets,
 * then one "bench <phase> key=value..." line per phase for scripts. See
 * bench/README.md.
 */
#include <cxm/cxm.h>
#include <json.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "simdjson-parse.h"

#define POOL_SIZE 4096 /* a power of two: the loop indexes with a mask */
#define N_TEAMS 12
#define N_EMPLOYEES 150
#define N_CUSTOMERS 20000
#define STRUCT_TARGET 5e6  /* records/s, from the issue */
#define PEER_TARGET 3.0     /* cxm report's rate over DuckDB's, whole process */
#define SIMDJSON_TARGET 0.6 /* the import's rate over simdjson's parse alone */
#define RSS_TARGET 64.0     /* MiB, for any input size */

/* ---- options ------------------------------------------------------------ */

static gint64 opt_records = 10000000;
static char *opt_jsonl = NULL;
static char *opt_jsonl_big = NULL;
static char *opt_phase = NULL;
static char *opt_cxm = NULL;
static char *opt_peer = NULL;
static int opt_repeat = 3;
/* The threads of the current import or parse round. */
static guint round_threads = 1;

static GOptionEntry entries[] = {
  { "records", 'n', 0, G_OPTION_ARG_INT64, &opt_records,
    "Interactions to record in the struct phase (default 10000000)", "N" },
  { "jsonl", 'j', 0, G_OPTION_ARG_FILENAME, &opt_jsonl,
    "JSON Lines file for the import phase (make it with examples/generate "
    "--count 1000000 --seed 7 --output FILE)",
    "FILE" },
  { "jsonl-big", 0, 0, G_OPTION_ARG_FILENAME, &opt_jsonl_big,
    "A larger JSON Lines file, for the whole process's peak RSS (optional)", "FILE" },
  { "cxm", 0, 0, G_OPTION_ARG_FILENAME, &opt_cxm,
    "The cxm tool, for the whole-process figures (optional)", "PATH" },
  { "peer", 0, 0, G_OPTION_ARG_STRING, &opt_peer,
    "The peer's command line, FILE appended: e.g. \"node bench/duckdb-peer.cjs\" "
    "(optional)",
    "COMMAND" },
  { "phase", 'p', 0, G_OPTION_ARG_STRING, &opt_phase,
    "struct, import or all (default all; import needs --jsonl)", "PHASE" },
  { "repeat", 'r', 0, G_OPTION_ARG_INT, &opt_repeat,
    "Rounds per measurement; the best is reported (default 3)", "K" },
  { NULL }
};

/* ---- what a child reports ----------------------------------------------- */

typedef struct {
  int ok;          /* 0: the child failed; message says why */
  double seconds;  /* the timed part of the round */
  guint64 records; /* records in the round */
  guint64 accepted, rejected;
  guint64 bytes;                             /* input bytes (import, json-c) */
  guint64 momentum, disappointment, neutral; /* struct: the class mix */
  guint64 n_teams, n_employees;
  char message[256];
} PhaseResult;

/* The rounds of one measurement. */
typedef struct {
  PhaseResult r; /* the first round's report */
  int rounds;
  double best_seconds, worst_seconds;
  double peak_rss_mib; /* the largest of the rounds' children */
} Measured;

typedef void (*PhaseFunc)(PhaseResult *out);

static double
now_seconds(void)
{
  return (double) g_get_monotonic_time() / G_USEC_PER_SEC;
}

/* Runs @func in a forked child; fills @r with its report and @rss_mib
 * with its peak RSS. */
static gboolean
run_in_child(const char *what, PhaseFunc func, PhaseResult *r, double *rss_mib)
{
  int fds[2];
  pid_t pid;
  int status = 0;
  struct rusage ru;
  gsize got = 0;

  memset(r, 0, sizeof *r);
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
    const char *p = (const char *) r;
    gsize left = sizeof *r;
    close(fds[0]);
    func(r);
    while (left > 0) {
      ssize_t w = write(fds[1], p, left);
      if (w < 0 && errno == EINTR)
        continue;
      if (w <= 0)
        _exit(2);
      p += w;
      left -= (gsize) w;
    }
    _exit(r->ok ? 0 : 1);
  }
  close(fds[1]);
  while (got < sizeof *r) {
    ssize_t n = read(fds[0], (char *) r + got, sizeof *r - got);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      break;
    got += (gsize) n;
  }
  close(fds[0]);
  while (wait4(pid, &status, 0, &ru) < 0) {
    if (errno != EINTR) {
      g_printerr("cxm-bench: wait4: %s\n", g_strerror(errno));
      return FALSE;
    }
  }
  if (got != sizeof *r) {
    if (WIFSIGNALED(status))
      g_printerr("cxm-bench: %s: the child died of signal %d (%s)\n", what,
                 WTERMSIG(status), g_strsignal(WTERMSIG(status)));
    else
      g_printerr("cxm-bench: %s: the child exited with status %d without a "
                 "report\n",
                 what, WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    return FALSE;
  }
  if (!r->ok) {
    g_printerr("cxm-bench: %s: %s\n", what, r->message);
    return FALSE;
  }
  *rss_mib = (double) ru.ru_maxrss / 1024.0; /* Linux: KiB */
  return TRUE;
}

/* Runs one more round of a measurement and folds it into @m (zeroed before
 * the first round). */
static gboolean
measure_round(const char *what, PhaseFunc func, Measured *m)
{
  PhaseResult r;
  double rss = 0.0;

  if (!run_in_child(what, func, &r, &rss))
    return FALSE;
  if (r.seconds < 1e-6) /* the clock ticks in microseconds */
    r.seconds = 1e-6;
  if (m->rounds == 0) {
    m->r = r;
    m->best_seconds = m->worst_seconds = r.seconds;
  }
  m->best_seconds = MIN(m->best_seconds, r.seconds);
  m->worst_seconds = MAX(m->worst_seconds, r.seconds);
  m->peak_rss_mib = MAX(m->peak_rss_mib, rss);
  m->rounds++;
  return TRUE;
}

/* ---- phase (a): the struct API -------------------------------------------- */

static const char *const team_names[N_TEAMS] = { "north",    "south",     "east",
                                                 "west",     "billing",   "onboarding",
                                                 "claims",   "retention", "field-service",
                                                 "web-care", "vip",       "night-shift" };

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
  int level = employee < 120   ? CXM_LEVEL_FRONTLINE
              : employee < 144 ? CXM_LEVEL_MANAGER
                               : CXM_LEVEL_SENIOR_LEADER;
  gboolean difficult = chance(rng, 0.35);
  int resolution;

  g_snprintf(buf, sizeof buf, "int-%08u", index);
  if (!cxm_interaction_set_id(it, buf, error))
    return FALSE;
  /* 2026-01-01T00:00:00Z plus up to ~90 days */
  if (!cxm_interaction_set_ts(
          it, G_GINT64_CONSTANT(1767225600) + g_rand_int_range(rng, 0, 90 * 86400),
          error))
    return FALSE;
  if (!cxm_interaction_set_channel(it, (int) (index % CXM_CHANNEL_COUNT), error))
    return FALSE;
  g_snprintf(buf, sizeof buf, "emp-%03d", employee);
  if (!cxm_interaction_set_employee(it, buf, error))
    return FALSE;
  if (!cxm_interaction_set_team(it, team_names[employee % N_TEAMS], error))
    return FALSE;
  /* 5% without a level, so that "unassigned" is exercised too */
  if (!cxm_interaction_set_level(it, chance(rng, 0.05) ? CXM_UNSET : level, error))
    return FALSE;
  if (chance(rng, 0.8)) {
    g_snprintf(buf, sizeof buf, "cust-%05d", g_rand_int_range(rng, 0, N_CUSTOMERS));
    if (!cxm_interaction_set_customer(it, buf, error))
      return FALSE;
  }

  if (difficult) {
    int kinds = chance(rng, 0.3) ? 2 : 1;
    int first = g_rand_int_range(rng, 0, CXM_DIFFICULTY_COUNT);
    if (!cxm_interaction_add_difficulty(it, first, error))
      return FALSE;
    if (kinds == 2 && !cxm_interaction_add_difficulty(
                          it,
                          (first + g_rand_int_range(rng, 1, CXM_DIFFICULTY_COUNT)) %
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
      resolution = u < 0.6   ? CXM_RESOLUTION_RESOLVED
                   : u < 0.8 ? CXM_RESOLUTION_ESCALATED
                             : CXM_RESOLUTION_UNRESOLVED;
    else
      resolution = u < 0.85   ? CXM_RESOLUTION_RESOLVED
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
  if (chance(rng, 0.65) && !cxm_interaction_set_csat(it, skewed_score(rng, 5), error))
    return FALSE;
  if (chance(rng, 0.45) && !cxm_interaction_set_nps(it, skewed_score(rng, 11) - 1, error))
    return FALSE;
  if (chance(rng, 0.35) && !cxm_interaction_set_effort(it, skewed_score(rng, 7), error))
    return FALSE;
  if (chance(rng, 0.6) &&
      !cxm_interaction_set_employee_satisfaction(it, skewed_score(rng, 5), error))
    return FALSE;
  if (chance(rng, 0.5) && !cxm_interaction_set_beyond_role(it, chance(rng, 0.2), error))
    return FALSE;
  if (chance(rng, 0.5) && !cxm_interaction_set_proactive(it, chance(rng, 0.15), error))
    return FALSE;
  if (chance(rng, 0.4) && !cxm_interaction_set_empowered(it, chance(rng, 0.1), error))
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
  CxmRecorder *recorder = NULL;
  CxmStats *totals;
  guint64 n = (guint64) opt_records, failed = 0;
  double t0, t1;

  for (guint i = 0; i < POOL_SIZE; i++) {
    pool[i] = cxm_interaction_new();
    if (!fill_interaction(pool[i], rng, i, &error)) {
      g_snprintf(out->message, sizeof out->message, "pool interaction %u refused: %s", i,
                 error->message);
      g_clear_error(&error);
      goto done;
    }
  }

  recorder = cxm_recorder_new(NULL);
  t0 = now_seconds();
  for (guint64 i = 0; i < n; i++) {
    if (G_UNLIKELY(
            !cxm_recorder_record(recorder, pool[i & (POOL_SIZE - 1)], NULL, NULL, NULL)))
      failed++;
  }
  t1 = now_seconds();

  if (failed != 0 || cxm_recorder_get_n(recorder) != n) {
    g_snprintf(out->message, sizeof out->message,
               "%" G_GUINT64_FORMAT " records refused, recorder n = %" G_GUINT64_FORMAT
               " of %" G_GUINT64_FORMAT,
               failed, cxm_recorder_get_n(recorder), n);
    goto done;
  }
  out->seconds = t1 - t0;
  out->records = out->accepted = n;
  totals = cxm_recorder_get_stats(recorder, CXM_GROUP_TOTALS, NULL, NULL);
  if (totals) {
    out->momentum = cxm_stats_get_count(totals, CXM_COUNT_MOMENTUM);
    out->disappointment = cxm_stats_get_count(totals, CXM_COUNT_DISAPPOINTMENT);
    out->neutral = cxm_stats_get_count(totals, CXM_COUNT_NEUTRAL);
    cxm_stats_free(totals);
  }
  out->n_teams = count_keys(recorder, CXM_GROUP_TEAM);
  out->n_employees = count_keys(recorder, CXM_GROUP_EMPLOYEE);
  out->ok = 1;

done:
  cxm_recorder_free(recorder);
  for (guint i = 0; i < POOL_SIZE; i++)
    cxm_interaction_free(pool[i]);
  g_free(pool);
  g_rand_free(rng);
}

/* ---- phase (b): JSON Lines import and json-c ------------------------------ */

/* Reads the file once, untimed, so that the round finds it in the page
 * cache. Returns its size, or -1 with @out->message set. */
static gint64
warm_file(const char *path, PhaseResult *out)
{
  char *buf = g_malloc(1 << 20);
  FILE *f = fopen(path, "rb");
  gint64 total = 0;
  size_t n;

  if (!f) {
    g_snprintf(out->message, sizeof out->message, "%s: %s", path, g_strerror(errno));
    g_free(buf);
    return -1;
  }
  while ((n = fread(buf, 1, 1 << 20, f)) > 0)
    total += (gint64) n;
  fclose(f);
  g_free(buf);
  return total;
}

/* json-c's own rate: getline() each line, json_tokener_parse_ex() it with
 * one reused tokener (json-c's default flags), free the object. Blank lines
 * are skipped, as the importer does, so both count the same records. */
static void
phase_jsonc(PhaseResult *out)
{
  gint64 size = warm_file(opt_jsonl, out);
  json_tokener *tok;
  FILE *f;
  char *line = NULL;
  size_t cap = 0;
  ssize_t len;
  guint64 records = 0, parsed = 0;
  double t0, t1;

  if (size < 0)
    return;
  f = fopen(opt_jsonl, "rb");
  if (f == NULL) {
    g_snprintf(out->message, sizeof out->message, "%s: %s", opt_jsonl, g_strerror(errno));
    return;
  }
  tok = json_tokener_new();
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
    obj = json_tokener_parse_ex(tok, line, (int) len);
    if (obj != NULL && json_tokener_get_error(tok) == json_tokener_success)
      parsed++;
    json_object_put(obj);
    json_tokener_reset(tok);
  }
  t1 = now_seconds();
  fclose(f);
  free(line);
  json_tokener_free(tok);
  if (records == 0) {
    g_snprintf(out->message, sizeof out->message, "%s: no records", opt_jsonl);
    return;
  }
  out->seconds = t1 - t0;
  out->records = records;
  out->accepted = parsed;
  out->rejected = records - parsed;
  out->bytes = (guint64) size;
  out->ok = 1;
}

static void
phase_import(PhaseResult *out)
{
  gint64 size = warm_file(opt_jsonl, out);
  CxmRecorder *recorder;
  CxmImportResult *result;
  GError *error = NULL;
  double t0, t1;
  gboolean ok;

  if (size < 0)
    return;
  recorder = cxm_recorder_new(NULL);
  result = cxm_import_result_new();
  cxm_import_result_set_threads(result, round_threads);
  t0 = now_seconds();
  ok = cxm_import_path(recorder, opt_jsonl, CXM_IMPORT_DEFAULT, result, &error);
  t1 = now_seconds();
  if (!ok) {
    g_snprintf(out->message, sizeof out->message, "import failed: %s", error->message);
    g_error_free(error);
  } else {
    out->seconds = t1 - t0;
    out->records = cxm_import_result_get_records(result);
    out->accepted = cxm_import_result_get_accepted(result);
    out->rejected = cxm_import_result_get_rejected(result);
    out->bytes = (guint64) size;
    out->n_teams = count_keys(recorder, CXM_GROUP_TEAM);
    out->n_employees = count_keys(recorder, CXM_GROUP_EMPLOYEE);
    if (out->rejected > 0 && cxm_import_result_get_n_errors(result) > 0)
      g_snprintf(out->message, sizeof out->message,
                 "%" G_GUINT64_FORMAT " records rejected; first: line %" G_GUINT64_FORMAT
                 ": %s",
                 out->rejected, cxm_import_result_get_error_line(result, 0),
                 cxm_import_result_get_error_message(result, 0));
    out->ok = 1;
  }
  cxm_import_result_free(result);
  cxm_recorder_free(recorder);
}

/* simdjson's own rate: its DOM parser on each line, the file already in
 * memory, on round_threads threads. */
static void
phase_simdjson(PhaseResult *out)
{
  char *data;
  gsize size;
  guint64 records, parsed;
  double t0, t1;

  if (!bench_simdjson_load(opt_jsonl, &data, &size)) {
    g_snprintf(out->message, sizeof out->message, "%s: cannot read it", opt_jsonl);
    return;
  }
  t0 = now_seconds();
  bench_simdjson_parse(data, size, round_threads, &records, &parsed);
  t1 = now_seconds();
  g_free(data);
  out->seconds = t1 - t0;
  out->records = records;
  out->accepted = parsed;
  out->rejected = records - parsed;
  out->bytes = size;
  out->ok = 1;
}

/* One round of a whole process: @argv run to its end, its output thrown
 * away; its wall time and peak RSS go into @m. */
static gboolean
measure_command(const char *what, char **argv, guint64 records, guint64 bytes,
                Measured *m)
{
  struct rusage ru;
  int status = 0;
  double t0, seconds;
  pid_t pid;

  fflush(stdout);
  fflush(stderr);
  t0 = now_seconds();
  pid = fork();
  if (pid < 0) {
    g_printerr("cxm-bench: fork: %s\n", g_strerror(errno));
    return FALSE;
  }
  if (pid == 0) {
    int null = open("/dev/null", O_WRONLY);
    dup2(null, STDOUT_FILENO);
    dup2(null, STDERR_FILENO);
    execvp(argv[0], argv);
    _exit(127);
  }
  while (wait4(pid, &status, 0, &ru) < 0) {
    if (errno != EINTR) {
      g_printerr("cxm-bench: wait4: %s\n", g_strerror(errno));
      return FALSE;
    }
  }
  seconds = now_seconds() - t0;
  /* cxm report exits 1 when it rejected records; that is a report too. */
  if (!WIFEXITED(status) || WEXITSTATUS(status) > 1) {
    g_printerr("cxm-bench: %s: %s failed (status %d)\n", what, argv[0],
               WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    return FALSE;
  }
  if (m->rounds == 0) {
    memset(&m->r, 0, sizeof m->r);
    m->r.records = records;
    m->r.bytes = bytes;
    m->best_seconds = m->worst_seconds = seconds;
  }
  m->best_seconds = MIN(m->best_seconds, seconds);
  m->worst_seconds = MAX(m->worst_seconds, seconds);
  m->peak_rss_mib = MAX(m->peak_rss_mib, (double) ru.ru_maxrss / 1024.0);
  m->rounds++;
  return TRUE;
}

/* `cxm report --format json --group teams,channels FILE`. */
static gboolean
measure_report(const char *file, guint64 records, guint64 bytes, Measured *m)
{
  char *argv[] = { opt_cxm, "report", "--format", "json", "--group", "teams,channels",
                   (char *) file, NULL };
  return measure_command("cxm report", argv, records, bytes, m);
}

/* The peer's command line with FILE appended. */
static gboolean
measure_peer(const char *file, guint64 records, guint64 bytes, Measured *m)
{
  g_auto(GStrv) words = NULL;
  g_autoptr(GError) error = NULL;
  if (!g_shell_parse_argv(opt_peer, NULL, &words, &error)) {
    g_printerr("cxm-bench: --peer: %s\n", error->message);
    return FALSE;
  }
  guint n = g_strv_length(words);
  words = g_renew(char *, words, n + 2);
  words[n] = g_strdup(file);
  words[n + 1] = NULL;
  return measure_command("peer", words, records, bytes, m);
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

#define RATE(m) ((double) (m).r.records / (m).best_seconds)
#define NS_PER(m) ((m).best_seconds * 1e9 / (double) (m).r.records)
#define MB_PER_S(m) ((double) (m).r.bytes / 1e6 / (m).best_seconds)

static void
print_row(const char *label, const Measured *m)
{
  char rate[32], mbs[32];

  if (m->r.bytes > 0)
    g_snprintf(mbs, sizeof mbs, "%.1f", MB_PER_S(*m));
  else
    g_strlcpy(mbs, "-", sizeof mbs);
  g_print("  %-32s %10" G_GUINT64_FORMAT " %9.3f %10s %10.1f %8s %8.1f\n", label,
          m->r.records, m->best_seconds, sci(rate, sizeof rate, RATE(*m)), NS_PER(*m),
          mbs, m->peak_rss_mib);
}

int
main(int argc, char **argv)
{
  GOptionContext *context;
  GError *error = NULL;
  gboolean do_struct, do_import;
  Measured ms, mj, m_s1, m_sn, m_i1, m_in, m_cxm, m_peer, m_big;
  gboolean have_struct = FALSE, have_import = FALSE, have_whole = FALSE;
  gboolean have_peer = FALSE, have_big = FALSE;
  const guint n_cpus = MAX(g_get_num_processors(), 1);
  int status = 0;
  char a[32], b[32];

  context = g_option_context_new("- throughput and peak memory of cxm");
  g_option_context_set_summary(
      context, "Measures cxm_recorder_record() over pre-filled interactions (struct)\n"
               "and cxm_import_path() over a JSON Lines file on 1 and on every\n"
               "CPU against json-c's and simdjson's parse rates, and the whole\n"
               "process of cxm report against a peer's (import). Each phase runs\n"
               "in its own child process; its peak RSS is that child's.");
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

  g_print("cxm-bench: cxm %s, json-c %s, %u CPUs, best of %d\n", cxm_version_string(),
          json_c_version(), n_cpus, opt_repeat);

  if (do_struct) {
    g_print("running struct phase (%" G_GINT64_FORMAT " records)...\n", opt_records);
    memset(&ms, 0, sizeof ms);
    have_struct = TRUE;
    for (int round = 0; have_struct && round < opt_repeat; round++)
      have_struct = measure_round("struct", phase_struct, &ms);
    if (!have_struct)
      status = 1;
  }
  if (do_import) {
    g_print("running import phase (%s)...\n", opt_jsonl);
    memset(&mj, 0, sizeof mj);
    memset(&m_s1, 0, sizeof m_s1);
    memset(&m_sn, 0, sizeof m_sn);
    memset(&m_i1, 0, sizeof m_i1);
    memset(&m_in, 0, sizeof m_in);
    memset(&m_cxm, 0, sizeof m_cxm);
    memset(&m_peer, 0, sizeof m_peer);
    memset(&m_big, 0, sizeof m_big);
    have_import = TRUE;
    have_whole = opt_cxm != NULL;
    have_peer = have_whole && opt_peer != NULL;
    for (int round = 0; have_import && round < opt_repeat; round++) {
      round_threads = 1;
      have_import = measure_round("json-c", phase_jsonc, &mj) &&
                    measure_round("simdjson", phase_simdjson, &m_s1) &&
                    measure_round("import", phase_import, &m_i1);
      round_threads = n_cpus;
      have_import = have_import && measure_round("simdjson", phase_simdjson, &m_sn) &&
                    measure_round("import", phase_import, &m_in);
      if (have_import && have_whole)
        have_whole = measure_report(opt_jsonl, m_i1.r.records, m_i1.r.bytes, &m_cxm);
      if (have_import && have_peer)
        have_peer = measure_peer(opt_jsonl, m_i1.r.records, m_i1.r.bytes, &m_peer);
    }
    if (!have_import)
      status = 1;
    else if (m_i1.r.message[0] != '\0')
      g_printerr("cxm-bench: note: %s\n", m_i1.r.message);
    if (have_import && have_whole && opt_jsonl_big != NULL) {
      g_print("running the whole process on %s...\n", opt_jsonl_big);
      have_big = measure_report(opt_jsonl_big, 0, 0, &m_big);
    }
  }
  if (!have_struct && !have_import)
    return status;

  g_print("\n  %-32s %10s %9s %10s %10s %8s %8s\n", "phase", "records", "seconds",
          "records/s", "ns/record", "MB/s", "peak RSS");
  g_print("  %-32s %10s %9s %10s %10s %8s %8s\n", "--------------------------------",
          "----------", "---------", "----------", "----------", "--------", "--------");
  if (have_struct)
    print_row("struct: record(), 1 thread", &ms);
  if (have_import) {
    char label[64];
    print_row("json-c parse, 1 thread", &mj);
    print_row("simdjson parse, 1 thread", &m_s1);
    g_snprintf(label, sizeof label, "simdjson parse, %u threads", n_cpus);
    print_row(label, &m_sn);
    print_row("import: import_path(), 1 thread", &m_i1);
    g_snprintf(label, sizeof label, "import: import_path(), %u threads", n_cpus);
    print_row(label, &m_in);
    if (have_whole)
      print_row("cxm report, whole process", &m_cxm);
    if (have_peer)
      print_row("peer, whole process", &m_peer);
    if (have_big)
      g_print("  %-32s %10s %9.3f %10s %10s %8s %8.1f\n", "cxm report, larger file", "-",
              m_big.best_seconds, "-", "-", "-", m_big.peak_rss_mib);
  }
  g_print("  (best of %d rounds, each in its own process; peak RSS: the largest "
          "round's, MiB)\n\n",
          opt_repeat);
  if (have_struct) {
    double rate = RATE(ms);
    g_print("  struct: %s records/s against the target of %s: %s "
            "(slowest round %.3f s)\n",
            sci(a, sizeof a, rate), sci(b, sizeof b, STRUCT_TARGET),
            rate >= STRUCT_TARGET ? "met" : "NOT met", ms.worst_seconds);
    g_print(
        "          class mix %.1f%% momentum, %.1f%% disappointment, "
        "%.1f%% neutral; %" G_GUINT64_FORMAT " teams, %" G_GUINT64_FORMAT
        " employees; pool of %d\n",
        100.0 * ms.r.momentum / ms.r.records, 100.0 * ms.r.disappointment / ms.r.records,
        100.0 * ms.r.neutral / ms.r.records, ms.r.n_teams, ms.r.n_employees, POOL_SIZE);
  }
  if (have_import) {
    const double vs_simdjson = RATE(m_in) / RATE(m_sn);
    g_print("  import: %u threads / 1 thread = %.2f; over json-c (1 thread) %.2f\n",
            n_cpus, RATE(m_in) / RATE(m_i1), RATE(m_i1) / RATE(mj));
    g_print("  import over simdjson's parse alone, %u threads: %.2f against the "
            "target of %.1f: %s (1 thread: %.2f)\n",
            n_cpus, vs_simdjson, SIMDJSON_TARGET,
            vs_simdjson >= SIMDJSON_TARGET ? "met" : "NOT met", RATE(m_i1) / RATE(m_s1));
    g_print("          %" G_GUINT64_FORMAT " accepted, %" G_GUINT64_FORMAT
            " rejected (json-c: %" G_GUINT64_FORMAT " unparsable); %" G_GUINT64_FORMAT
            " teams, %" G_GUINT64_FORMAT " employees; %.1f MB in\n",
            m_i1.r.accepted, m_i1.r.rejected, mj.r.rejected, m_i1.r.n_teams,
            m_i1.r.n_employees, (double) m_i1.r.bytes / 1e6);
    if (have_peer) {
      const double vs_peer = m_peer.best_seconds / m_cxm.best_seconds;
      g_print("  whole process: cxm report over the peer = %.2f against the target "
              "of %.1f: %s (slowest rounds: cxm %.3f s, peer %.3f s)\n",
              vs_peer, PEER_TARGET, vs_peer >= PEER_TARGET ? "met" : "NOT met",
              m_cxm.worst_seconds, m_peer.worst_seconds);
    }
    if (have_whole) {
      const double peak = MAX(m_cxm.peak_rss_mib, have_big ? m_big.peak_rss_mib : 0);
      g_print("  peak RSS of cxm report: %.1f MiB", m_cxm.peak_rss_mib);
      if (have_big)
        g_print(", larger file %.1f MiB", m_big.peak_rss_mib);
      g_print(" against the target of %.0f MiB: %s\n", RSS_TARGET,
              peak < RSS_TARGET ? "met" : "NOT met");
    }
  }
  g_print("\n");
  if (have_struct)
    g_print("bench struct records=%" G_GUINT64_FORMAT " seconds=%.3f rate=%s "
            "ns_per_record=%.1f peak_rss_mib=%.1f\n",
            ms.r.records, ms.best_seconds, sci(a, sizeof a, RATE(ms)), NS_PER(ms),
            ms.peak_rss_mib);
  if (have_import) {
    g_print("bench import threads=1 records=%" G_GUINT64_FORMAT " seconds=%.3f rate=%s "
            "mb_per_s=%.1f peak_rss_mib=%.1f\n",
            m_i1.r.records, m_i1.best_seconds, sci(a, sizeof a, RATE(m_i1)),
            MB_PER_S(m_i1), m_i1.peak_rss_mib);
    g_print("bench import threads=%u records=%" G_GUINT64_FORMAT " seconds=%.3f rate=%s "
            "mb_per_s=%.1f peak_rss_mib=%.1f\n",
            n_cpus, m_in.r.records, m_in.best_seconds, sci(a, sizeof a, RATE(m_in)),
            MB_PER_S(m_in), m_in.peak_rss_mib);
    g_print("bench jsonc threads=1 seconds=%.3f rate=%s\n", mj.best_seconds,
            sci(a, sizeof a, RATE(mj)));
    g_print("bench simdjson threads=1 seconds=%.3f rate=%s\n", m_s1.best_seconds,
            sci(a, sizeof a, RATE(m_s1)));
    g_print("bench simdjson threads=%u seconds=%.3f rate=%s\n", n_cpus, m_sn.best_seconds,
            sci(a, sizeof a, RATE(m_sn)));
    if (have_whole)
      g_print("bench report seconds=%.3f peak_rss_mib=%.1f\n", m_cxm.best_seconds,
              m_cxm.peak_rss_mib);
    if (have_peer)
      g_print("bench peer seconds=%.3f peak_rss_mib=%.1f ratio=%.3f\n",
              m_peer.best_seconds, m_peer.peak_rss_mib,
              m_peer.best_seconds / m_cxm.best_seconds);
    if (have_big)
      g_print("bench report_big seconds=%.3f peak_rss_mib=%.1f\n", m_big.best_seconds,
              m_big.peak_rss_mib);
  }
  g_free(opt_jsonl);
  g_free(opt_jsonl_big);
  g_free(opt_cxm);
  g_free(opt_peer);
  g_free(opt_phase);
  return status;
}
