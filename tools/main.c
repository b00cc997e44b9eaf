/* SPDX-License-Identifier: MIT */
/* cxm: the command-line tool. One table of commands drives both the
 * dispatch and `cxm --help`; each command is tools/cmd-NAME.c.
 *
 * Reads interaction records (JSON Lines, SPEC section 2) and prints the
 * report of SPEC section 8 (as JSON, as a table for people or as CSV), the
 * class of each record, or the list of bad records; appends records read
 * from standard input to a durable journal, acknowledging each; writes and
 * merges snapshots of the aggregates. */
#include <string.h>

#include "cli.h"

static const CliCommand commands[] = {
  { "report", cmd_report,
    "Read interaction records (JSON Lines), journals and snapshots and print a "
    "report (JSON, table or CSV): totals, levels, teams, periods, scopes" },
  { "record", cmd_record,
    "Append records from standard input to a durable journal, acknowledging each "
    "one (ok, duplicate or rejected)" },
  { "snapshot", cmd_snapshot,
    "Write the aggregates of records, journals and snapshots to a snapshot, which "
    "'report --snapshot' reads and merges" },
  { "classify", cmd_classify,
    "Print each record's class and reason, one JSON line each" },
  { "validate", cmd_validate, "Check records and list every bad one" },
};

static const char exit_status_help[] =
    "Exit status:\n"
    "  0  success\n"
    "  1  some records were rejected (see each command's --help)\n"
    "  2  usage error (unknown command, option or value; no input)\n"
    "     or I/O error (unreadable file, failed output, a journal that\n"
    "     another writer holds, a bad snapshot)\n";

/* Width of a summary in the command list, so that lines fit in 80. */
#define SUMMARY_WIDTH 62

/* "Commands:" and each command's summary, wrapped under it. */
static char *
commands_help(void)
{
  GString *out = g_string_new("Commands:\n");
  for (gsize i = 0; i < G_N_ELEMENTS(commands); i++) {
    g_auto(GStrv) words = g_strsplit(commands[i].summary, " ", -1);
    gsize column = 0;
    g_string_append_printf(out, "  %-9s ", commands[i].name);
    for (char **word = words; *word != NULL; word++) {
      gsize len = strlen(*word);
      if (column > 0 && column + 1 + len > SUMMARY_WIDTH) {
        g_string_append(out, "\n            ");
        column = 0;
      } else if (column > 0) {
        g_string_append_c(out, ' ');
        column++;
      }
      g_string_append(out, *word);
      column += len;
    }
    g_string_append_c(out, '\n');
  }
  return g_string_free(out, FALSE);
}

int
main(int argc, char **argv)
{
  /* Fixed, so that messages and help do not depend on how cxm was started
   * (libtool runs it as lt-cxm in the build tree). */
  g_set_prgname("cxm");

  gboolean version = FALSE;
  gboolean help = FALSE;
  const GOptionEntry entries[] = { { "version", 'V', 0, G_OPTION_ARG_NONE, &version,
                                     "Print the version and exit", NULL },
                                   { "help", 'h', 0, G_OPTION_ARG_NONE, &help,
                                     "Show this help and exit", NULL },
                                   G_OPTION_ENTRY_NULL };
  g_autofree char *list = commands_help();
  g_autofree char *description =
      g_strconcat(list, "\nRun 'cxm COMMAND --help' for the options of a command.\n\n",
                  exit_status_help, NULL);
  g_autoptr(GOptionContext) context = cli_context_new(
      "COMMAND [ARG…]",
      "Customer-experience metrics: Momentums and Moments of Disappointment,\n"
      "recovery of difficult moments, NPS and CSAT, from interaction records.",
      description, entries);
  /* Strict POSIX parsing stops at the command, leaving its options to it. */
  g_option_context_set_strict_posix(context, TRUE);

  GError *error = NULL;
  if (!g_option_context_parse(context, &argc, &argv, &error)) {
    cli_fail("%s (see 'cxm --help')", error->message);
    g_error_free(error);
    return EXIT_USAGE;
  }
  if (help) {
    g_autofree char *text = g_option_context_get_help(context, TRUE, NULL);
    fputs(text, stdout);
    return cli_finish_output(EXIT_OK);
  }
  if (version) {
    printf("cxm %s\n", cxm_version_string());
    return cli_finish_output(EXIT_OK);
  }
  if (argc < 2)
    return cli_fail("no command (see 'cxm --help')");
  for (gsize i = 0; i < G_N_ELEMENTS(commands); i++)
    if (strcmp(argv[1], commands[i].name) == 0)
      return commands[i].run(argc - 1, argv + 1);
  return cli_fail("unknown command \"%s\" (see 'cxm --help')", argv[1]);
}
