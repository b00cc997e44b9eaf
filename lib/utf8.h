/* SPDX-License-Identifier: MIT */
/* UTF-8 validation on the hot path. */
#ifndef CXM_UTF8_H
#define CXM_UTF8_H

#include <glib.h>

/* g_utf8_validate_len() with a fast path for ASCII; @bad (nullable) is
 * set to the first invalid byte on failure. */
gboolean cxm_utf8_validate(const char *text, gsize len, const char **bad);
/* TRUE when @text holds printable ASCII only (0x20..0x7e): valid UTF-8
 * without a control character. */
gboolean cxm_is_printable_ascii(const char *text, gsize len);

#endif
