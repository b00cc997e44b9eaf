/* SPDX-License-Identifier: MIT */
/* cxm snapshot: the aggregates of FILEs, journals and snapshots, written
 * to a snapshot that report --snapshot reads. */
#include <string.h>

#include "cli.h"

static const char snapshot_description_head[] =
    "A snapshot is JSON Lines (format 2): a header with the policy and its\n"
    "fingerprint, then a line per group: each UTC day's sums and leadership\n"
    "events per level, channel and team, the all-time sums per employee and\n"
    "leadership events per actor and subject, and a last line that counts\n"
    "them. It is written and read a line at a time. It holds no\n"
    "records, so it is small, and 'cxm report --snapshot SNAP' gives from it\n"
    "every report (all formats and groups; scopes with --org) that the\n"
    "records would give. Snapshots of disjoint records add up exactly: build\n"
    "one per day, machine or region and report on all of them at once.\n"
    "\n"
    "SNAP is written atomically: to a new file beside it (unnamed where the\n"
    "file system allows, so a crash leaves nothing behind), synced to the\n"
    "disk, then put in SNAP's place, so a crash leaves the old SNAP or the\n"
    "new one, never a part. '-o -' writes to standard output.\n"
    "\n";

static const char snapshot_description_tail[] =
    "\n"
    "A bad record is rejected and the rest still count: the first 10\n"
    "rejections are listed on standard error as \"FILE: line N: message\". With\n"
    "--strict the first bad record stops the command: \"cxm: FILE: line N:\n"
    "message\", and no snapshot is written.\n"
    "\n"
    "Exit status:\n"
    "  0  success\n"
    "  1  some records were rejected (the snapshot is still written),\n"
    "     or --strict stopped at a bad record (no snapshot)\n"
    "  2  usage error (unknown option, no input, no -o, a bad --max-groups)\n"
    "     or I/O error (unreadable FILE or journal, bad policy, org file or\n"
    "     snapshot, a snapshot under another policy, a journal or snapshot\n"
    "     beyond --max-groups, SNAP not written)\n";

typedef struct {
  CliSources sources;
  char *output;
  gboolean help;
} SnapshotOptions;

static void
snapshot_options_clear(SnapshotOptions *options)
{
  cli_sources_clear(&options->sources);
  g_free(options->output);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(SnapshotOptions, snapshot_options_clear)

int
cmd_snapshot(int argc, char **argv)
{
  g_auto(SnapshotOptions) options = { 0 };
  GOptionEntry entries[CLI_SOURCE_ENTRIES + 3] = { { 0 } };
  cli_source_entries(entries, &options.sources,
                     "Stop at the first bad record, with no snapshot");
  const GOptionEntry own[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &options.output,
      "Write the snapshot to SNAP ('-': standard output)", "SNAP" },
    { "help", 'h', 0, G_OPTION_ARG_NONE, &options.help, "Show this help and exit", NULL },
    G_OPTION_ENTRY_NULL
  };
  memcpy(entries + CLI_SOURCE_ENTRIES, own, sizeof own);
  g_autofree char *description = g_strconcat(snapshot_description_head, cli_sources_help,
                                             snapshot_description_tail, NULL);
  g_autoptr(GOptionContext) context = cli_context_new(
      "[FILE…] -o SNAP",
      "Reads records (JSON Lines) from each FILE, '-' for standard input, and\n"
      "from journals and snapshots, and writes their aggregates to the\n"
      "snapshot SNAP.",
      description, entries);
  int status = cli_parse(context, "snapshot", &options.help, &argc, &argv);
  if (status >= 0)
    return status;
  if (options.output == NULL)
    return cli_fail("no output: give -o SNAP, or -o - for standard output "
                    "(see 'cxm snapshot --help')");
  if (argc < 2 && options.sources.journals == NULL && options.sources.snapshots == NULL)
    return cli_fail("no input FILE, --journal or --snapshot (use - for standard input; "
                    "see 'cxm snapshot --help')");

  if (options.sources.snapshots != NULL && cli_filter_given(&options.sources.filter))
    return cli_fail("filters cannot be combined with --snapshot here: a snapshot's days "
                    "hold no employees, and a snapshot written from them would miss "
                    "the employees of its records");
  g_auto(CliLoaded) loaded = { 0 };
  status = cli_load_sources(&options.sources, argv + 1, argc - 1, &loaded);
  if (status >= 0)
    return status;

  GError *error = NULL;
  if (strcmp(options.output, STDIN_NAME) == 0) {
    g_auto(CliOutput) out = { 0 };
    cli_output_open(&out, NULL);
    if (!cxm_snapshot_write(loaded.recorder, cli_output_write, &out, &error))
      return cli_fail_error(error);
    if (cli_output_finish(&out, EXIT_OK) != EXIT_OK)
      return EXIT_USAGE;
  } else if (!cxm_snapshot_save_file(loaded.recorder, options.output, &error)) {
    cli_fail("%s: not written: %s", options.output, error->message);
    g_error_free(error);
    return EXIT_USAGE;
  }
  cli_print_rejections(loaded.result);
  return cxm_import_result_get_rejected(loaded.result) > 0 ? EXIT_REJECTED : EXIT_OK;
}
