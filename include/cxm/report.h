/* cxm/report.h: the JSON report of SPEC section 8. */
#ifndef CXM_REPORT_H
#define CXM_REPORT_H

#include <cxm/import.h>

G_BEGIN_DECLS

typedef enum {
  CXM_REPORT_TEAMS = 1 << 0,
  CXM_REPORT_EMPLOYEES = 1 << 1,
  CXM_REPORT_CHANNELS = 1 << 2,
  /* "periods": per UTC day, ISO week and/or month: totals, levels, and the
   * teams and channels when asked for too. */
  CXM_REPORT_DAYS = 1 << 3,
  CXM_REPORT_WEEKS = 1 << 4,
  CXM_REPORT_MONTHS = 1 << 5,
  /* "scopes": each person's direct and cumulative scope (needs an org). */
  CXM_REPORT_SCOPES = 1 << 6,
  /* "hotspots": difficulty kind x team and x channel, ranked by
   * disappointments. */
  CXM_REPORT_HOTSPOTS = 1 << 7,
  /* Indent the JSON for people; the default is one compact line. */
  CXM_REPORT_PRETTY = 1 << 8
} CxmReportFlags;

/**
 * cxm_report_to_json:
 * @input: (nullable): the import result whose rejections the "input"
 *   section lists. Its accepted and leadership counts are always the
 *   recorder's own (records merged from snapshots or recorded through the
 *   API count too); records is accepted plus @input's rejections.
 *
 * Writes the report: "cxm_report", "policy", "input", "totals", "levels"
 * and the groups asked for in @flags, keys in SPEC order; levels and
 * channels in SPEC order, teams and employees sorted bytewise. Rates are fractions rounded to 4 decimals, scores and margins to 2,
 * means to 3; an indicator without a value is null.
 *
 * A group with fewer interactions than the policy's min_group shows its
 * counts only and "suppressed": true; so does a hot spot.
 *
 * Returns the JSON text, NUL-terminated; free with cxm_free(). NULL with
 * CXM_ERROR_INVALID_ARGUMENT when @recorder is NULL, or when scopes are
 * asked for without an org.
 */
CXM_EXTERN char *cxm_report_to_json(const CxmRecorder *recorder,
                                    const CxmImportResult *input,
                                    unsigned int flags, GError **error);

/**
 * cxm_report_to_json_full:
 * @compare_a, @compare_b: (nullable): two periods to compare, of the one
 *   period kind in @flags (e.g. CXM_REPORT_WEEKS, "2026-W08", "2026-W09")
 *
 * cxm_report_to_json() plus, when both periods are given, a "comparison"
 * section: for the totals, each level and the teams and channels asked
 * for, net momentum and NPS (delta, standard error, z, two-sided p) and
 * the momentum, disappointment, recovery and CSAT rates (two-proportion
 * z-test). CXM_ERROR_INVALID_ARGUMENT unless exactly one period kind is
 * in @flags and both names are periods of that kind.
 */
CXM_EXTERN char *cxm_report_to_json_full(const CxmRecorder *recorder,
                                         const CxmImportResult *input,
                                         unsigned int flags,
                                         const char *compare_a,
                                         const char *compare_b,
                                         GError **error);

G_END_DECLS

#endif
