/* Internal interfaces between the files of lib/. Not installed. */
#ifndef CXM_PRIVATE_H
#define CXM_PRIVATE_H

#include "config.h"
#include <cxm/cxm.h>

#define CXM_MAX_STRING 128        /* bytes in id, employee, team, customer */
#define CXM_MAX_LINE (1u << 20)   /* bytes in one JSON Lines record */
#define CXM_MAX_DEPTH 8           /* JSON nesting, the top-level object is 1 */
#define CXM_MAX_TS G_GINT64_CONSTANT(253402300799) /* 9999-12-31T23:59:59Z */
/* Records one recorder holds at most: counts stay exact as doubles, and
 * no sum of counts can wrap. */
#define CXM_MAX_RECORDS (G_GUINT64_CONSTANT(1) << 53)

/* ---- interaction.c ---------------------------------------------------- */

/* Strings live inline so that filling an interaction never allocates. */
struct _CxmInteraction {
  gint64 ts;
  gint64 contact_number;          /* CXM_UNSET when absent */
  gboolean has_ts;
  gint8 channel, level, resolution;
  gint8 csat, nps, effort, employee_satisfaction;
  gint8 beyond_role, proactive, empowered;
  guint16 difficulties;           /* bit per CxmDifficulty */
  guint8 emotions;                /* bit per CxmEmotion */
  guint8 id_len, employee_len, team_len, customer_len; /* 0: absent */
  char id[CXM_MAX_STRING + 1];
  char employee[CXM_MAX_STRING + 1];
  char team[CXM_MAX_STRING + 1];
  char customer[CXM_MAX_STRING + 1];
};

/* ts within 1970-01-01..9999-12-31, else CXM_ERROR_RANGE. */
gboolean cxm_check_ts(gint64 unix_seconds, GError **error);

/* The first required key (id, ts, channel) that @it lacks, or NULL. */
const char *cxm_interaction_missing_key(const CxmInteraction *it);

typedef enum {
  CXM_SCORE_CSAT,
  CXM_SCORE_NPS,
  CXM_SCORE_EFFORT,
  CXM_SCORE_EMPLOYEE_SATISFACTION
} CxmScoreField;

/* The setters the JSON parser uses: range-checked as 64-bit values, so
 * JSON integers are checked before any narrowing, and -1 is an
 * out-of-range value (in JSON only null means absent), not CXM_UNSET. */
gboolean cxm_interaction_take_ts(CxmInteraction *it, gint64 unix_seconds,
                                 GError **error);
gboolean cxm_interaction_take_score(CxmInteraction *it, CxmScoreField field,
                                    gint64 value, GError **error);
gboolean cxm_interaction_take_contact_number(CxmInteraction *it,
                                             gint64 contact_number,
                                             GError **error);

/* Validates a 1..128-byte UTF-8 string for @key (and no control characters
 * when @is_id) and copies it into @dest. */
gboolean cxm_copy_string_field(char *dest, guint8 *dest_len, const char *key,
                               const char *value, gsize len, gboolean is_id,
                               GError **error);

/* ---- timestamp.c ------------------------------------------------------ */

/* Days since 1970-01-01 of a proleptic Gregorian date, month 1..12
 * (Howard Hinnant's days_from_civil). */
gint64 cxm_days_from_civil(int year, int month, int day);
/* Reads exactly @n decimal digits into @out; FALSE on anything else. */
gboolean cxm_read_digits(const char *s, int n, int *out);
/* Parses RFC 3339 with an offset into Unix seconds (fraction dropped). */
gboolean cxm_parse_rfc3339(const char *s, gsize len, gint64 *unix_seconds);

/* ---- policy.c --------------------------------------------------------- */

struct _CxmPolicy {
  char *name;
  int csat_positive_min, csat_negative_max;
  int nps_positive_min, nps_negative_max;
  int effort_positive_min, effort_negative_max;
  int employee_hurt_max, employee_satisfied_min;
  int delighted_csat_min, delighted_nps_min;
  int min_sample, min_group;
  double z;
  char fingerprint[17];
};

/* The defaults, for callers that pass a NULL policy. */
const CxmPolicy *cxm_policy_default(void);

/* ---- classify.c ------------------------------------------------------- */

CxmClass cxm_classify_fast(const CxmPolicy *policy, const CxmInteraction *it,
                           CxmReason *reason);

/* ---- agg.c: the sums of one group ------------------------------------- */

typedef struct {
  guint64 by_class[CXM_CLASS_COUNT];
  guint64 by_reason[CXM_REASON_COUNT];
  guint64 difficult, recovered;
  /* [kind][0] records, [1] momentum, [2] disappointment */
  guint64 by_difficulty[CXM_DIFFICULTY_COUNT][3];
  /* [emotion][0] records, [1] momentum, [2] disappointment, [3] difficult,
   * [4] difficult and momentum */
  guint64 by_emotion[CXM_EMOTION_COUNT][5];
  guint64 csat[5];        /* histogram of 1..5 */
  guint64 nps[11];        /* 0..10 */
  guint64 effort[7];      /* 1..7 */
  guint64 employee_satisfaction[5];
  guint64 first_contacts, first_contacts_resolved;
  guint64 beyond_role, proactive, empowered;
} CxmAgg;

/* The counters one record adds one to, as word offsets into a CxmAgg: at
 * most class, reason, difficult, recovered, 3 per difficulty kind, 5 per
 * emotion, 4 scores, 2 first-contact and 3 flags. */
typedef struct {
  guint8 words[4 + 3 * CXM_DIFFICULTY_COUNT + 5 * CXM_EMOTION_COUNT + 4 + 2 + 3];
  guint n;
} CxmAggDelta;

void cxm_agg_delta(CxmAggDelta *delta, const CxmInteraction *it, CxmClass klass,
                   CxmReason reason);
void cxm_agg_apply(CxmAgg *agg, const CxmAggDelta *delta);
void cxm_agg_merge(CxmAgg *dest, const CxmAgg *src);
guint64 cxm_agg_n(const CxmAgg *agg);

/* ---- stats.c ---------------------------------------------------------- */

CxmStats *cxm_stats_new(const CxmAgg *agg, const CxmPolicy *policy);
double cxm_stats_get_z(const CxmStats *stats);

/* ---- recorder.c ------------------------------------------------------- */

struct json_object;
typedef struct _CxmJournal CxmJournal;

/* One set of groups. The recorder has one for all time and one per UTC day;
 * days keep no employees (scopes and employees are not per period). There
 * are no totals: every record is in exactly one level, so the totals are
 * the sum of the levels. */
typedef struct {
  CxmAgg levels[CXM_LEVEL_COUNT];
  CxmAgg channels[CXM_CHANNEL_COUNT];
  /* All time: owned name -> owned CxmAgg. A day: the name as owned by the
   * recorder's all-time table (compared by address) -> owned CxmAgg, so a
   * record's team is hashed as a string once. */
  GHashTable *teams;
  GHashTable *employees;  /* all time only: owned name -> owned CxmAgg */
} Groups;

/* What a day weighs against the group limit: its level and channel sums. */
#define CXM_DAY_GROUPS (CXM_LEVEL_COUNT + CXM_CHANNEL_COUNT)

struct _CxmRecorder {
  GRecMutex lock;         /* recursive: the report calls the public getters */
  CxmPolicy *policy;
  CxmOrg *org;
  CxmJournal *journal;
  CxmSyncMode sync_mode;  /* kept for a journal opened later */
  guint sync_records, sync_ms;
  guint64 journal_torn, duplicates;
  guint64 n_groups, max_groups;
  Groups all;
  GHashTable *days;       /* owned gint64 day number -> owned Groups */
  gint64 last_day;        /* cache: records tend to come in time order */
  Groups *last_day_groups;
  guint64 leadership[CXM_LEADERSHIP_COUNT];
};

/* Empty groups: all-time ones (@all_time) own their keys and keep
 * employees. */
void cxm_groups_init(Groups *groups, gboolean all_time);
void cxm_groups_clear(Groups *groups);
/* Adds @src (all-time or a day) into @recorder's all-time groups. */
void cxm_groups_merge(CxmRecorder *recorder, const Groups *src);
/* The groups of @day, created if needed (one more group). */
Groups *cxm_recorder_day_groups(CxmRecorder *recorder, gint64 day);
/* Adds a day of another recorder (team keys are plain names) into @dest,
 * a day of @recorder. */
void cxm_recorder_merge_day(CxmRecorder *recorder, Groups *dest, const Groups *src);

/* The recorder's lock, recursive: hold it across several reads that must
 * see one state (a report). */
void cxm_recorder_lock(const CxmRecorder *recorder);
void cxm_recorder_unlock(const CxmRecorder *recorder);
/* Adds one valid record: an interaction @it with its required keys, or a
 * leadership event of @leadership_type (not CXM_UNSET) whose id is in @it.
 * Checks the journal's ids and the group limit, appends to the journal
 * (@json, or @it serialized when NULL), then adds; nothing changes on
 * error. In @bulk (an import, which syncs once at its end) CXM_SYNC_ALWAYS
 * does not sync each record. */
gboolean cxm_recorder_add(CxmRecorder *recorder, const CxmInteraction *it,
                          int leadership_type, struct json_object *json,
                          gboolean bulk, CxmClass *klass, CxmReason *reason,
                          GError **error);
/* Period name -> a recorder holding that period's sums (no employees). */
GHashTable *cxm_recorder_period_views(const CxmRecorder *recorder,
                                      CxmPeriodKind kind);
/* Person id -> CxmAgg of their cumulative scope; needs an org. Keys are
 * owned by the org. Both views: the caller holds the lock. */
GHashTable *cxm_recorder_scope_sums(const CxmRecorder *recorder);

/* ---- journal.c -------------------------------------------------------- */

/* Opens and locks @path and cuts off (read only: skips) a torn last line,
 * whose bytes go to *@torn. */
CxmJournal *cxm_journal_open(const char *path, CxmJournalFlags flags,
                             guint64 *torn, GError **error);
/* Replays the journal's complete lines into @recorder, which must be
 * journaled by it: ids are collected, nothing is appended. */
gboolean cxm_journal_replay(CxmJournal *journal, CxmRecorder *recorder,
                            CxmImportResult *result, GError **error);
void cxm_journal_set_sync(CxmJournal *journal, CxmSyncMode mode,
                          guint max_records, guint max_ms);
gboolean cxm_journal_sync(CxmJournal *journal, GError **error);
const char *cxm_journal_get_path(const CxmJournal *journal);
/* FALSE with CXM_ERROR_DUPLICATE_ID, counting it in *@duplicates, when
 * unique ids are asked for and the journal holds @id. */
gboolean cxm_journal_check_id(CxmJournal *journal, const char *id,
                              guint64 *duplicates, GError **error);
/* Appends @json (or @it serialized, when NULL) as one line and syncs as the
 * sync mode says, except that @bulk leaves CXM_SYNC_ALWAYS's sync to the
 * caller; on error the file is as before. */
gboolean cxm_journal_append(CxmJournal *journal, const CxmInteraction *it,
                            struct json_object *json, gboolean bulk, GError **error);
/* Syncs (unless CXM_SYNC_OS), unlocks and closes. Accepts NULL. */
void cxm_journal_close(CxmJournal *journal);

/* ---- import.c ----------------------------------------------------------- */

/* cxm_recorder_import_fd() of the first @length bytes at offset 0 (pread). */
gboolean cxm_import_fd_prefix(CxmRecorder *recorder, int fd, guint64 length,
                              const char *source, CxmImportResult *result,
                              GError **error);

/* ---- org.c -------------------------------------------------------------- */

/* Every id, each after all of their reports (a post-order of the reporting
 * forest, roots and reports bytewise), so that cumulative scopes sum in one
 * pass. NULL-terminated, owned by the org; @n (nullable) gets the count. */
const char *const *cxm_org_people_order(const CxmOrg *org, guint *n);

/* ---- period.c ----------------------------------------------------------- */

/* Days since 1970-01-01 (UTC) of a Unix time. */
gint64 cxm_day_number(gint64 unix_seconds);
/* The name of the period of @kind that holds @day, without allocating. */
void cxm_period_key_of_day(gint64 day, CxmPeriodKind kind, char buffer[16]);
/* TRUE when @name is a period of @kind; its first and last day numbers
 * (out parameters optional): a period is a contiguous run of days. */
gboolean cxm_period_day_range(const char *name, CxmPeriodKind kind,
                              gint64 *first, gint64 *last);

/* ---- record-json.c: JSON text -> records ------------------------------ */

struct json_tokener;

/* How cxm writes one-line JSON: no spaces, "/" not escaped. */
#define CXM_JSON_LINE (JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE)

typedef enum {
  CXM_RECORD_INTERACTION,
  CXM_RECORD_LEADERSHIP
} CxmRecordKind;

/* A tokener set up for records (strict, depth-limited); reuse it across
 * lines, free it with json_tokener_free(). */
struct json_tokener *cxm_record_tokener_new(void);
/* Parses one line (without "\n") into a JSON value, enforcing SPEC
 * section 7: length, UTF-8, JSON syntax, depth, a single value. */
struct json_object *cxm_record_parse(struct json_tokener *tok, const char *text,
                                     gsize len, GError **error);
/* The CXM_ERROR_TOO_LONG error, for lines the reader skips unread. */
void cxm_set_too_long_error(GError **error);
/* Fills @it (reset first; a leadership event's id only) and
 * @leadership_type from one parsed record. Errors name the offending key
 * (cxm_error_get_key()). */
gboolean cxm_record_from_json(struct json_object *obj, CxmInteraction *it,
                              CxmRecordKind *kind, int *leadership_type,
                              GError **error);
/* Every key @it has, ts as RFC 3339 UTC. */
struct json_object *cxm_interaction_to_json_object(const CxmInteraction *it);

/* ---- enums.c ---------------------------------------------------------- */

/* The first @count names as "web, phone, email, ..." for error messages;
 * free with g_free(). */
char *cxm_enum_choices(const char *const *names, int count);
extern const char *const cxm_channel_names[];
extern const char *const cxm_level_names[];
extern const char *const cxm_difficulty_names[];
extern const char *const cxm_emotion_names[];
extern const char *const cxm_resolution_names[];
extern const char *const cxm_class_names[];
extern const char *const cxm_reason_names[];
extern const char *const cxm_leadership_type_names[];
int cxm_name_lookup(const char *const *names, const char *name, gsize len);

/* ---- common.c --------------------------------------------------------- */

/* Sets CXM_ERROR_INVALID_ARGUMENT "<func>: <what> must not be NULL". */
#define cxm_return_val_if_null(arg, error, val)                              \
  G_STMT_START {                                                             \
    if (G_UNLIKELY((arg) == NULL)) {                                         \
      g_set_error(error, CXM_ERROR, CXM_ERROR_INVALID_ARGUMENT,              \
                  "%s: %s must not be NULL", G_STRFUNC, #arg);               \
      return (val);                                                          \
    }                                                                        \
  } G_STMT_END

/* g_utf8_validate_len() with a fast path for ASCII; @bad (nullable) is
 * set to the first invalid byte on failure. */
gboolean cxm_utf8_validate(const char *text, gsize len, const char **bad);

/* Sets a record error whose message is "@key <formatted reason>" and whose
 * key cxm_error_get_key() returns. */
void cxm_set_record_error(GError **error, CxmError code, const char *key,
                          const char *format, ...) G_GNUC_PRINTF(4, 5);
void cxm_error_set_line(GError *error, guint64 line);

/* Renders a JSON value for "got ..." in messages: at most ~40 bytes. */
char *cxm_json_excerpt(struct json_object *value);

#endif
