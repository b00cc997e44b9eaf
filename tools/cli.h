/* SPDX-License-Identifier: MIT */
/* What the commands of the cxm tool share: exit statuses, messages,
 * option parsing, the output, progress on a terminal, and the sources
 * (FILEs, journals, snapshots) that report and snapshot read. The tool
 * uses the public API only, so it doubles as an example of it. */
#ifndef CXM_CLI_H
#define CXM_CLI_H

#include <stdio.h>
#include <cxm/cxm.h>

/* Exit statuses, documented in --help. */
enum {
  EXIT_OK = 0,
  EXIT_REJECTED = 1, /* records rejected, or --strict stopped at one */
  EXIT_USAGE = 2     /* usage or I/O error */
};

#define STDIN_NAME "-"
#define STDIN_SOURCE "<stdin>"

/* One command: `cxm NAME ARGS...`. The table in main.c drives both the
 * dispatch and `cxm --help`. */
typedef struct {
  const char *name;
  int (*run)(int argc, char **argv); /* argv[0] is the command's name */
  const char *summary;               /* for `cxm --help`, wrapped */
} CliCommand;

int cmd_report(int argc, char **argv);
int cmd_record(int argc, char **argv);
int cmd_snapshot(int argc, char **argv);
int cmd_classify(int argc, char **argv);
int cmd_validate(int argc, char **argv);

/* ---- messages and options (cli.c) ------------------------------------ */

/* Prints "cxm: MESSAGE" on standard error and returns EXIT_USAGE. */
int cli_fail(const char *format, ...) G_GNUC_PRINTF(1, 2);
/* cli_fail() with a GError's message, which it frees. */
int cli_fail_error(GError *error);
/* Flushes standard output: @status, or EXIT_USAGE with a message when
 * writing failed. */
int cli_finish_output(int status);
/* The name errors and outputs give an input FILE argument. */
const char *cli_source_name(const char *file);
/* The output of a command: standard output, or a FILE written whole or
 * not at all (a temporary file beside it, synced, then renamed over it), so
 * that a reader sees the old report or the new one, never a part. */
typedef struct {
  FILE *stream;
  char *path; /* NULL: standard output */
  char *temporary;
} CliOutput;

/* Opens @path ("-" or NULL: standard output); FALSE after a message. */
gboolean cli_output_open(CliOutput *output, const char *path);
/* A CxmWriteFunc onto a CliOutput. */
gboolean cli_output_write(const char *data, gsize length, gpointer output,
                          GError **error);
/* Completes the output: @status, or EXIT_USAGE with a message when it could
 * not be written (the FILE is then left as it was). */
int cli_output_finish(CliOutput *output, int status);
/* Gives the output up, the FILE left as it was; safe after finish. */
void cli_output_clear(CliOutput *output);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(CliOutput, cli_output_clear)

/* "1 record", "2 records". */
const char *cli_plural(guint64 n, const char *one, const char *many);

/* A new option context for `cxm COMMAND`, with our own --help (GOption's
 * exits from inside the parser). */
GOptionContext *cli_context_new(const char *parameters, const char *summary,
                                const char *description, const GOptionEntry *entries);
/* Parses a command's options; on --help prints the help. Returns -1 to go
 * on, else the exit status. */
int cli_parse(GOptionContext *context, const char *command, gboolean *help, int *argc,
              char ***argv);

/* --max-groups: a count, 0 for no bound. FALSE after a message. */
gboolean cli_parse_max_groups(const char *text, guint64 *value);
/* A new recorder under @policy with @org (nullable) and, when @max_groups
 * is given, its group bound. */
CxmRecorder *cli_recorder_new(const CxmPolicy *policy, CxmOrg *org,
                              const char *max_groups_text, guint64 max_groups);
/* A new recorder under the policy in @policy_path (NULL: the defaults)
 * with the org in @org_path (nullable) and the --max-groups bound
 * @max_groups_text (nullable); NULL after a message. */
CxmRecorder *cli_recorder_load(const char *policy_path, const char *org_path,
                               const char *max_groups_text);

/* ---- progress on a terminal (progress.c) ------------------------------ */

typedef struct {
  gint64 start; /* monotonic time the command started reading */
  gint64 drawn; /* of the last redraw */
  gboolean shown;
} CliProgress;

/* Shows the progress of the imports into @result when standard error is a
 * terminal, and only then: pipes and files never see it. */
void cli_progress_start(CliProgress *progress, CxmImportResult *result);
/* Erases the progress line, if any, once an import has ended. */
void cli_progress_clear(CliProgress *progress);

/* Imports @file ('-': standard input) with @flags into @result. */
gboolean cli_import_file(CxmRecorder *recorder, const char *file, unsigned int flags,
                         CxmImportResult *result, CliProgress *progress, GError **error);

/* ---- sources: FILEs, journals and snapshots (sources.c) --------------- */

/* The filter options of report, snapshot and classify, as given. */
typedef struct {
  char *since, *until, *period;
  char **teams, **channels, **levels, **employees; /* repeatable */
} CliFilterOptions;

void cli_filter_options_clear(CliFilterOptions *options);
#define CLI_FILTER_ENTRIES 7
void cli_filter_entries(GOptionEntry entries[CLI_FILTER_ENTRIES],
                        CliFilterOptions *options);
/* The filter of @options into @filter, NULL when no option was given.
 * FALSE after a message on a bad value. */
gboolean cli_filter_build(const CliFilterOptions *options, CxmFilter **filter);
/* Sets @result's filter from @options (none when no option was given).
 * FALSE after a message on a bad value. */
gboolean cli_filter_apply(const CliFilterOptions *options, CxmImportResult *result);
/* Whether any filter option was given. */
gboolean cli_filter_given(const CliFilterOptions *options);
/* The help on the filter options. */
extern const char cli_filter_help[];

/* What report and snapshot read besides their FILE arguments. */
typedef struct {
  char *policy;
  char *org;
  char *max_groups; /* --max-groups, as given */
  char **journals;  /* --journal, repeatable */
  char **snapshots; /* --snapshot, repeatable */
  char *threads;    /* --threads, as given */
  char **time_zones; /* --timezone, [TEAM=]ZONE, repeatable */
  gboolean strict;
  CliFilterOptions filter;
} CliSources;

void cli_sources_clear(CliSources *sources);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(CliSources, cli_sources_clear)

/* The options that fill @sources, with @strict's description. (--org has
 * no short form: -o is the output of every command that writes a file.) */
#define CLI_SOURCE_ENTRIES (8 + CLI_FILTER_ENTRIES)
void cli_source_entries(GOptionEntry entries[CLI_SOURCE_ENTRIES], CliSources *sources,
                        const char *strict);
/* The help on --journal, --snapshot, --max-groups and the filters. */
extern const char cli_sources_help[];

/* What the sources added up to. */
typedef struct {
  CxmRecorder *recorder;
  CxmImportResult *result; /* FILEs and journals */
} CliLoaded;

void cli_loaded_clear(CliLoaded *loaded);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(CliLoaded, cli_loaded_clear)

/* Reads the snapshots, then the journals, then the FILEs into one recorder:
 * its policy is --policy's, else the first snapshot's, else the defaults.
 * Returns -1 when all went well, with rejections or not, else the exit
 * status, after a message. */
int cli_load_sources(const CliSources *sources, char **files, int n_files,
                     CliLoaded *loaded);

/* "FILE: line N: message" on standard error for the first of the
 * @rejected rejections kept in @result, then how many more there were. */
void cli_print_error_lines(const CxmImportResult *result, guint64 rejected);
/* A summary of @result's rejections and the first of them. */
void cli_print_rejections(const CxmImportResult *result);

#endif
