/* cxm/report.h: the JSON report of SPEC section 8. */
#ifndef CXM_REPORT_H
#define CXM_REPORT_H

#include <cxm/import.h>

G_BEGIN_DECLS

typedef enum {
  CXM_REPORT_TEAMS = 1 << 0,
  CXM_REPORT_EMPLOYEES = 1 << 1,
  CXM_REPORT_CHANNELS = 1 << 2,
  /* Indent the JSON for people; the default is one compact line. */
  CXM_REPORT_PRETTY = 1 << 8
} CxmReportFlags;

/**
 * cxm_report_to_json:
 * @input: (nullable): the import result for the "input" section; NULL
 *   reports the recorder's own counts with no rejections
 *
 * Writes the report: "cxm_report", "policy", "input", "totals", "levels"
 * and the groups asked for in @flags, keys in SPEC order; levels and
 * channels in SPEC order, teams and employees sorted bytewise. Rates are fractions rounded to 4 decimals, scores and margins to 2,
 * means to 3; an indicator without a value is null.
 *
 * Returns the JSON text, NUL-terminated; free with cxm_free(). NULL with
 * CXM_ERROR_INVALID_ARGUMENT when @recorder is NULL.
 */
CXM_EXTERN char *cxm_report_to_json(const CxmRecorder *recorder,
                                    const CxmImportResult *input,
                                    unsigned int flags, GError **error);

G_END_DECLS

#endif
