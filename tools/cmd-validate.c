/* SPDX-License-Identifier: MIT */
/* cxm validate: every bad record, with its line and reason. */
#include "cli.h"

static const char validate_description[] =
    "Prints every bad record on standard output as \"FILE: line N: message\"\n"
    "(<stdin> for '-'), then a summary on standard error: \"cxm: N of M\n"
    "records rejected\", \"cxm: all M records valid\" or \"cxm: no records\".\n"
    "The checks are those of 'cxm report': a bad record there is a bad record\n"
    "here. When standard error is a terminal, it shows the progress of the\n"
    "reading.\n"
    "\n"
    "Exit status:\n"
    "  0  every record is valid\n"
    "  1  some records are bad\n"
    "  2  usage error (unknown option, no FILE) or I/O error (unreadable\n"
    "     FILE, failed output); the bad records read before are listed\n";

/* "FILE: line N: message" for each bad record, as it is read. */
static gboolean
print_bad_record(const CxmImportRecord *record, gpointer data)
{
  if (record->error != NULL)
    printf("%s: line %" G_GUINT64_FORMAT ": %s\n", record->source, record->line,
           record->error->message);
  return TRUE;
}

int
cmd_validate(int argc, char **argv)
{
  gboolean help = FALSE;
  const GOptionEntry entries[] = { { "help", 'h', 0, G_OPTION_ARG_NONE, &help,
                                     "Show this help and exit", NULL },
                                   G_OPTION_ENTRY_NULL };
  g_autoptr(GOptionContext) context = cli_context_new(
      "FILE…",
      "Checks the records (JSON Lines) of each FILE, '-' for standard input,\n"
      "and lists every bad one.",
      validate_description, entries);
  int status = cli_parse(context, "validate", &help, &argc, &argv);
  if (status >= 0)
    return status;
  if (argc < 2)
    return cli_fail(
        "no input FILE (use - for standard input; see 'cxm validate --help')");

  /* A dry run: nothing is kept but the counts. */
  g_autoptr(CxmRecorder) checker = cxm_recorder_new(NULL);
  g_autoptr(CxmImportResult) result = cxm_import_result_new();
  cxm_import_result_set_max_errors(result, 0);
  cxm_import_result_set_record_func(result, print_bad_record, NULL);
  for (int i = 1; i < argc; i++) {
    GError *error = NULL;
    CliProgress progress;
    cli_progress_start(&progress, result);
    if (!cli_import_file(checker, argv[i], CXM_IMPORT_DRY_RUN, result, &progress,
                         &error)) {
      cli_finish_output(EXIT_USAGE);
      return cli_fail_error(error);
    }
  }
  guint64 records = cxm_import_result_get_records(result);
  guint64 rejected = cxm_import_result_get_rejected(result);
  status = cli_finish_output(rejected > 0 ? EXIT_REJECTED : EXIT_OK);
  if (status == EXIT_USAGE)
    return status;
  if (rejected > 0)
    fprintf(stderr, "cxm: %" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT " %s rejected\n",
            rejected, records, cli_plural(records, "record", "records"));
  else if (records == 0)
    fprintf(stderr, "cxm: no records\n");
  else
    fprintf(stderr, "cxm: all %" G_GUINT64_FORMAT " %s valid\n", records,
            cli_plural(records, "record", "records"));
  return status;
}
