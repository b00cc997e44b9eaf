/* SPDX-License-Identifier: MIT */
/**
 * SECTION:report
 * @title: cxm/report.h
 * @short_description: the reports of SPEC section 8, as JSON, table, CSV or HTML
 *
 * Part of the umbrella header <cxm/cxm.h>: include that one, not this part.
 */
#ifndef CXM_REPORT_H
#define CXM_REPORT_H

#include <cxm/import.h>

G_BEGIN_DECLS

/**
 * CxmReportFormat:
 * @CXM_REPORT_JSON: the JSON report of SPEC section 8, keys in SPEC order.
 * @CXM_REPORT_TABLE: a table for people, 80 columns wide: a row per group
 *   with n, the momentum and disappointment rates, net momentum with its
 *   margin, recovery, NPS and CSAT; the ten worst hot spots (with
 *   %CXM_REPORT_HOTSPOTS); a legend.
 * @CXM_REPORT_CSV: one header line, then one row per group and one per hot
 *   spot (RFC 4180, LF line ends) in a documented, stable column order;
 *   comparisons are columns, not rows.
 * @CXM_REPORT_HTML: one self-contained HTML5 page (inline style, SVG
 *   charts and a sort script; a Content-Security-Policy that lets nothing
 *   else run or load; A4 print styles): a header (policy, fingerprint,
 *   span, input counts, the first rejections), totals and levels side by
 *   side, the trend per week (per the period asked for instead: weeks,
 *   else months, else days) with the last two periods compared, the
 *   groups asked for ranked by net momentum, recovery by difficult moment
 *   (and with %CXM_REPORT_HOTSPOTS the team heat map and the list), and
 *   leadership cadence by team when there are leadership events. Each
 *   chart has a sortable table of its numbers beside it, whose cells carry
 *   the JSON report's figures in data-v; every key is escaped for its
 *   context. Comparisons of --compare and per-period teams are not shown.
 * @CXM_REPORT_FORMAT_COUNT: the number of formats; not a format.
 *
 * The formats of a report. Every format is written from the same
 * #CxmStats, so their numbers agree.
 */
typedef enum {
  CXM_REPORT_JSON,
  CXM_REPORT_TABLE,
  CXM_REPORT_CSV,
  CXM_REPORT_HTML,
  CXM_REPORT_FORMAT_COUNT
} CxmReportFormat;

/**
 * cxm_report_format_name:
 * @format: a report format
 *
 * The name of a format, as the CLI's --format takes it.
 *
 * Returns: (transfer none) (nullable): "json", "table", "csv" or "html", a static
 *   string; %NULL for a value out of range
 */
CXM_EXTERN const char *cxm_report_format_name(CxmReportFormat format);
/**
 * cxm_report_format_from_name:
 * @name: (nullable): "json", "table", "csv" or "html"
 *
 * The format called @name (case-sensitive).
 *
 * Returns: the #CxmReportFormat, or %CXM_UNSET when @name is %NULL or unknown
 */
CXM_EXTERN int cxm_report_format_from_name(const char *name);

/**
 * CxmReportFlags:
 * @CXM_REPORT_TEAMS: "teams": each team.
 * @CXM_REPORT_EMPLOYEES: "employees": each employee.
 * @CXM_REPORT_CHANNELS: "channels": each channel.
 * @CXM_REPORT_DAYS: "periods" per UTC day: totals, levels, and the teams and
 *   channels when asked for too.
 * @CXM_REPORT_WEEKS: "periods" per ISO week, likewise.
 * @CXM_REPORT_MONTHS: "periods" per month, likewise.
 * @CXM_REPORT_SCOPES: "scopes": each person's direct and cumulative scope
 *   (needs an org); "scopes:manager" and the other level names keep the
 *   scopes of the people at that level only.
 * @CXM_REPORT_HOTSPOTS: "hotspots": difficulty kind x team and x channel,
 *   ranked by disappointments (or as cxm_report_options_set_hotspot_rank()
 *   says).
 * @CXM_REPORT_PRETTY: JSON indented for people; the default is one compact
 *   line.
 *
 * What a report holds besides the totals and levels it always has; each
 * value names the JSON key it adds. As for every set of flags in cxm,
 * values combine with | and functions take them as an unsigned int.
 */
typedef enum {
  CXM_REPORT_TEAMS = 1 << 0,
  CXM_REPORT_EMPLOYEES = 1 << 1,
  CXM_REPORT_CHANNELS = 1 << 2,
  CXM_REPORT_DAYS = 1 << 3,
  CXM_REPORT_WEEKS = 1 << 4,
  CXM_REPORT_MONTHS = 1 << 5,
  CXM_REPORT_SCOPES = 1 << 6,
  CXM_REPORT_HOTSPOTS = 1 << 7,
  CXM_REPORT_PRETTY = 1 << 8
} CxmReportFlags;

/**
 * CxmReportOptions:
 *
 * What to report and how: the format (JSON by default), the flags, two
 * periods to compare. Plain data, copied by nothing: keep it while a
 * report is written. Not thread-safe to modify.
 * g_autoptr(CxmReportOptions) frees options.
 */
typedef struct _CxmReportOptions CxmReportOptions;

/**
 * cxm_report_options_new:
 *
 * Creates options for a JSON report with no optional groups and no
 * comparison.
 *
 * Returns: (transfer full): new options; free with
 *   cxm_report_options_free(). Never %NULL.
 */
CXM_EXTERN CxmReportOptions *cxm_report_options_new(void);
/**
 * cxm_report_options_free:
 * @options: (nullable) (transfer full): options
 *
 * Frees options. Accepts %NULL.
 */
CXM_EXTERN void cxm_report_options_free(CxmReportOptions *options);

/**
 * cxm_report_options_set_format:
 * @options: options
 * @format: the report's format
 *
 * Sets the format.
 */
CXM_EXTERN void cxm_report_options_set_format(CxmReportOptions *options,
                                              CxmReportFormat format);
/**
 * cxm_report_options_get_format:
 * @options: options
 *
 * The format of the report.
 *
 * Returns: the format
 */
CXM_EXTERN CxmReportFormat cxm_report_options_get_format(const CxmReportOptions *options);
/**
 * cxm_report_options_set_flags:
 * @options: options
 * @flags: #CxmReportFlags combined with |
 *
 * Replaces the flags.
 */
CXM_EXTERN void cxm_report_options_set_flags(CxmReportOptions *options,
                                             unsigned int flags);
/**
 * cxm_report_options_get_flags:
 * @options: options
 *
 * The flags of the report.
 *
 * Returns: #CxmReportFlags combined with |
 */
CXM_EXTERN unsigned int cxm_report_options_get_flags(const CxmReportOptions *options);

/**
 * cxm_report_options_add_groups:
 * @options: options
 * @groups: a comma-separated list (no spaces) of group names: teams,
 *   employees, channels, periods:day, periods:week, periods:month, scopes,
 *   scopes:frontline, scopes:manager, scopes:senior_leader, hotspots
 * @error: return location for a #GError, or %NULL
 *
 * Adds the flags of the groups named in @groups, as the CLI's --group and
 * Python's groups= name them.
 *
 * A level's scopes replace the level asked for before; "scopes" alone
 * keeps any level asked for.
 *
 * Returns: %TRUE when added; %FALSE on an unknown name (or "periods" without
 *   its kind, or "scopes:" without a level), with %CXM_ERROR_INVALID_ARGUMENT saying which and what is
 *   expected, and the options unchanged
 */
CXM_EXTERN gboolean cxm_report_options_add_groups(CxmReportOptions *options,
                                                  const char *groups, GError **error);

/**
 * cxm_report_options_set_compare:
 * @options: options
 * @period_a: (nullable): the first period, of the one period kind in the
 *   flags (e.g. %CXM_REPORT_WEEKS, "2026-W08")
 * @period_b: (nullable): the second period, of the same kind ("2026-W09");
 *   @period_a and @period_b both %NULL remove the comparison
 * @error: return location for a #GError, or %NULL
 *
 * Adds a "comparison" section to the JSON report: for the totals, each
 * level and the teams and channels asked for, net momentum and NPS
 * (delta, standard error, z, two-sided p) and the momentum,
 * disappointment, recovery and CSAT rates (two-proportion z-test). Set
 * the flags first. The names are copied.
 *
 * Returns: %TRUE when set; %FALSE with %CXM_ERROR_INVALID_ARGUMENT unless
 *   exactly one period kind is in the flags and both names are periods of
 *   that kind (or both are %NULL); the options are then unchanged
 */
CXM_EXTERN gboolean cxm_report_options_set_compare(CxmReportOptions *options,
                                                   const char *period_a,
                                                   const char *period_b, GError **error);

/**
 * cxm_report_options_set_sort:
 * @options: options
 * @indicator: (nullable): the indicator that ranks the groups, named as in
 *   the JSON and CSV reports: a count (n, momentum, disappointment,
 *   neutral, difficult, nps_responses, csat_responses, effort_responses),
 *   a rate (momentum_rate, disappointment_rate, difficult_rate,
 *   recovery_rate, csat_top2_rate, csat_fan_rate, effort_easy_rate,
 *   fcr_rate, beyond_role_rate, proactive_rate, empowered_rate), a score
 *   (net_momentum, nps) or a mean (csat_mean, effort_mean,
 *   employee_satisfaction_mean); %NULL for the default order
 * @descending: %TRUE for the largest value first
 * @error: return location for a #GError, or %NULL
 *
 * Ranks the teams, employees and channels (all-time and within each
 * period) and the scopes (by their cumulative sums) by @indicator, in
 * every format. A group without a value for it (no denominator, or
 * suppressed by the policy's min_group; n always has one) comes last,
 * whatever the direction; ties keep the default order (keys bytewise,
 * channels in SPEC order, scopes in org-chart order). Totals, levels and periods keep their order.
 * The HTML report ranks its charts by net momentum whatever the sort.
 *
 * Returns: %TRUE when set; %FALSE on an unknown name, with
 *   %CXM_ERROR_INVALID_ARGUMENT listing the accepted names, and the
 *   options unchanged
 */
CXM_EXTERN gboolean cxm_report_options_set_sort(CxmReportOptions *options,
                                                const char *indicator,
                                                gboolean descending, GError **error);

/**
 * cxm_report_options_set_top:
 * @options: options
 * @n: how many groups of each kind to keep, 0 for all (the default)
 *
 * Keeps the first @n teams, employees, channels and scopes in the
 * report's order (cxm_report_options_set_sort()), all-time and within
 * each period, in every format.
 */
CXM_EXTERN void cxm_report_options_set_top(CxmReportOptions *options, guint n);

/**
 * cxm_report_options_set_width:
 * @options: options
 * @columns: the columns the table may take; 0 (the default) or up to 80
 *   for 80
 *
 * Lets a table report (%CXM_REPORT_TABLE) wider than 80 columns widen its
 * first column and the hot spots' "team or channel" column, as far as the
 * longest name shown needs (indentation included), so that names are not
 * cut. Other formats never cut a name and ignore the width.
 */
CXM_EXTERN void cxm_report_options_set_width(CxmReportOptions *options, guint columns);

/**
 * cxm_report_options_set_hotspot_rank:
 * @options: options
 * @by: (nullable): how the hot spots (%CXM_REPORT_HOTSPOTS) are ranked:
 *   "disappointment" (most disappointments first, then most records: the
 *   default), "disappointment_rate" (the highest share of disappointments
 *   first) or "recovery_rate" (the lowest share of momentum first); %NULL
 *   for the default. Not kept: the name is read now.
 * @min_count: hot spots with fewer records than this are left out, in any
 *   ranking; 0 keeps all (the default)
 * @error: return location for a #GError, or %NULL
 *
 * Ranks and cuts the hot spots of every format. A rate ranks a hot spot
 * without its rate shown (suppressed by the policy's min_group) last; ties
 * keep the default order (most disappointments, most records, kinds in
 * SPEC order, teams before channels, keys bytewise). Such as
 * ("disappointment_rate", 30): the worst shares among hot spots of at
 * least 30 records, where a rate means something.
 *
 * Returns: %TRUE when set; %FALSE on an unknown @by, with
 *   %CXM_ERROR_INVALID_ARGUMENT listing the accepted names, and the options
 *   unchanged
 */
CXM_EXTERN gboolean cxm_report_options_set_hotspot_rank(CxmReportOptions *options,
                                                        const char *by, guint min_count,
                                                        GError **error);

/**
 * cxm_report_write:
 * @recorder: the recorder to report on
 * @input: (nullable): the import result whose rejections the report's
 *   input section lists. Its accepted and leadership counts are always the
 *   recorder's own (records merged from snapshots or recorded through the
 *   API count too); records is accepted plus @input's rejections.
 * @options: (nullable): %NULL for a JSON report of totals and levels
 * @write: (scope call) (closure user_data): receives the report a block at a
 *   time (about 64 KiB)
 * @user_data: passed to @write
 * @error: return location for a #GError, or %NULL
 *
 * Writes the report of @recorder as it is at one instant (other threads
 * may record meanwhile): "cxm_report", "policy", "input", "leadership",
 * "totals", "levels" and the groups the flags ask for, keys in SPEC order;
 * levels and channels in SPEC order, teams and employees sorted bytewise,
 * scopes in org-chart order (each person before their reports, people
 * with the same manager bytewise, unknown_manager last), periods in time
 * order. Rates are fractions rounded to 4
 * decimals, scores and margins to 2, means to 3; an indicator without a
 * value is null (an empty cell in CSV, "-" in the table). A group with
 * fewer interactions than the policy's min_group shows its counts only and
 * "suppressed": true; so does a hot spot. The JSON text ends without a
 * line end; the table, CSV and HTML end with one.
 *
 * Groups are written one at a time: memory beyond the recorder's sums is
 * that of the largest group.
 *
 * Returns: %TRUE when the whole report was written; %FALSE with
 *   %CXM_ERROR_INVALID_ARGUMENT for a %NULL @recorder or @write, or scopes
 *   asked for without an org (nothing is written then); or with whatever
 *   error @write set, once it failed (%CXM_ERROR_IO if it set none; the
 *   output is then cut short)
 */
CXM_EXTERN gboolean cxm_report_write(const CxmRecorder *recorder,
                                     const CxmImportResult *input,
                                     const CxmReportOptions *options, CxmWriteFunc write,
                                     gpointer user_data, GError **error);

/**
 * cxm_report_to_string:
 * @recorder: the recorder to report on
 * @input: (nullable): as for cxm_report_write()
 * @options: (nullable): as for cxm_report_write()
 * @length: (out) (optional): bytes in the result, without its NUL
 * @error: return location for a #GError, or %NULL
 *
 * cxm_report_write() into memory.
 *
 * Returns: (transfer full) (nullable): the whole report, NUL-terminated;
 *   free with cxm_free(). %NULL with the same errors
 *   (%CXM_ERROR_INVALID_ARGUMENT for a %NULL @recorder or scopes without an
 *   org).
 */
CXM_EXTERN char *cxm_report_to_string(const CxmRecorder *recorder,
                                      const CxmImportResult *input,
                                      const CxmReportOptions *options, gsize *length,
                                      GError **error);

/**
 * cxm_report_to_json:
 * @recorder: the recorder to report on
 * @input: (nullable): as for cxm_report_write()
 * @flags: #CxmReportFlags combined with |
 * @error: return location for a #GError, or %NULL
 *
 * The JSON report with @flags, as cxm_report_to_string() writes it: the
 * short way for the common case.
 *
 * Returns: (transfer full) (nullable): the report; free with cxm_free().
 *   %NULL with the errors of cxm_report_to_string().
 */
CXM_EXTERN char *cxm_report_to_json(const CxmRecorder *recorder,
                                    const CxmImportResult *input, unsigned int flags,
                                    GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CxmReportOptions, cxm_report_options_free)

G_END_DECLS

#endif
