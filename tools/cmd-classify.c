/* SPDX-License-Identifier: MIT */
/* cxm classify: each record's class and reason, one JSON line each. */
#include <json-c/json.h>
#include <string.h>

#include "cli.h"

static const char classify_description[] =
    "Output, one JSON object per line, for a record on line N:\n"
    "  {\"line\":N,\"id\":\"s01\",\"class\":\"momentum\",\"reason\":\"difficulty_overcome\"}\n"
    "      an interaction, with its class (momentum, neutral, disappointment)\n"
    "      and the reason of the rule that decided it (doc/record-format.md)\n"
    "  {\"line\":N,\"kind\":\"leadership\"}\n"
    "      a valid leadership event: nothing to classify\n"
    "  {\"line\":N,\"key\":\"csat\",\"error\":\"csat must be an integer 1..5, got 7\"}\n"
    "      a bad record: the key at fault (null when the record is not valid\n"
    "      JSON or not an object) and the reason, as 'cxm report' gives it\n"
    "With several FILEs each object starts with \"source\", the FILE (or\n"
    "<stdin>). With --org, interactions also carry the \"level\" and \"team\"\n"
    "a report with that org counts them under (level unassigned and team\n"
    "null when neither the record nor the org gives one). Line numbers count\n"
    "every line; blank lines are skipped.\n"
    "\n"
    "With filters (below), a valid record that does not pass prints nothing:\n"
    "the output has a line for each bad record and each record kept.\n"
    "\n"
    "Exit status:\n"
    "  0  every record is valid\n"
    "  1  some records were bad (each has its line in the output)\n"
    "  2  usage error (unknown option, no FILE) or I/O error (unreadable\n"
    "     FILE, bad policy or org file, failed output)\n";

typedef struct {
  char *policy;
  char *org;
  CliFilterOptions filter;
  gboolean help;
} ClassifyOptions;

static void
classify_options_clear(ClassifyOptions *options)
{
  g_free(options->policy);
  g_free(options->org);
  cli_filter_options_clear(&options->filter);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(ClassifyOptions, classify_options_clear)

typedef struct {
  gboolean with_source;
  gboolean with_groups; /* --org: the level and team too */
  guint64 bad;
} Classifier;

static void
add_string(json_object *obj, const char *key, const char *value)
{
  json_object_object_add(obj, key, value ? json_object_new_string(value) : NULL);
}

/* One output line for one record. */
static gboolean
classify_record(const CxmImportRecord *record, gpointer data)
{
  Classifier *classifier = data;
  json_object *obj = json_object_new_object();

  if (classifier->with_source) {
    /* A file name need not be UTF-8. */
    g_autofree char *source = g_utf8_make_valid(record->source, -1);
    add_string(obj, "source", source);
  }
  json_object_object_add(obj, "line", json_object_new_uint64(record->line));
  if (record->error != NULL) {
    add_string(obj, "key", cxm_error_get_key(record->error));
    add_string(obj, "error", record->error->message);
    classifier->bad++;
  } else if (record->leadership) {
    /* A valid leadership event: not an interaction, nothing to classify. */
    add_string(obj, "kind", "leadership");
  } else {
    add_string(obj, "id", record->id);
    add_string(obj, "class", cxm_class_name(record->klass));
    add_string(obj, "reason", cxm_reason_name(record->reason));
    if (classifier->with_groups) {
      add_string(obj, "level", cxm_level_name(record->level));
      add_string(obj, "team", record->team);
    }
  }
  fputs(json_object_to_json_string_ext(obj, JSON_C_TO_STRING_PLAIN |
                                                JSON_C_TO_STRING_NOSLASHESCAPE),
        stdout);
  fputc('\n', stdout);
  json_object_put(obj);
  return TRUE;
}

int
cmd_classify(int argc, char **argv)
{
  g_auto(ClassifyOptions) options = { 0 };
  const GOptionEntry own[] = {
    { "policy", 'p', 0, G_OPTION_ARG_FILENAME, &options.policy,
      "Classify under the policy in FILE (JSON)", "FILE" },
    { "org", 0, 0, G_OPTION_ARG_FILENAME, &options.org,
      "Add level and team, as the org in FILE gives them", "FILE" },
    { "help", 'h', 0, G_OPTION_ARG_NONE, &options.help, "Show this help and exit", NULL },
  };
  GOptionEntry entries[G_N_ELEMENTS(own) + CLI_FILTER_ENTRIES + 1] = { { 0 } };
  memcpy(entries, own, sizeof own);
  cli_filter_entries(entries + G_N_ELEMENTS(own), &options.filter);
  g_autofree char *description =
      g_strconcat(classify_description, "\n", cli_filter_help, NULL);
  g_autoptr(GOptionContext) context = cli_context_new(
      "FILE…",
      "Reads records (JSON Lines) from each FILE, '-' for standard input, and\n"
      "prints for each one its class and reason, or why it is bad.",
      description, entries);
  int status = cli_parse(context, "classify", &options.help, &argc, &argv);
  if (status >= 0)
    return status;
  if (argc < 2)
    return cli_fail(
        "no input FILE (use - for standard input; see 'cxm classify --help')");

  /* A dry run: the recorder only classifies, and groups through the org. */
  g_autoptr(CxmRecorder) classifier_recorder =
      cli_recorder_load(options.policy, options.org, NULL);
  if (classifier_recorder == NULL)
    return EXIT_USAGE;
  GError *error = NULL;
  g_autoptr(CxmImportResult) result = cxm_import_result_new();
  Classifier classifier = { argc > 2, options.org != NULL, 0 };
  cxm_import_result_set_max_errors(result, 0);
  cxm_import_result_set_record_func(result, classify_record, &classifier);
  if (!cli_filter_apply(&options.filter, result))
    return EXIT_USAGE;
  for (int i = 1; i < argc; i++) {
    CliProgress progress = { 0 };
    if (!cli_import_file(classifier_recorder, argv[i], CXM_IMPORT_DRY_RUN, result,
                         &progress, &error)) {
      cli_finish_output(EXIT_USAGE);
      return cli_fail_error(error);
    }
  }
  return cli_finish_output(classifier.bad > 0 ? EXIT_REJECTED : EXIT_OK);
}
