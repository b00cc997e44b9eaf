/* SPDX-License-Identifier: MIT */
/* The sources that report and snapshot read into one recorder: FILEs,
 * journals (read only) and snapshots. */
#include <errno.h>
#include <string.h>

#include "cli.h"

/* Rejections listed on standard error, at most. */
#define MAX_SHOWN_REJECTIONS 10

#define CLI_FILTER_HELP                                                        \
  "Filters keep only some records of the FILEs and journals: --since TIME\n"   \
  "(inclusive) and --until TIME (exclusive), each a date (2026-03-02: that\n"  \
  "day in the time zone the record's days are counted in, see --timezone)\n"   \
  "or an RFC 3339 instant (2026-03-02T09:30:00+01:00); --period NAME, a day\n" \
  "(2026-03-02), ISO week (2026-W10) or month (2026-03), the same as\n"        \
  "--since and --until of its bounds; --team, --channel, --level and\n"        \
  "--employee, each repeatable: a record passes when it matches any value\n"   \
  "given for a key, and every key given. Team and level are those the\n"       \
  "record counts under (its own, else its employee's in --org); a\n"           \
  "leadership event's employee is its actor, and it has no channel. Bad\n"     \
  "records are rejected whether they would pass or not; valid records that\n"  \
  "do not pass are counted as \"filtered\" in the report's input, never as\n"  \
  "rejected. A snapshot holds sums per day, not records: of a --snapshot\n"    \
  "only --since, --until (dates) and --period apply, keeping its days\n"       \
  "within them; its other days count as filtered. Those days hold no\n"        \
  "employees, so 'cxm report' refuses --group employees and scopes with\n"     \
  "them, and 'cxm snapshot' does not take filters with --snapshot.\n"

const char cli_filter_help[] = CLI_FILTER_HELP;

void
cli_filter_options_clear(CliFilterOptions *options)
{
  g_free(options->since);
  g_free(options->until);
  g_free(options->period);
  g_strfreev(options->teams);
  g_strfreev(options->channels);
  g_strfreev(options->levels);
  g_strfreev(options->employees);
}

void
cli_filter_entries(GOptionEntry entries[CLI_FILTER_ENTRIES], CliFilterOptions *options)
{
  const GOptionEntry list[] = {
    { "since", 0, 0, G_OPTION_ARG_STRING, &options->since,
      "Keep records at or after TIME (a date or RFC 3339)", "TIME" },
    { "until", 0, 0, G_OPTION_ARG_STRING, &options->until,
      "Keep records before TIME (a date or RFC 3339)", "TIME" },
    { "period", 0, 0, G_OPTION_ARG_STRING, &options->period,
      "Keep records of the day, week or month NAME", "NAME" },
    { "team", 0, 0, G_OPTION_ARG_STRING_ARRAY, &options->teams,
      "Keep records of team TEAM (repeatable)", "TEAM" },
    { "channel", 0, 0, G_OPTION_ARG_STRING_ARRAY, &options->channels,
      "Keep interactions on CHANNEL (repeatable)", "CHANNEL" },
    { "level", 0, 0, G_OPTION_ARG_STRING_ARRAY, &options->levels,
      "Keep records at LEVEL (repeatable)", "LEVEL" },
    { "employee", 0, 0, G_OPTION_ARG_STRING_ARRAY, &options->employees,
      "Keep records of employee ID (repeatable)", "ID" },
  };
  memcpy(entries, list, sizeof list);
}

gboolean
cli_filter_given(const CliFilterOptions *o)
{
  return o->since || o->until || o->period || o->teams || o->channels || o->levels ||
         o->employees;
}

/* Adds each of @values for @key; FALSE after a message. */
static gboolean
add_values(CxmFilter *filter, CxmFilterKey key, const char *option, char **values)
{
  GError *error = NULL;
  for (char **v = values; v != NULL && *v != NULL; v++)
    if (!cxm_filter_add(filter, key, *v, &error)) {
      cli_fail("--%s: %s", option, error->message);
      g_error_free(error);
      return FALSE;
    }
  return TRUE;
}

/* Sets since or until from @text; FALSE after a message. */
static gboolean
set_time(CxmFilter *filter, const char *option, const char *text,
         gboolean (*set)(CxmFilter *, const char *, GError **))
{
  GError *error = NULL;
  if (text == NULL || set(filter, text, &error))
    return TRUE;
  cli_fail("--%s: %s", option, error->message);
  g_error_free(error);
  return FALSE;
}

gboolean
cli_filter_build(const CliFilterOptions *o, CxmFilter **filter)
{
  GError *error = NULL;

  *filter = NULL;
  if (!cli_filter_given(o))
    return TRUE;
  if (o->period != NULL && (o->since != NULL || o->until != NULL)) {
    cli_fail("--period sets both bounds: it cannot be combined with --since or --until");
    return FALSE;
  }
  g_autoptr(CxmFilter) built = cxm_filter_new();
  if (o->period != NULL && !cxm_filter_set_period(built, o->period, &error)) {
    cli_fail("--period: %s", error->message);
    g_error_free(error);
    return FALSE;
  }
  if (!set_time(built, "since", o->since, cxm_filter_set_since_text) ||
      !set_time(built, "until", o->until, cxm_filter_set_until_text) ||
      !add_values(built, CXM_FILTER_TEAM, "team", o->teams) ||
      !add_values(built, CXM_FILTER_CHANNEL, "channel", o->channels) ||
      !add_values(built, CXM_FILTER_LEVEL, "level", o->levels) ||
      !add_values(built, CXM_FILTER_EMPLOYEE, "employee", o->employees))
    return FALSE;
  *filter = g_steal_pointer(&built);
  return TRUE;
}

gboolean
cli_filter_apply(const CliFilterOptions *o, CxmImportResult *result)
{
  g_autoptr(CxmFilter) filter = NULL;

  if (!cli_filter_build(o, &filter))
    return FALSE;
  if (filter != NULL)
    cxm_import_result_set_filter(result, filter);
  return TRUE;
}

const char cli_sources_help[] =
    "Besides the FILEs, --journal FILE reads a journal that 'cxm record'\n"
    "writes (JSON Lines too) without locking it, so a running writer goes on\n"
    "undisturbed; a torn last line (a record being written, or cut short by a\n"
    "crash) is skipped, with a note on standard error. --snapshot SNAP adds\n"
    "the aggregates of a snapshot that 'cxm snapshot' wrote: several\n"
    "snapshots, journals and FILEs add up exactly. Without --policy the\n"
    "first snapshot's policy applies to everything; a snapshot built under\n"
    "another policy (its fingerprint differs) is an error naming both. With\n"
    "--org, scopes come from the snapshots' employees, and the levels and\n"
    "teams a snapshot's records took when it was written stay as they were.\n"
    "The input counts (records, accepted) include each snapshot's accepted\n"
    "records; a snapshot keeps no rejections. '-' reads a FILE or a SNAP from\n"
    "standard input, once.\n"
    "\n"
    "--max-groups N bounds the sets of sums kept, about 1 KiB each, so that\n"
    "hostile input cannot exhaust memory: each team, employee and team within\n"
    "a day counts one, each day 11 (its levels and channels). A\n"
    "record that would go beyond is rejected with\n"
    "\"KEY would make a new group beyond the recorder's limit of N groups\";\n"
    "a journal or snapshot that would, as a whole, is an error (exit 2).\n"
    "\n"
    "--threads N reads the FILEs on N threads, one per CPU by default: the\n"
    "report is the same whatever the number.\n"
    "\n"
    "--timezone ZONE counts days, weeks and months in ZONE rather than UTC:\n"
    "a tz database name (America/New_York), UTC or an offset (+05:30);\n"
    "--timezone TEAM=ZONE counts team TEAM's records in ZONE. They set the\n"
    "policy's time_zone and team_time_zones (and so its fingerprint); a\n"
    "snapshot keeps them, and sums counted in another zone cannot merge.\n"
    "\n" CLI_FILTER_HELP;

void
cli_sources_clear(CliSources *options)
{
  g_free(options->policy);
  g_free(options->org);
  g_free(options->max_groups);
  g_strfreev(options->journals);
  g_strfreev(options->snapshots);
  g_free(options->threads);
  g_strfreev(options->time_zones);
  cli_filter_options_clear(&options->filter);
}

void
cli_loaded_clear(CliLoaded *loaded)
{
  g_clear_pointer(&loaded->recorder, cxm_recorder_free);
  g_clear_pointer(&loaded->result, cxm_import_result_free);
}

void
cli_source_entries(GOptionEntry entries[CLI_SOURCE_ENTRIES], CliSources *options,
                   const char *strict)
{
  const GOptionEntry list[] = {
    { "policy", 'p', 0, G_OPTION_ARG_FILENAME, &options->policy,
      "Classify under the policy in FILE (JSON)", "FILE" },
    { "org", 0, 0, G_OPTION_ARG_FILENAME, &options->org,
      "Read the org (who reports to whom) from FILE", "FILE" },
    { "journal", 'j', 0, G_OPTION_ARG_FILENAME_ARRAY, &options->journals,
      "Also read the journal FILE (repeatable)", "FILE" },
    { "snapshot", 'S', 0, G_OPTION_ARG_FILENAME_ARRAY, &options->snapshots,
      "Also add the snapshot SNAP (repeatable)", "SNAP" },
    { "max-groups", 0, 0, G_OPTION_ARG_STRING, &options->max_groups,
      "Keep at most N groups (0: no bound; default 4000000)", "N" },
    { "threads", 't', 0, G_OPTION_ARG_STRING, &options->threads,
      "Read FILEs on N threads (default: one per CPU)", "N" },
    { "timezone", 0, 0, G_OPTION_ARG_STRING_ARRAY, &options->time_zones,
      "Count days in ZONE (TEAM=ZONE: for TEAM; repeatable)", "ZONE" },
    { "strict", 's', 0, G_OPTION_ARG_NONE, &options->strict, strict, NULL },
  };
  memcpy(entries, list, sizeof list);
  cli_filter_entries(entries + G_N_ELEMENTS(list), &options->filter);
}

/* Sets the zones of --timezone on @policy, chosen by *@chosen_by, which
 * then names them too; FALSE after a message. */
static gboolean
set_time_zones(CxmPolicy *policy, char **zones, char **chosen_by)
{
  GError *error = NULL;
  if (zones == NULL)
    return TRUE;
  char *by = *chosen_by ? g_strconcat(*chosen_by, " with --timezone", NULL)
                        : g_strdup("--timezone");
  g_free(*chosen_by);
  *chosen_by = by;
  for (char **z = zones; z != NULL && *z != NULL; z++) {
    /* TEAM=ZONE at the last "=": no zone has one, a team may. */
    g_autofree char *team = NULL;
    const char *zone = *z, *equals = strrchr(*z, '=');
    if (equals != NULL) {
      team = g_strndup(*z, (gsize) (equals - *z));
      zone = equals + 1;
    }
    if (!cxm_policy_set_time_zone(policy, team, zone, &error)) {
      cli_fail("--timezone: %s", error->message);
      g_error_free(error);
      return FALSE;
    }
  }
  return TRUE;
}

/* "policy "NAME" (fingerprint F)" */
static char *
describe_policy(const CxmPolicy *policy)
{
  return g_strdup_printf("policy \"%s\" (fingerprint %s)", cxm_policy_get_name(policy),
                         cxm_policy_get_fingerprint(policy));
}

/* What a recorder holds: its interactions and leadership events. */
static guint64
records_of(const CxmRecorder *recorder)
{
  return cxm_recorder_get_n(recorder) +
         cxm_recorder_get_leadership_count(recorder, CXM_UNSET);
}

int
cli_load_sources(const CliSources *options, char **files, int n_files, CliLoaded *loaded)
{
  GError *error = NULL;
  guint64 max_groups = 0;
  if (options->max_groups != NULL &&
      !cli_parse_max_groups(options->max_groups, &max_groups))
    return EXIT_USAGE;
  guint64 threads = 0;
  if (options->threads != NULL &&
      !g_ascii_string_to_unsigned(options->threads, 10, 1, 1024, &threads, NULL))
    return cli_fail("--threads needs a number of threads from 1 to 1024, got \"%s\"",
                    options->threads);

  /* Standard input can only be read once. */
  guint stdin_uses = 0;
  for (int i = 0; i < n_files; i++)
    stdin_uses += strcmp(files[i], STDIN_NAME) == 0;
  for (char **s = options->snapshots; s != NULL && *s != NULL; s++)
    stdin_uses += strcmp(*s, STDIN_NAME) == 0;
  if (stdin_uses > 1)
    return cli_fail("standard input (-) can only be read once");

  g_autoptr(CxmPolicy) policy = NULL;
  g_autofree char *chosen_by = NULL; /* where the policy came from */
  if (options->policy != NULL &&
      (policy = cxm_policy_new_from_file(options->policy, &error)) == NULL)
    return cli_fail_error(error);
  if (policy != NULL)
    chosen_by = g_strconcat("--policy ", options->policy, NULL);
  if (policy != NULL && !set_time_zones(policy, options->time_zones, &chosen_by))
    return EXIT_USAGE;
  g_autoptr(CxmOrg) org = NULL;
  if (options->org != NULL && (org = cxm_org_new_from_file(options->org, &error)) == NULL)
    return cli_fail_error(error);

  g_autoptr(CxmFilter) filter = NULL;
  if (!cli_filter_build(&options->filter, &filter))
    return EXIT_USAGE;
  if (filter != NULL && options->snapshots != NULL) {
    /* Whether sums can be filtered so, before any snapshot is read. */
    g_autoptr(CxmRecorder) empty = cxm_recorder_new(NULL);
    g_autoptr(CxmRecorder) days = cxm_recorder_new_filtered(empty, filter, &error);
    if (days == NULL) {
      cli_fail("--snapshot: %s", error->message);
      g_error_free(error);
      return EXIT_USAGE;
    }
  }
  loaded->result = cxm_import_result_new();
  cxm_import_result_set_threads(loaded->result, (guint) threads);
  if (filter != NULL)
    cxm_import_result_set_filter(loaded->result, filter);
  for (char **s = options->snapshots; s != NULL && *s != NULL; s++) {
    const char *name = cli_source_name(*s);
    /* Read a line at a time, standard input too. */
    g_autoptr(CxmRecorder) snapshot =
        cxm_snapshot_load_file(strcmp(*s, STDIN_NAME) == 0 ? "/dev/stdin" : *s, &error);
    if (snapshot == NULL) {
      cli_fail("%s: %s", name, error->message);
      g_error_free(error);
      return EXIT_USAGE;
    }
    if (filter != NULL) {
      /* Its sums of the days the filter keeps; the rest were filtered. */
      CxmRecorder *days = cxm_recorder_new_filtered(snapshot, filter, &error);
      if (days == NULL) {
        cli_fail("%s: %s", name, error->message);
        g_error_free(error);
        return EXIT_USAGE;
      }
      cxm_import_result_add_filtered(loaded->result,
                                     records_of(snapshot) - records_of(days));
      cxm_recorder_free(snapshot);
      snapshot = days;
    }
    const CxmPolicy *own = cxm_recorder_get_policy(snapshot);
    if (policy == NULL) {
      policy = cxm_policy_copy(own);
      /* Its zones, if set, are --timezone's. */
      chosen_by = options->time_zones ? NULL : g_strdup(name);
      if (!set_time_zones(policy, options->time_zones, &chosen_by))
        return EXIT_USAGE;
    }
    /* The first snapshot, when nothing is to be set on the recorder (no
     * --policy, --org or --max-groups), is the recorder: its sums are not
     * held twice. */
    if (loaded->recorder == NULL && options->policy == NULL && org == NULL &&
        options->max_groups == NULL && options->time_zones == NULL) {
      loaded->recorder = g_steal_pointer(&snapshot);
      continue;
    }
    if (loaded->recorder == NULL)
      loaded->recorder = cli_recorder_new(policy, org, options->max_groups, max_groups);
    if (strcmp(cxm_policy_get_fingerprint(own), cxm_policy_get_fingerprint(policy)) !=
        0) {
      const char *their_zone = cxm_policy_get_time_zone(own, NULL);
      const char *our_zone = cxm_policy_get_time_zone(policy, NULL);
      if (strcmp(their_zone, our_zone) != 0)
        return cli_fail("%s: a snapshot whose days are in %s cannot merge with %s, "
                        "in %s: its sums cannot be re-counted in another zone",
                        name, their_zone, chosen_by, our_zone);
      g_autofree char *theirs = describe_policy(own);
      g_autofree char *ours = describe_policy(policy);
      return cli_fail("%s: a snapshot under %s cannot merge with %s, under %s", name,
                      theirs, chosen_by, ours);
    }
    if (!cxm_recorder_merge(loaded->recorder, snapshot, &error)) {
      cli_fail("%s: %s", name, error->message);
      g_error_free(error);
      return EXIT_USAGE;
    }
  }
  if (policy == NULL && options->time_zones != NULL) {
    policy = cxm_policy_new();
    if (!set_time_zones(policy, options->time_zones, &chosen_by))
      return EXIT_USAGE;
  }
  if (loaded->recorder == NULL)
    loaded->recorder = cli_recorder_new(policy, org, options->max_groups, max_groups);

  CliProgress progress;
  cli_progress_start(&progress, loaded->result);
  for (char **j = options->journals; j != NULL && *j != NULL; j++) {
    /* A journal replays into an empty recorder only: one each, merged. */
    g_autoptr(CxmRecorder) part =
        cli_recorder_new(policy, org, options->max_groups, max_groups);
    guint64 rejected = cxm_import_result_get_rejected(loaded->result);
    gboolean ok =
        cxm_journal_open(part, *j, CXM_JOURNAL_READ_ONLY, loaded->result, &error);
    cli_progress_clear(&progress);
    if (!ok)
      return cli_fail_error(error);
    guint64 torn = cxm_journal_get_torn(part);
    if (torn > 0)
      fprintf(stderr,
              "cxm: %s: skipped a torn last line (%" G_GUINT64_FORMAT " %s): a record "
              "being written, or cut short by a crash\n",
              *j, torn, torn == 1 ? "byte" : "bytes");
    if (options->strict && cxm_import_result_get_rejected(loaded->result) > rejected) {
      /* No rejection before this journal's (strict stops at the first). */
      cli_fail("%s: line %" G_GUINT64_FORMAT ": %s", *j,
               cxm_import_result_get_error_line(loaded->result, 0),
               cxm_import_result_get_error_message(loaded->result, 0));
      return EXIT_REJECTED;
    }
    if (!cxm_recorder_merge(loaded->recorder, part, &error)) {
      cli_fail("%s: %s", *j, error->message);
      g_error_free(error);
      return EXIT_USAGE;
    }
  }

  unsigned int import_flags = options->strict ? CXM_IMPORT_STRICT : CXM_IMPORT_DEFAULT;
  for (int i = 0; i < n_files; i++) {
    if (cli_import_file(loaded->recorder, files[i], import_flags, loaded->result,
                        &progress, &error))
      continue;
    /* An I/O error is the command's failure; a strict stop is the data's. */
    gboolean io = g_error_matches(error, CXM_ERROR, CXM_ERROR_IO);
    if (io)
      cli_fail("%s", error->message);
    else
      cli_fail("%s: %s", cli_source_name(files[i]), error->message);
    g_error_free(error);
    return io ? EXIT_USAGE : EXIT_REJECTED;
  }
  return -1;
}

/* "FILE: line N: message" for the first of @rejected rejections kept in
 * @result, then how many more there were. */
void
cli_print_error_lines(const CxmImportResult *result, guint64 rejected)
{
  guint shown = MIN(cxm_import_result_get_n_errors(result), MAX_SHOWN_REJECTIONS);
  for (guint i = 0; i < shown; i++) {
    const char *source = cxm_import_result_get_error_source(result, i);
    fprintf(stderr, "%s%sline %" G_GUINT64_FORMAT ": %s\n", source != NULL ? source : "",
            source != NULL ? ": " : "", cxm_import_result_get_error_line(result, i),
            cxm_import_result_get_error_message(result, i));
  }
  if (rejected > shown)
    fprintf(stderr, "cxm: %" G_GUINT64_FORMAT " more %s not shown\n", rejected - shown,
            rejected - shown == 1 ? "rejection" : "rejections");
}

/* The first rejections, after a summary. */
void
cli_print_rejections(const CxmImportResult *result)
{
  guint64 rejected = cxm_import_result_get_rejected(result);
  if (rejected == 0)
    return;
  guint64 records = cxm_import_result_get_records(result);
  fprintf(stderr, "cxm: %" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT " %s rejected\n",
          rejected, records, records == 1 ? "record" : "records");
  cli_print_error_lines(result, rejected);
}
