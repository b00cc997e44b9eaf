/* SPDX-License-Identifier: MIT */
/* What the report formats share (report.c): the options, the walk over
 * the groups in the report's order, and the output sink. Each format is
 * one file (report-json.c, report-table.c, report-csv.c) that writes the
 * groups as this walk hands them over. */
#ifndef CXM_REPORT_PRIVATE_H
#define CXM_REPORT_PRIVATE_H

#include <cxm/report.h>

#include "sink.h"

struct _CxmReportOptions {
  CxmReportFormat format;
  unsigned int flags;
  int compared; /* the period kind compared, or CXM_UNSET */
  char *compare_a, *compare_b;
  int sort; /* index of the ranking indicator, or CXM_UNSET */
  gboolean descending;
  guint top; /* groups kept of each kind, 0 for all */
  int hotspot_rank; /* a CxmHotspotRank */
  guint hotspot_min; /* hot spots with fewer records are left out */
  int scope_level;   /* the only level whose scopes are kept, or CXM_UNSET */
  guint width;       /* the table's columns, 0 for TABLE_WIDTH */
};

/* How the hot spots are ranked (cxm_report_options_set_hotspot_rank()). */
typedef enum {
  CXM_HOTSPOT_BY_DISAPPOINTMENT, /* most disappointments: the default */
  CXM_HOTSPOT_BY_DISAPPOINTMENT_RATE,
  CXM_HOTSPOT_BY_RECOVERY_RATE
} CxmHotspotRank;

/* Options as cxm_report_options_new() makes them. */
#define CXM_REPORT_OPTIONS_INIT(format_, flags_)                                     \
  {                                                                                  \
    .format = (format_), .flags = (flags_), .compared = CXM_UNSET, .sort = CXM_UNSET, \
    .scope_level = CXM_UNSET                                                         \
  }

/* One report being written. The recorder is locked throughout. */
typedef struct {
  const CxmRecorder *recorder;
  const CxmImportResult *input;
  const CxmReportOptions *options;
  unsigned int flags;
  char **scopes; /* the scope keys, with CXM_REPORT_SCOPES: cxm_recorder_scope_tree() */
  CxmSink *sink;
  gpointer format_data; /* the format's own state */
} CxmReport;

/* The groups besides totals and levels, in the report's order, with the
 * name the formats give them (table titles, CSV's group column). */
typedef struct {
  unsigned int flag;
  CxmGroupKind kind;
  const char *name;   /* "team" */
  const char *plural; /* "teams": the JSON key */
} CxmReportGroup;

extern const CxmReportGroup cxm_report_groups[3];

/* The period kinds a report may hold, in the report's order. */
extern const unsigned int cxm_report_period_flags[CXM_PERIOD_KIND_COUNT];

/* The input counts, as every format gives them: what the recorder holds
 * (imports and snapshots alike) and the imports' rejections. Filtered
 * records were read (they count in records) but are neither accepted nor
 * rejected. */
typedef struct {
  guint64 records, accepted, rejected, filtered, leadership;
} CxmReportInput;

void cxm_report_input_counts(const CxmReport *report, CxmReportInput *counts);

/* Called with each group of one kind; @key is NULL for the totals. */
typedef void (*CxmGroupFunc)(CxmReport *report, const char *key, const CxmStats *stats,
                             gpointer data);

/* Calls @func for each group of @kind of @view (the recorder, or a
 * period's view), in the report's order: levels and channels in SPEC
 * order, teams and employees bytewise, or teams, employees and channels
 * ranked and cut by the options' sort and top. Returns how many. */
guint cxm_report_for_each(CxmReport *report, const CxmRecorder *view, CxmGroupKind kind,
                          CxmGroupFunc func, gpointer data);

/* Called with each period of one kind, in time order, and a recorder
 * holding that period's sums (no employees). */
typedef void (*CxmPeriodFunc)(CxmReport *report, CxmPeriodKind kind, const char *name,
                              const CxmRecorder *view, gpointer data);

/* Calls @func for each period of @kind. Returns how many. */
guint cxm_report_for_each_period(CxmReport *report, CxmPeriodKind kind,
                                 CxmPeriodFunc func, gpointer data);

/* Each person's scope, in the order of report->scopes (or ranked by their
 * cumulative sums and cut by the options' sort and top), with their direct
 * and cumulative sums and their @depth in the org chart: 0 for its roots,
 * for unknown_manager, and for every scope when they are ranked or only
 * one level's are kept, which shows no tree. */
typedef void (*CxmScopeFunc)(CxmReport *report, const char *person, guint depth,
                             const CxmStats *direct, const CxmStats *cumulative,
                             gpointer data);
void cxm_report_for_each_scope(CxmReport *report, CxmScopeFunc func, gpointer data);
/* The depth a scope is shown at (CxmScopeFunc). */
guint cxm_report_scope_depth(const CxmReport *report, const char *person);

/* The indicators a comparison of two periods covers (--compare), in the
 * order the table and CSV give them: net momentum and NPS (score
 * differences), then four rates (two-proportion tests). */
typedef struct {
  const char *name; /* "net_momentum": the JSON and CSV name */
  gboolean is_net;  /* a CxmNetKind, else a CxmRateKind */
  int kind;
} CxmComparedIndicator;

extern const CxmComparedIndicator cxm_report_compared[6];

/* Group @key of @kind (NULL for the totals) in the compared period A
 * (@b FALSE) or B. Free it with cxm_stats_free(). */
CxmStats *cxm_report_compared_stats(const CxmReport *report, gboolean b,
                                    CxmGroupKind kind, const char *key);

/* Compares @a and @b on cxm_report_compared[@i]; FALSE without a value. */
gboolean cxm_report_compare(const CxmStats *a, const CxmStats *b, gsize i,
                            CxmComparison *comparison);

/* TRUE when a hot spot of @count records is below the policy's min_group. */
gboolean cxm_report_suppressed_count(const CxmReport *report, guint64 count);

/* The report's hot spots (hotspots.c): cxm_recorder_get_hotspots() ranked
 * and cut by the options' hotspot_rank and hotspot_min. Free them with
 * cxm_hotspots_free(). */
CxmHotspot *cxm_report_get_hotspots(const CxmReport *report, gsize *n_hotspots);

/* The formats. */
void cxm_report_write_json(CxmReport *report);
void cxm_report_write_table(CxmReport *report);
void cxm_report_write_csv(CxmReport *report);
void cxm_report_write_html(CxmReport *report);

#endif
