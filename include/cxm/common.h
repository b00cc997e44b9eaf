/* SPDX-License-Identifier: MIT */
/**
 * SECTION:common
 * @title: cxm/common.h
 * @short_description: export macro, error domain, version query, memory release
 *
 * Part of the umbrella header <cxm/cxm.h>: include that one, not this part.
 */
#ifndef CXM_COMMON_H
#define CXM_COMMON_H

#include <glib.h>
#include <cxm/version.h>

G_BEGIN_DECLS

/**
 * CXM_EXTERN:
 *
 * Marks the public API; the library is built with `-fvisibility=hidden`, so
 * nothing else is exported.
 */
#if defined(__GNUC__) || defined(__clang__)
#define CXM_EXTERN __attribute__((visibility("default"))) extern
#else
#define CXM_EXTERN extern
#endif

/**
 * CXM_ERROR:
 *
 * The error domain of every #GError that cxm sets; its codes are #CxmError.
 * (An error that a #CxmWriteFunc sets is passed on as it is, in its own
 * domain.)
 */
#define CXM_ERROR (cxm_error_quark())
/**
 * cxm_error_quark:
 *
 * The function behind %CXM_ERROR.
 *
 * Returns: the #GQuark of the cxm error domain
 */
CXM_EXTERN GQuark cxm_error_quark(void);

/**
 * CxmError:
 * @CXM_ERROR_INVALID_ARGUMENT: API misuse: NULL handle, out-of-range enum; also a
 *   call that the arguments or the object's state do not allow (each function
 *   says which).
 * @CXM_ERROR_IO: a file or descriptor could not be opened, read, written or
 *   synced (a journal's too), or a #CxmWriteFunc failed without saying why.
 * @CXM_ERROR_INVALID_JSON: a record (a line) is not valid JSON; policy, org and
 *   snapshot files have codes of their own.
 * @CXM_ERROR_INVALID_UTF8: a line, or a string given to a setter, is not valid
 *   UTF-8.
 * @CXM_ERROR_TOO_LONG: a line is longer than 1 MiB.
 * @CXM_ERROR_TOO_DEEP: JSON nested deeper than 8 levels.
 * @CXM_ERROR_NOT_OBJECT: a record is not a JSON object.
 * @CXM_ERROR_MISSING: a required key is absent.
 * @CXM_ERROR_TYPE: a value has the wrong JSON type.
 * @CXM_ERROR_RANGE: a number or length is out of range for its key.
 * @CXM_ERROR_ENUM: a string is not one of the allowed names.
 * @CXM_ERROR_DUPLICATE: an array holds the same name twice, or a set already
 *   holds the value added (cxm_interaction_add_difficulty()).
 * @CXM_ERROR_FORMAT: a string breaks its format (timestamp, control characters).
 * @CXM_ERROR_POLICY: a policy is invalid (unknown key, inconsistent thresholds).
 * @CXM_ERROR_POLICY_MISMATCH: aggregates built under different policies.
 * @CXM_ERROR_NOT_FOUND: no such group, or no such person in the org.
 * @CXM_ERROR_ORG: an org file is invalid (duplicate ids, unknown managers,
 *   cycles, bad fields); the message names the ids involved.
 * @CXM_ERROR_LIMIT: a record or a merge would create more distinct groups than
 *   the recorder's limit (cxm_recorder_set_max_groups()), a record or a merge
 *   would hold more than 2^53 records or leadership events (the message
 *   names the count), or a snapshot more than %CXM_DEFAULT_MAX_GROUPS
 *   groups.
 * @CXM_ERROR_SNAPSHOT: a snapshot is invalid: wrong version, corrupt or
 *   inconsistent sums.
 * @CXM_ERROR_BUSY: another writer holds the journal's lock.
 * @CXM_ERROR_DUPLICATE_ID: the journal already holds a record with this id
 *   (%CXM_JOURNAL_UNIQUE_IDS); the record was ignored.
 *
 * The codes of the %CXM_ERROR domain. Codes are stable: new ones are only
 * ever appended. Errors about one key of a record say which
 * (cxm_error_get_key()); those from a strict import also say on which line
 * (cxm_error_get_line()).
 *
 * API misuse (a %NULL where an object is required, an out-of-range enum)
 * never crashes: a function that takes a `GError **` reports it as
 * %CXM_ERROR_INVALID_ARGUMENT; a function without one reports it with
 * g_return_val_if_fail() (a critical warning and its "nothing" value: %NULL,
 * 0, %FALSE or %CXM_UNSET; g_return_if_fail() when it returns nothing).
 * Flags are passed as `unsigned int` (values from the `Cxm*Flags` enums
 * combined with `|`). This rule holds for the whole API and is not repeated
 * on each function; see doc/api.md.
 *
 * Wherever a function takes `GError **error`, it is a return location for a
 * #GError, or %NULL to ignore the details, as in GLib.
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

/**
 * cxm_error_get_key:
 * @error: (nullable): an error, of any domain
 *
 * The key of the record that an error is about.
 *
 * Returns: (transfer none) (nullable): the key ("csat"), owned by @error; %NULL
 *   for errors that are not about one key (invalid JSON, an I/O error), for
 *   errors of other domains and for a %NULL @error
 */
CXM_EXTERN const char *cxm_error_get_key(const GError *error);
/**
 * cxm_error_get_line:
 * @error: (nullable): an error, of any domain
 *
 * The input line of an error from an import in strict mode
 * (%CXM_IMPORT_STRICT).
 *
 * Returns: the 1-based input line, or 0 for any other error (and for a %NULL
 *   @error)
 */
CXM_EXTERN guint64 cxm_error_get_line(const GError *error);

/**
 * cxm_version:
 *
 * The runtime version of the loaded library.
 *
 * Returns: %CXM_VERSION_HEX of the headers the library was built from
 */
CXM_EXTERN unsigned int cxm_version(void);
/**
 * cxm_version_string:
 *
 * The runtime version of the loaded library, as a string.
 *
 * Returns: (transfer none): %CXM_VERSION_STRING of the headers the library
 *   was built from; the string is static
 */
CXM_EXTERN const char *cxm_version_string(void);

/**
 * CxmWriteFunc:
 * @data: (array length=length): the next bytes of the output (not
 *   NUL-terminated), owned by the writer and valid only during the call
 * @length: how many bytes @data holds, never 0
 * @user_data: the pointer given with the function
 * @error: where to say why writing failed
 *
 * Where a writer (cxm_report_write()) sends its output, a block at a
 * time. Once it has failed, it is not called again.
 *
 * Returns: %TRUE when all of @data was taken; %FALSE, with @error set (any
 *   domain), stops the writer, which then fails with that error (with
 *   %CXM_ERROR_IO, "write failed", when @error was left unset)
 */
typedef gboolean (*CxmWriteFunc)(const char *data, gsize length, gpointer user_data,
                                 GError **error);

/**
 * cxm_free:
 * @memory: (nullable) (transfer full): memory that a cxm function returned
 *   as caller-owned
 *
 * Releases memory that a cxm function returned as caller-owned ("free with
 * cxm_free()"). Accepts %NULL. For callers that cannot call g_free()
 * directly, such as ctypes; it is the same as g_free().
 */
CXM_EXTERN void cxm_free(void *memory);

/**
 * cxm_strv_free:
 * @strv: (nullable) (transfer full) (array zero-terminated=1): a string array
 *   returned by cxm
 *
 * Releases a %NULL-terminated string array returned by cxm ("free with
 * cxm_strv_free()"), as g_strfreev() does. Accepts %NULL.
 */
CXM_EXTERN void cxm_strv_free(char **strv);

G_END_DECLS

#endif
