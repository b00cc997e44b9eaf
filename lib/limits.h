/* SPDX-License-Identifier: MIT */
/* The bounds cxm puts on its input (SPEC section 7) and on what one
 * recorder holds. */
#ifndef CXM_LIMITS_H
#define CXM_LIMITS_H

#include <glib.h>

#define CXM_MAX_STRING 128      /* bytes in id, employee, team, customer */
#define CXM_MAX_LINE (1u << 20) /* bytes in one JSON Lines record */
#define CXM_MAX_DEPTH 8         /* JSON nesting, the top-level object is 1 */
#define CXM_MAX_TS G_GINT64_CONSTANT(253402300799) /* 9999-12-31T23:59:59Z */
/* Records one recorder holds at most: counts stay exact as doubles, and
 * no sum of counts can wrap. */
#define CXM_MAX_RECORDS (G_GUINT64_CONSTANT(1) << 53)

#endif
