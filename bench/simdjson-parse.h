/* SPDX-License-Identifier: MIT */
/* simdjson's parse rate alone, for cxm-bench (bench/simdjson-parse.cc). */
#ifndef CXM_BENCH_SIMDJSON_PARSE_H
#define CXM_BENCH_SIMDJSON_PARSE_H

#include <glib.h>

G_BEGIN_DECLS

/* Reads @path into *@data (free with g_free()), padded for simdjson. */
gboolean bench_simdjson_load(const char *path, char **data, gsize *size);
/* Parses every non-blank line of @data on @threads threads; counts the
 * lines and those that parse. */
void bench_simdjson_parse(const char *data, gsize size, guint threads, guint64 *records,
                          guint64 *parsed);

G_END_DECLS

#endif
