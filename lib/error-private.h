/* SPDX-License-Identifier: MIT */
/* Setting errors: the record errors that carry a key and a line, and the
 * one rule for API misuse (doc/api.md, "Errors"). */
#ifndef CXM_ERROR_PRIVATE_H
#define CXM_ERROR_PRIVATE_H

#include <cxm/common.h>

/* API misuse in a function that takes a GError: sets
 * CXM_ERROR_INVALID_ARGUMENT "<func>: <what> must not be NULL". */
#define cxm_return_val_if_null(arg, error, val)                 \
  G_STMT_START                                                  \
  {                                                             \
    if (G_UNLIKELY((arg) == NULL)) {                            \
      g_set_error(error, CXM_ERROR, CXM_ERROR_INVALID_ARGUMENT, \
                  "%s: %s must not be NULL", G_STRFUNC, #arg);  \
      return (val);                                             \
    }                                                           \
  }                                                             \
  G_STMT_END

/* Sets a record error whose message is "@key <formatted reason>" and whose
 * key cxm_error_get_key() returns. */
void cxm_set_record_error(GError **error, CxmError code, const char *key,
                          const char *format, ...) G_GNUC_PRINTF(4, 5);
void cxm_error_set_line(GError *error, guint64 line);

#endif
