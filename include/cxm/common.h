/* cxm/common.h: export macro, error domain, version query, memory release. */
#ifndef CXM_COMMON_H
#define CXM_COMMON_H

#include <glib.h>
#include <cxm/version.h>

G_BEGIN_DECLS

/* Marks the public API; the library is built with -fvisibility=hidden, so
 * nothing else is exported. */
#if defined(__GNUC__) || defined(__clang__)
#define CXM_EXTERN __attribute__((visibility("default"))) extern
#else
#define CXM_EXTERN extern
#endif

/**
 * CXM_ERROR:
 * The error domain of every GError that cxm sets. Codes are CxmError.
 */
#define CXM_ERROR (cxm_error_quark())
CXM_EXTERN GQuark cxm_error_quark(void);

/**
 * CxmError:
 * @CXM_ERROR_INVALID_ARGUMENT: API misuse: NULL handle, out-of-range enum.
 * @CXM_ERROR_IO: a file or descriptor could not be read.
 * @CXM_ERROR_INVALID_JSON: a line or file is not valid JSON.
 * @CXM_ERROR_INVALID_UTF8: a line is not valid UTF-8.
 * @CXM_ERROR_TOO_LONG: a line is longer than 1 MiB.
 * @CXM_ERROR_TOO_DEEP: JSON nested deeper than 8 levels.
 * @CXM_ERROR_NOT_OBJECT: a record is not a JSON object.
 * @CXM_ERROR_MISSING: a required key is absent.
 * @CXM_ERROR_TYPE: a value has the wrong JSON type.
 * @CXM_ERROR_RANGE: a number or length is out of range for its key.
 * @CXM_ERROR_ENUM: a string is not one of the allowed names.
 * @CXM_ERROR_DUPLICATE: an array holds the same name twice.
 * @CXM_ERROR_FORMAT: a string breaks its format (timestamp, control characters).
 * @CXM_ERROR_POLICY: a policy is invalid (unknown key, inconsistent thresholds).
 * @CXM_ERROR_POLICY_MISMATCH: aggregates built under different policies.
 * @CXM_ERROR_NOT_FOUND: no such group.
 * @CXM_ERROR_ORG: an org file is invalid (duplicate ids, unknown managers,
 *   cycles, bad fields); the message names the ids involved.
 * @CXM_ERROR_LIMIT: a record would create more distinct groups than the
 *   recorder's limit (cxm_recorder_set_max_groups()).
 * @CXM_ERROR_SNAPSHOT: a snapshot is invalid: wrong version, corrupt or
 *   inconsistent sums.
 * @CXM_ERROR_BUSY: another writer holds the journal's lock.
 * @CXM_ERROR_DUPLICATE_ID: the journal already holds a record with this id
 *   (CXM_JOURNAL_UNIQUE_IDS); the record was ignored.
 *
 * Codes are stable: new ones are only ever appended. Errors about one key
 * of a record say which (cxm_error_get_key()); those from a strict import
 * also say on which line (cxm_error_get_line()).
 */
typedef enum {
  CXM_ERROR_INVALID_ARGUMENT = 1,
  CXM_ERROR_IO,
  CXM_ERROR_INVALID_JSON,
  CXM_ERROR_INVALID_UTF8,
  CXM_ERROR_TOO_LONG,
  CXM_ERROR_TOO_DEEP,
  CXM_ERROR_NOT_OBJECT,
  CXM_ERROR_MISSING,
  CXM_ERROR_TYPE,
  CXM_ERROR_RANGE,
  CXM_ERROR_ENUM,
  CXM_ERROR_DUPLICATE,
  CXM_ERROR_FORMAT,
  CXM_ERROR_POLICY,
  CXM_ERROR_POLICY_MISMATCH,
  CXM_ERROR_NOT_FOUND,
  CXM_ERROR_ORG,
  CXM_ERROR_LIMIT,
  CXM_ERROR_SNAPSHOT,
  CXM_ERROR_BUSY,
  CXM_ERROR_DUPLICATE_ID
} CxmError;

/* The key a record error is about ("csat"), or NULL: errors that are not
 * about one key (invalid JSON, an I/O error) and errors of other domains.
 * The string belongs to @error. */
CXM_EXTERN const char *cxm_error_get_key(const GError *error);
/* The 1-based input line of an error from an import in strict mode, or 0. */
CXM_EXTERN guint64 cxm_error_get_line(const GError *error);

/* Runtime version of the loaded library: CXM_VERSION_HEX and
 * CXM_VERSION_STRING of the headers it was built from. The string is static. */
CXM_EXTERN unsigned int cxm_version(void);
CXM_EXTERN const char *cxm_version_string(void);

/**
 * CxmWriteFunc:
 * @data: the next bytes of the output (not NUL-terminated)
 * @length: how many bytes @data holds, never 0
 * @user_data: the pointer given with the function
 * @error: where to say why writing failed
 *
 * Where a writer (cxm_report_write()) sends its output, a block at a
 * time. Returns TRUE when all of @data was taken; FALSE, with @error set
 * (any domain), stops the writer, which then fails with that error.
 */
typedef gboolean (*CxmWriteFunc)(const char *data, gsize length,
                                 gpointer user_data, GError **error);

/* Releases memory that a cxm function returned as caller-owned
 * ("free with cxm_free()"). Accepts NULL. For callers that cannot call
 * g_free() directly, such as ctypes. */
CXM_EXTERN void cxm_free(void *memory);

/* Releases a NULL-terminated string array returned by cxm. Accepts NULL. */
CXM_EXTERN void cxm_strv_free(char **strv);

G_END_DECLS

#endif
