/* SPDX-License-Identifier: MIT */
/* The data-driven cases of tests/cases/ (tests/cases/README.md), each
 * through the public C API, and the outcome of the fuzz seeds named valid-*
 * and invalid-* (tests/fuzz/corpus/TARGET/).
 *
 * Both are Criterion parameterized tests over what is found at run time.
 * Criterion's TAP output names every run of a parameterized test alike, so
 * the POST_ALL report hook below renames each run after its case, which
 * needs the runs in the order of their parameters: the PRE_ALL hook makes
 * this program run one test at a time. */
#include "test-util.h"
#include <criterion/hooks.h>
#include <criterion/options.h>
#include <criterion/parameterized.h>
#include <criterion/stats.h>

/* Good lines around each record case, as check_rejection() had them. */
#define GOOD1 "{\"id\":\"g1\",\"ts\":\"2026-03-02T09:15:00Z\",\"channel\":\"web\",\"team\":\"t\",\"csat\":5}"
#define GOOD2 "{\"id\":\"g2\",\"ts\":\"2026-03-02T09:16:00Z\",\"channel\":\"phone\",\"team\":\"t\",\"csat\":2}"

typedef char CxmText;
G_DEFINE_AUTOPTR_CLEANUP_FUNC(CxmText, cxm_free)

/* Ends the check it is in with a description of what differs. */
#define CHECK(cond, ...)                                                      \
  do {                                                                        \
    if (!(cond))                                                              \
      return g_strdup_printf(__VA_ARGS__);                                    \
  } while (0)
/* Ends the check it is in when the check @call fails. */
#define CHECK_THAT(call)                                                      \
  do {                                                                        \
    char *failure_ = (call);                                                  \
    if (failure_ != NULL)                                                     \
      return failure_;                                                        \
  } while (0)

#define NONE(s) ((s) != NULL ? (s) : "(none)")

/* ---- the expect file ------------------------------------------------------ */

static const struct {
  const char *name;
  int code;
} error_codes[] = {
  { "INVALID_ARGUMENT", CXM_ERROR_INVALID_ARGUMENT },
  { "IO", CXM_ERROR_IO },
  { "INVALID_JSON", CXM_ERROR_INVALID_JSON },
  { "INVALID_UTF8", CXM_ERROR_INVALID_UTF8 },
  { "TOO_LONG", CXM_ERROR_TOO_LONG },
  { "TOO_DEEP", CXM_ERROR_TOO_DEEP },
  { "NOT_OBJECT", CXM_ERROR_NOT_OBJECT },
  { "MISSING", CXM_ERROR_MISSING },
  { "TYPE", CXM_ERROR_TYPE },
  { "RANGE", CXM_ERROR_RANGE },
  { "ENUM", CXM_ERROR_ENUM },
  { "DUPLICATE", CXM_ERROR_DUPLICATE },
  { "FORMAT", CXM_ERROR_FORMAT },
  { "POLICY", CXM_ERROR_POLICY },
  { "POLICY_MISMATCH", CXM_ERROR_POLICY_MISMATCH },
  { "NOT_FOUND", CXM_ERROR_NOT_FOUND },
  { "ORG", CXM_ERROR_ORG },
  { "LIMIT", CXM_ERROR_LIMIT },
  { "SNAPSHOT", CXM_ERROR_SNAPSHOT },
  { "BUSY", CXM_ERROR_BUSY },
  { "DUPLICATE_ID", CXM_ERROR_DUPLICATE_ID },
};

/* An expected error: CODE KEY on one line, the message on the next. */
typedef struct {
  int code;
  char *key;     /* NULL for "-" */
  char *message; /* "*" matches any run of characters */
} Error;

/* What an expect file says. */
typedef struct {
  gboolean accepted;
  gboolean leadership;    /* "accepted leadership" (records) */
  char *klass, *reason;   /* "accepted CLASS REASON" (records), "CLASS REASON"
                           * (classify); else NULL */
  Error error;            /* when not accepted */
  gboolean has_refusal;   /* "accepted leadership" with the error of
                           * cxm_interaction_new_from_json() after it */
  Error refusal;
} Expect;

static void
expect_clear(Expect *e)
{
  g_free(e->klass);
  g_free(e->reason);
  g_free(e->error.key);
  g_free(e->error.message);
  g_free(e->refusal.key);
  g_free(e->refusal.message);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(Expect, expect_clear)

/* Parses "CODE KEY" and the message line into @error. */
static char *
parse_error(char **lines, Error *error)
{
  g_auto(GStrv) words = g_strsplit(lines[0], " ", -1);
  CHECK(g_strv_length(words) == 2, "\"%s\" is not \"CODE KEY\"", lines[0]);
  error->code = 0;
  for (gsize i = 0; i < G_N_ELEMENTS(error_codes); i++)
    if (strcmp(words[0], error_codes[i].name) == 0)
      error->code = error_codes[i].code;
  CHECK(error->code != 0, "unknown error code \"%s\"", words[0]);
  error->key = strcmp(words[1], "-") == 0 ? NULL : g_strdup(words[1]);
  CHECK(lines[1] != NULL, "no message after \"%s\"", lines[0]);
  error->message = g_strdup(lines[1]);
  return NULL;
}

static char *
parse_expect(const char *text, gboolean classify, Expect *e)
{
  g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
  guint n = g_strv_length(lines);
  /* the last line ends with a line end */
  CHECK(n >= 2 && *lines[n - 1] == '\0', "expect does not end with a line end");
  g_free(lines[n - 1]);
  lines[n - 1] = NULL;
  n--;
  g_auto(GStrv) words = g_strsplit(lines[0], " ", -1);
  guint nw = g_strv_length(words);
  if (classify) {
    CHECK(n == 1 && nw == 2, "expect is not one line \"CLASS REASON\"");
    e->accepted = TRUE;
    e->klass = g_strdup(words[0]);
    e->reason = g_strdup(words[1]);
    return NULL;
  }
  if (strcmp(words[0], "accepted") != 0) {
    CHECK(n == 2, "an error is two lines, \"CODE KEY\" and the message");
    return parse_error(lines, &e->error);
  }
  e->accepted = TRUE;
  if (nw == 2 && strcmp(words[1], "leadership") == 0) {
    e->leadership = TRUE;
    if (n == 1)
      return NULL;
    CHECK(n == 3, "\"accepted leadership\" is followed by an error or nothing");
    e->has_refusal = TRUE;
    return parse_error(lines + 1, &e->refusal);
  }
  CHECK(n == 1 && (nw == 1 || nw == 3),
        "\"%s\" is not \"accepted\", \"accepted CLASS REASON\" or \"accepted leadership\"",
        lines[0]);
  if (nw == 3) {
    e->klass = g_strdup(words[1]);
    e->reason = g_strdup(words[2]);
  }
  return NULL;
}

/* @text matches @pattern, in which "*" matches any run of characters. */
static gboolean
glob_match(const char *pattern, const char *text)
{
  const char *star = strchr(pattern, '*');
  if (star == NULL)
    return strcmp(pattern, text) == 0;
  gsize head = (gsize) (star - pattern);
  if (strncmp(pattern, text, head) != 0)
    return FALSE;
  for (const char *t = text + head;; t++) {
    if (glob_match(star + 1, t))
      return TRUE;
    if (*t == '\0')
      return FALSE;
  }
}

/* @err (maybe NULL) is the expected error, and comes from no strict import. */
static char *
check_error(const char *what, const GError *err, const Error *want)
{
  CHECK(err != NULL, "%s: no error, expected \"%s\"", what, want->message);
  CHECK(err->domain == CXM_ERROR, "%s: an error of another domain: %s", what, err->message);
  CHECK(err->code == want->code, "%s: code %d, expected %d (\"%s\")", what, err->code,
        want->code, err->message);
  CHECK(glob_match(want->message, err->message), "%s: message \"%s\", expected \"%s\"",
        what, err->message, want->message);
  const char *key = cxm_error_get_key(err);
  CHECK(g_strcmp0(key, want->key) == 0, "%s: key %s, expected %s", what, NONE(key),
        NONE(want->key));
  CHECK(cxm_error_get_line(err) == 0, "%s: line %" G_GUINT64_FORMAT ", expected 0", what,
        cxm_error_get_line(err));
  return NULL;
}

static char *
check_class(const char *what, CxmClass klass, CxmReason reason, const Expect *e)
{
  CHECK(g_strcmp0(cxm_class_name(klass), e->klass) == 0 &&
          g_strcmp0(cxm_reason_name(reason), e->reason) == 0,
        "%s: %s %s, expected %s %s", what, NONE(cxm_class_name(klass)),
        NONE(cxm_reason_name(reason)), e->klass, e->reason);
  return NULL;
}

/* @it has the class and reason of @e through cxm_classify() under @policy
 * (NULL: the defaults) and through a recorder under it. */
static char *
check_classified(const CxmPolicy *policy, const CxmInteraction *it, const Expect *e)
{
  g_autoptr(GError) err = NULL;
  CxmClass klass = (CxmClass) 99;
  CxmReason reason = (CxmReason) 99;
  CHECK(cxm_classify(policy, it, &klass, &reason, &err), "classify: %s",
        err ? err->message : "?");
  CHECK_THAT(check_class("classify", klass, reason, e));
  g_autoptr(CxmRecorder) rec = cxm_recorder_new(policy);
  CHECK(cxm_recorder_record(rec, it, &klass, &reason, &err), "record: %s",
        err ? err->message : "?");
  return check_class("record", klass, reason, e);
}

/* ---- where the cases are ---------------------------------------------------- */

static char *
cases_dir(void)
{
  return tests_path("CXM_TEST_CASES", "cases", NULL);
}

static char *
corpus_dir(void)
{
  return tests_path("CXM_FUZZ_CORPUS", "fuzz/corpus", NULL);
}

static gint
compare_names(gconstpointer a, gconstpointer b)
{
  return strcmp(*(char *const *) a, *(char *const *) b);
}

/* The entries of @dir whose names start with one of @prefixes (all but
 * dot files when NULL), sorted. */
static GPtrArray *
list_dir(const char *dir, const char *const *prefixes, gboolean dirs)
{
  GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
  g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
  const char *name;
  while (d != NULL && (name = g_dir_read_name(d)) != NULL) {
    g_autofree char *path = g_build_filename(dir, name, NULL);
    gboolean wanted = prefixes == NULL && name[0] != '.';
    for (const char *const *p = prefixes; p != NULL && *p != NULL; p++)
      wanted = wanted || g_str_has_prefix(name, *p);
    if (wanted && g_file_test(path, dirs ? G_FILE_TEST_IS_DIR : G_FILE_TEST_IS_REGULAR))
      g_ptr_array_add(names, g_strdup(name));
  }
  g_ptr_array_sort(names, compare_names);
  return names;
}

/* ---- the parameters, and the names of the runs in the TAP output ----------- */

/* One run: "KIND/CASE" (cases) or "TARGET/FILE" (seeds), in memory that
 * Criterion shares with the worker that runs it. */
typedef struct {
  char *name;
} Param;

/* The names in the order of the parameters, kept by this (the runner's)
 * process for the POST_ALL hook. */
static GPtrArray *run_names[2];
enum { CASES, SEEDS };

static char *
cr_strdup_(const char *s)
{
  char *copy = cr_malloc(strlen(s) + 1);
  strcpy(copy, s);
  return copy;
}

static void
free_params(struct criterion_test_params *params)
{
  Param *p = params->params;
  for (size_t i = 0; i < params->length; i++)
    cr_free(p[i].name);
  cr_free(p);
}

static struct criterion_test_params
make_params(int which, GPtrArray *names)
{
  Param *p = cr_malloc(sizeof *p * MAX(names->len, 1));
  for (guint i = 0; i < names->len; i++)
    p[i].name = cr_strdup_(names->pdata[i]);
  if (run_names[which] != NULL)
    g_ptr_array_unref(run_names[which]);
  run_names[which] = names;
  return cr_make_param_array(Param, p, names->len, free_params);
}

/* Every KIND/CASE folder of tests/cases/. */
static GPtrArray *
list_cases(void)
{
  g_autofree char *root = cases_dir();
  GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
  g_autoptr(GPtrArray) kinds = list_dir(root, NULL, TRUE);
  for (guint k = 0; k < kinds->len; k++) {
    g_autofree char *dir = g_build_filename(root, kinds->pdata[k], NULL);
    g_autoptr(GPtrArray) cases = list_dir(dir, NULL, TRUE);
    for (guint c = 0; c < cases->len; c++)
      g_ptr_array_add(names, g_strdup_printf("%s/%s", (char *) kinds->pdata[k],
                                             (char *) cases->pdata[c]));
  }
  return names;
}

static const char *const targets[] = { "fuzz-record", "fuzz-policy", "fuzz-org",
                                       "fuzz-snapshot" };

/* Every TARGET/valid-* and TARGET/invalid-* seed of tests/fuzz/corpus/. */
static GPtrArray *
list_seeds(void)
{
  static const char *const prefixes[] = { "valid-", "invalid-", NULL };
  g_autofree char *root = corpus_dir();
  GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
  for (gsize t = 0; t < G_N_ELEMENTS(targets); t++) {
    g_autofree char *dir = g_build_filename(root, targets[t], NULL);
    g_autoptr(GPtrArray) seeds = list_dir(dir, prefixes, FALSE);
    for (guint s = 0; s < seeds->len; s++)
      g_ptr_array_add(names, g_strdup_printf("%s/%s", targets[t], (char *) seeds->pdata[s]));
  }
  return names;
}

ReportHook(PRE_ALL)(struct criterion_test_set *set)
{
  (void) set;
  criterion_options.jobs = 1;
}

/* Gives each run of the parameterized test @name the name of its parameter,
 * in the order in which they ran, unless their number is not that of the
 * names; puts the suite's runs in that order. */
static void
name_runs(struct criterion_suite_stats *suite, const char *name, GPtrArray *names)
{
  g_autoptr(GPtrArray) runs = g_ptr_array_new();
  /* Criterion lists the runs of a suite last first. */
  for (struct criterion_test_stats *t = suite->tests; t != NULL; t = t->next)
    if (strcmp(t->test->name, name) == 0)
      g_ptr_array_insert(runs, 0, t);
  if (names == NULL || runs->len != names->len)
    return;
  /* The runs share one test: each gets a copy, named by @names, which
   * outlives Criterion's statistics (kept here, so that valgrind sees no
   * leak once Criterion has freed them). */
  static GPtrArray *copies;
  if (copies == NULL)
    copies = g_ptr_array_new_with_free_func(g_free);
  for (guint i = 0; i < runs->len; i++) {
    struct criterion_test_stats *t = runs->pdata[i];
    struct criterion_test *copy = g_new(struct criterion_test, 1);
    *copy = *t->test;
    copy->name = names->pdata[i];
    t->test = copy;
    g_ptr_array_add(copies, copy);
  }
  struct criterion_test_stats *reversed = NULL;
  while (suite->tests != NULL) {
    struct criterion_test_stats *t = suite->tests;
    suite->tests = t->next;
    t->next = reversed;
    reversed = t;
  }
  suite->tests = reversed;
}

ReportHook(POST_ALL)(struct criterion_global_stats *stats)
{
  for (struct criterion_suite_stats *s = stats->suites; s != NULL; s = s->next) {
    if (strcmp(s->suite->name, "cases") == 0)
      name_runs(s, "run", run_names[CASES]);
    else if (strcmp(s->suite->name, "seeds") == 0)
      name_runs(s, "outcome", run_names[SEEDS]);
  }
}

/* ---- records ------------------------------------------------------------------ */

static char *
counts(const CxmImportResult *r, guint64 records, guint64 accepted, guint64 rejected,
       guint64 leadership)
{
  CHECK(cxm_import_result_get_records(r) == records &&
          cxm_import_result_get_accepted(r) == accepted &&
          cxm_import_result_get_rejected(r) == rejected &&
          cxm_import_result_get_leadership(r) == leadership,
        "import: %" G_GUINT64_FORMAT " records, %" G_GUINT64_FORMAT " accepted, %"
        G_GUINT64_FORMAT " rejected, %" G_GUINT64_FORMAT " leadership; expected %"
        G_GUINT64_FORMAT ", %" G_GUINT64_FORMAT ", %" G_GUINT64_FORMAT ", %" G_GUINT64_FORMAT,
        cxm_import_result_get_records(r), cxm_import_result_get_accepted(r),
        cxm_import_result_get_rejected(r), cxm_import_result_get_leadership(r), records,
        accepted, rejected, leadership);
  return NULL;
}

static char *
import_text(CxmRecorder *rec, const char *text, gsize length, CxmImportResult *res)
{
  g_autoptr(GError) err = NULL;
  CHECK(cxm_import_data(rec, text, length, NULL, CXM_IMPORT_DEFAULT, res, &err),
        "import failed: %s", err ? err->message : "?");
  CHECK(err == NULL, "import set an error on success");
  return NULL;
}

/* GOOD1, the line, GOOD2 through cxm_import_data(): only the line
 * may be rejected, on line 2, as expected, changing no aggregate; else it
 * is accepted. @rec gets the import. */
static char *
check_import(CxmRecorder *rec, const char *line, gsize len, const Expect *e)
{
  g_autoptr(CxmImportResult) res = cxm_import_result_new();
  g_autoptr(GString) text = g_string_new(GOOD1 "\n");
  g_string_append_len(text, line, (gssize) len);
  g_string_append(text, "\n" GOOD2 "\n");
  CHECK_THAT(import_text(rec, text->str, text->len, res));
  if (e->accepted) {
    CHECK(cxm_import_result_get_n_errors(res) == 0, "import: rejected: %s",
          cxm_import_result_get_error_message(res, 0));
    CHECK_THAT(counts(res, 3, 3, 0, e->leadership ? 1 : 0));
    CHECK(cxm_recorder_get_n(rec) == (e->leadership ? 2 : 3), "import: %" G_GUINT64_FORMAT
          " interactions recorded", cxm_recorder_get_n(rec));
    CHECK(cxm_recorder_get_leadership_count(rec, CXM_UNSET) == (e->leadership ? 1 : 0),
          "import: %" G_GUINT64_FORMAT " leadership events",
          cxm_recorder_get_leadership_count(rec, CXM_UNSET));
    return NULL;
  }
  CHECK(cxm_import_result_get_rejected(res) == 1, "import: not rejected");
  CHECK_THAT(counts(res, 3, 2, 1, 0));
  CHECK(cxm_import_result_get_n_errors(res) == 1, "import: %u errors kept",
        cxm_import_result_get_n_errors(res));
  const char *msg = cxm_import_result_get_error_message(res, 0);
  const char *key = cxm_import_result_get_error_key(res, 0);
  CHECK(cxm_import_result_get_error_line(res, 0) == 2, "import: line %" G_GUINT64_FORMAT
        ", expected 2 (%s)", cxm_import_result_get_error_line(res, 0), msg);
  CHECK(cxm_import_result_get_error_code(res, 0) == e->error.code,
        "import: code %d, expected %d (%s)", cxm_import_result_get_error_code(res, 0),
        e->error.code, msg);
  CHECK(msg != NULL && glob_match(e->error.message, msg),
        "import: message \"%s\", expected \"%s\"", NONE(msg), e->error.message);
  CHECK(g_strcmp0(key, e->error.key) == 0, "import: key %s, expected %s", NONE(key),
        NONE(e->error.key));
  CHECK(cxm_import_result_get_error_source(res, 0) == NULL, "import: source %s",
        cxm_import_result_get_error_source(res, 0));
  CHECK(cxm_recorder_get_n(rec) == 2, "import: %" G_GUINT64_FORMAT " interactions recorded",
        cxm_recorder_get_n(rec));

  g_autoptr(CxmRecorder) good = cxm_recorder_new(NULL);
  CHECK_THAT(import_text(good, GOOD1 "\n" GOOD2 "\n", strlen(GOOD1 "\n" GOOD2 "\n"), NULL));
  g_autoptr(CxmText) a = report_all(rec);
  g_autoptr(CxmText) b = report_all(good);
  CHECK(strcmp(a, b) == 0, "import: the rejected line changed the aggregates");
  return NULL;
}

/* The line through cxm_recorder_record_json(): the same error, and nothing
 * recorded; or recorded as the import did (@imported). */
static char *
check_record_json(const char *line, gsize len, const Expect *e, const CxmRecorder *imported)
{
  g_autoptr(CxmRecorder) rec = cxm_recorder_new(NULL);
  g_autoptr(GError) err = NULL;
  g_autoptr(CxmText) id = NULL;
  gboolean ok = cxm_recorder_record_json(rec, line, (gssize) len, &id, &err);
  if (!e->accepted) {
    CHECK(!ok, "record_json: accepted");
    CHECK_THAT(check_error("record_json", err, &e->error));
    CHECK(id == NULL, "record_json: an id (%s) for a bad record", id);
    g_autoptr(CxmRecorder) empty = cxm_recorder_new(NULL);
    g_autoptr(CxmText) a = report_all(rec);
    g_autoptr(CxmText) b = report_all(empty);
    CHECK(strcmp(a, b) == 0, "record_json: the rejected record changed the aggregates");
    return NULL;
  }
  CHECK(ok, "record_json: %s", err ? err->message : "?");
  CHECK(id != NULL, "record_json: no id");
  /* GOOD1, the line and GOOD2 make the aggregates of the import */
  g_autoptr(CxmRecorder) three = cxm_recorder_new(NULL);
  CHECK_THAT(import_text(three, GOOD1 "\n", strlen(GOOD1 "\n"), NULL));
  CHECK(cxm_recorder_record_json(three, line, (gssize) len, NULL, NULL), "record_json failed");
  CHECK_THAT(import_text(three, GOOD2 "\n", strlen(GOOD2 "\n"), NULL));
  g_autoptr(CxmText) a = report_all(three);
  g_autoptr(CxmText) b = report_all(imported);
  CHECK(strcmp(a, b) == 0, "record_json and the import disagree on the aggregates");
  return NULL;
}

/* The line through cxm_interaction_new_from_json(): the same error; or an
 * interaction of the expected class, if one is given; a leadership event is
 * no interaction. */
static char *
check_interaction(const char *line, gsize len, const Expect *e)
{
  g_autoptr(GError) err = NULL;
  g_autoptr(CxmInteraction) it = cxm_interaction_new_from_json(line, (gssize) len, &err);
  if (!e->accepted) {
    CHECK(it == NULL, "new_from_json: accepted");
    return check_error("new_from_json", err, &e->error);
  }
  if (e->leadership) {
    CHECK(it == NULL, "new_from_json: accepted a leadership event");
    CHECK(err != NULL && err->domain == CXM_ERROR && err->code == CXM_ERROR_INVALID_ARGUMENT,
          "new_from_json: not an INVALID_ARGUMENT error: %s", err ? err->message : "none");
    return e->has_refusal ? check_error("new_from_json", err, &e->refusal) : NULL;
  }
  CHECK(it != NULL, "new_from_json: %s", err ? err->message : "?");
  return e->klass != NULL ? check_classified(NULL, it, e) : NULL;
}

static char *
run_record(const char *input, gsize size, const Expect *e)
{
  /* one line; its line end, if any, is no part of it */
  gsize len = size > 0 && input[size - 1] == '\n' ? size - 1 : size;
  CHECK(memchr(input, '\n', len) == NULL, "input is more than one line");
  g_autoptr(CxmRecorder) rec = cxm_recorder_new(NULL);
  CHECK_THAT(check_import(rec, input, len, e));
  CHECK_THAT(check_record_json(input, len, e, rec));
  return check_interaction(input, len, e);
}

/* ---- classification, documents ------------------------------------------------ */

static char *
run_classify(const char *input, gsize size, const char *policy_text, gsize policy_size,
             const Expect *e)
{
  g_autoptr(GError) err = NULL;
  g_autoptr(CxmPolicy) policy = NULL;
  if (policy_text != NULL) {
    policy = cxm_policy_new_from_data(policy_text, (gssize) policy_size, &err);
    CHECK(policy != NULL, "policy: %s", err ? err->message : "?");
  }
  gsize len = size > 0 && input[size - 1] == '\n' ? size - 1 : size;
  g_autoptr(CxmInteraction) it = cxm_interaction_new_from_json(input, (gssize) len, &err);
  CHECK(it != NULL, "new_from_json: %s", err ? err->message : "?");
  return check_classified(policy, it, e);
}

/* A document parser's outcome: @accepted and @err against @e. */
static char *
document_outcome(const char *what, gboolean accepted, const GError *err, const Expect *e)
{
  if (e->accepted) {
    CHECK(accepted, "%s: %s", what, err ? err->message : "refused without an error");
    CHECK(err == NULL, "%s: an error on success", what);
    return NULL;
  }
  CHECK(!accepted, "%s: accepted", what);
  return check_error(what, err, &e->error);
}

static char *
run_document(const char *kind, const char *input, gsize size, const Expect *e)
{
  g_autoptr(GError) err = NULL;
  if (strcmp(kind, "policy") == 0) {
    g_autoptr(CxmPolicy) p = cxm_policy_new_from_data(input, (gssize) size, &err);
    return document_outcome("policy_new_from_data", p != NULL, err, e);
  }
  if (strcmp(kind, "org") == 0) {
    g_autoptr(CxmOrg) o = cxm_org_new_from_data(input, (gssize) size, &err);
    return document_outcome("org_new_from_data", o != NULL, err, e);
  }
  g_autoptr(CxmRecorder) r = cxm_snapshot_load(input, (gssize) size, &err);
  return document_outcome("recorder_new_from_snapshot", r != NULL, err, e);
}

/* ---- the cases ------------------------------------------------------------------ */

/* The contents of @dir/@file, or NULL (and *@size 0) when there is none. */
static char *
read_optional(const char *dir, const char *file, gsize *size)
{
  g_autofree char *path = g_build_filename(dir, file, NULL);
  char *text = NULL;
  gsize length = 0;
  if (!g_file_get_contents(path, &text, &length, NULL))
    text = NULL;
  if (size != NULL)
    *size = length;
  return text;
}

/* Runs the case tests/cases/@name against its expect file, or against
 * @today (the outcome of a known bug) when not NULL. */
static char *
run_case(const char *name, const char *today)
{
  g_autofree char *root = cases_dir();
  g_autofree char *dir = g_build_filename(root, name, NULL);
  g_autofree char *kind = g_strndup(name, strcspn(name, "/"));
  gsize size = 0, policy_size = 0;
  g_autofree char *input = read_optional(dir, "input", &size);
  g_autofree char *expect_text = read_optional(dir, "expect", NULL);
  g_autofree char *policy = read_optional(dir, "policy", &policy_size);
  g_auto(Expect) e = { 0 };
  CHECK(input != NULL, "no input file");
  CHECK(expect_text != NULL, "no expect file");
  CHECK(policy == NULL || strcmp(kind, "classify") == 0, "a policy file is for classify cases");
  if (today != NULL) {
    /* the expect file still says what is right */
    g_auto(Expect) right = { 0 };
    CHECK_THAT(parse_expect(expect_text, strcmp(kind, "classify") == 0, &right));
    CHECK(strcmp(today, expect_text) != 0, "known says what expect says");
    g_free(expect_text);
    expect_text = g_strdup(today);
  }
  CHECK_THAT(parse_expect(expect_text, strcmp(kind, "classify") == 0, &e));
  if (strcmp(kind, "records") == 0)
    return run_record(input, size, &e);
  CHECK((!e.leadership && e.klass == NULL) || strcmp(kind, "classify") == 0,
        "\"accepted\" takes nothing after it here");
  if (strcmp(kind, "classify") == 0)
    return run_classify(input, size, policy, policy_size, &e);
  if (strcmp(kind, "policy") == 0 || strcmp(kind, "org") == 0 ||
      strcmp(kind, "snapshot") == 0)
    return run_document(kind, input, size, &e);
  return g_strdup_printf("unknown kind \"%s\" (tests/cases/README.md)", kind);
}

ParameterizedTestParameters(cases, run)
{
  return make_params(CASES, list_cases());
}

/* Runs the case tests/cases/@name: NULL when it passes. A known bug's
 * outcome today is checked instead of its expect file, and *@known set to
 * what the bug is. */
static char *
check_case(const char *name, char **known)
{
  g_autofree char *root = cases_dir();
  g_autofree char *dir = g_build_filename(root, name, NULL);
  g_autofree char *text = read_optional(dir, "known", NULL);
  if (text == NULL)
    return run_case(name, NULL);
  /* its first line says what is wrong, the rest what happens today */
  g_auto(GStrv) parts = g_strsplit(text, "\n", 2);
  CHECK(parts[0] != NULL && parts[1] != NULL, "known: no outcome after its first line");
  *known = g_strdup(parts[0]);
  g_autofree char *failure = run_case(name, parts[1]);
  CHECK(failure == NULL, "the outcome of a known bug (%s) changed: %s; if it is fixed, "
        "delete the file known", parts[0], failure);
  return NULL;
}

ParameterizedTest(Param *param, cases, run)
{
  char *known = NULL;
  char *failure = check_case(param->name, &known);
  char text[2048];
  gboolean failed = failure != NULL;
  if (!failed && known == NULL)
    return;
  /* Criterion leaves the test by a jump: nothing allocated may stay */
  g_strlcpy(text, failed ? failure : known, sizeof text);
  g_free(failure);
  g_free(known);
  if (failed)
    cr_assert_fail("tests/cases/%s: %s", param->name, text);
  cr_skip_test("known bug: %s", text);
}

/* Every kind has cases: a missing or misplaced folder fails here, not by
 * running nothing. */
Test(cases, every_kind_has_cases)
{
  static const char *const kinds[] = { "records", "classify", "policy", "org", "snapshot" };
  g_autoptr(GPtrArray) names = list_cases();
  for (gsize k = 0; k < G_N_ELEMENTS(kinds); k++) {
    guint n = 0;
    g_autofree char *prefix = g_strconcat(kinds[k], "/", NULL);
    for (guint i = 0; i < names->len; i++)
      n += g_str_has_prefix(names->pdata[i], prefix);
    cr_assert_geq(n, 10, "%u cases of %s under %s", n, kinds[k], cases_dir());
  }
}

/* ---- the outcome of the fuzz seeds --------------------------------------------- */

static char *
seed_outcome(const char *name)
{
  g_autofree char *root = corpus_dir();
  g_autofree char *path = g_build_filename(root, name, NULL);
  g_autofree char *target = g_strndup(name, strcspn(name, "/"));
  gboolean valid = g_str_has_prefix(name + strlen(target) + 1, "valid-");
  g_autofree char *data = NULL;
  gsize size = 0;
  g_autoptr(GError) err = NULL;
  CHECK(g_file_get_contents(path, &data, &size, &err), "%s", err->message);
  if (strcmp(target, "fuzz-record") == 0) {
    g_autoptr(CxmRecorder) rec = cxm_recorder_new(NULL);
    g_autoptr(CxmImportResult) res = cxm_import_result_new();
    CHECK_THAT(import_text(rec, data, size, res));
    guint64 rejected = cxm_import_result_get_rejected(res);
    if (valid) {
      CHECK(rejected == 0, "%" G_GUINT64_FORMAT " records rejected, the first on line %"
            G_GUINT64_FORMAT ": %s", rejected, cxm_import_result_get_error_line(res, 0),
            cxm_import_result_get_error_message(res, 0));
      CHECK(cxm_import_result_get_records(res) > 0, "no records");
    } else {
      CHECK(rejected > 0, "all %" G_GUINT64_FORMAT " records accepted",
            cxm_import_result_get_records(res));
    }
    return NULL;
  }
  gboolean accepted;
  if (strcmp(target, "fuzz-policy") == 0) {
    g_autoptr(CxmPolicy) p = cxm_policy_new_from_data(data, (gssize) size, &err);
    accepted = p != NULL;
  } else if (strcmp(target, "fuzz-org") == 0) {
    g_autoptr(CxmOrg) o = cxm_org_new_from_data(data, (gssize) size, &err);
    accepted = o != NULL;
  } else {
    g_autoptr(CxmRecorder) r = cxm_snapshot_load(data, (gssize) size, &err);
    accepted = r != NULL;
  }
  if (valid)
    CHECK(accepted, "refused: %s", err ? err->message : "?");
  else
    CHECK(!accepted, "accepted");
  CHECK(accepted == (err == NULL), "%s", accepted ? "an error on success" : "no error");
  CHECK(accepted || err->domain == CXM_ERROR, "an error of another domain");
  return NULL;
}

ParameterizedTestParameters(seeds, outcome)
{
  return make_params(SEEDS, list_seeds());
}

ParameterizedTest(Param *param, seeds, outcome)
{
  g_autofree char *failure = seed_outcome(param->name);
  cr_assert_null(failure, "tests/fuzz/corpus/%s: %s", param->name, failure);
}

Test(seeds, every_target_has_valid_and_invalid_seeds)
{
  g_autoptr(GPtrArray) names = list_seeds();
  for (gsize t = 0; t < G_N_ELEMENTS(targets); t++) {
    guint valid = 0, invalid = 0;
    g_autofree char *v = g_strconcat(targets[t], "/valid-", NULL);
    g_autofree char *i = g_strconcat(targets[t], "/invalid-", NULL);
    for (guint k = 0; k < names->len; k++) {
      valid += g_str_has_prefix(names->pdata[k], v);
      invalid += g_str_has_prefix(names->pdata[k], i);
    }
    cr_assert(valid > 0 && invalid > 0, "%s: %u valid and %u invalid seeds under %s",
              targets[t], valid, invalid, corpus_dir());
  }
}
