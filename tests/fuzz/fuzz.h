/* SPDX-License-Identifier: MIT */
/* Shared by the fuzz targets of tests/fuzz/: invariant checks that abort,
 * so that libFuzzer (or replay-main.c under `make check`) reports them as
 * crashes. Only the public API of libcxm is used, plus json-c to check
 * that what the library writes is JSON. */
#ifndef CXM_FUZZ_H
#define CXM_FUZZ_H

#include <cxm/cxm.h>
#include <json-c/json.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_CHECK(cond)                                                     \
  do {                                                                       \
    if (!(cond))                                                             \
      fuzz_fail(__FILE__, __LINE__, #cond);                                  \
  } while (0)

static inline G_NORETURN void
fuzz_fail(const char *file, int line, const char *what)
{
  fprintf(stderr, "%s:%d: invariant failed: %s\n", file, line, what);
  abort();
}

/* GLib criticals and warnings (g_return_if_fail() and friends) mean the
 * library misused itself or GLib: make them crashes too. GLib's own fatal
 * logging raises SIGTRAP, which libFuzzer does not catch, so abort()
 * instead. */
static GLogWriterOutput
fuzz_log_writer(GLogLevelFlags level, const GLogField *fields, gsize n_fields,
                gpointer user_data)
{
  g_log_writer_standard_streams(level, fields, n_fields, user_data);
  if (level & (G_LOG_FLAG_FATAL | G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL |
               G_LOG_LEVEL_WARNING)) {
    fprintf(stderr, "fuzz: GLib logged a critical or a warning\n");
    abort();
  }
  return G_LOG_WRITER_HANDLED;
}

static inline void
fuzz_init(void)
{
  static gboolean done;
  if (!done) {
    g_log_set_writer_func(fuzz_log_writer, NULL, NULL);
    done = TRUE;
  }
}

/* A failure must come with a CXM_ERROR whose message is printable text. */
static inline void
fuzz_check_error(const GError *error)
{
  FUZZ_CHECK(error != NULL);
  FUZZ_CHECK(error->domain == CXM_ERROR);
  FUZZ_CHECK(error->message != NULL && error->message[0] != '\0');
  FUZZ_CHECK(g_utf8_validate(error->message, -1, NULL));
}

/* @text must be one JSON value of type @type, valid UTF-8, with nothing
 * after it. Returns the parsed value (release with json_object_put()). */
static inline json_object *
fuzz_parse_json(const char *text, json_type type)
{
  json_tokener *tok;
  json_object *obj;
  size_t len;

  FUZZ_CHECK(text != NULL);
  len = strlen(text);
  FUZZ_CHECK(g_utf8_validate(text, (gssize) len, NULL));
  tok = json_tokener_new();
  json_tokener_set_flags(tok, JSON_TOKENER_STRICT);
  obj = json_tokener_parse_ex(tok, text, (int) len);
  FUZZ_CHECK(json_tokener_get_error(tok) == json_tokener_success);
  FUZZ_CHECK(json_tokener_get_parse_end(tok) == len);
  json_tokener_free(tok);
  FUZZ_CHECK(json_object_is_type(obj, type));
  return obj;
}

/* Member @key of @obj, which must be there (possibly null). */
static inline json_object *
fuzz_member(json_object *obj, const char *key)
{
  json_object *value = NULL;
  FUZZ_CHECK(json_object_object_get_ex(obj, key, &value));
  return value;
}

/* JSON text holds no NUL byte (a NUL can only be written \u0000 inside a
 * string), so no parser may accept input that has one. */
static inline void
fuzz_check_no_nul(const uint8_t *data, size_t size)
{
  FUZZ_CHECK(memchr(data, '\0', size) == NULL);
}

/* n of one group of @recorder; the group must exist. */
static inline guint64
fuzz_group_n(const CxmRecorder *recorder, CxmGroupKind kind, const char *key)
{
  GError *error = NULL;
  CxmStats *stats = cxm_recorder_get_stats(recorder, kind, key, &error);
  guint64 n;

  FUZZ_CHECK(stats != NULL && error == NULL);
  n = cxm_stats_get_count(stats, CXM_COUNT_N);
  cxm_stats_free(stats);
  return n;
}

/* Every group of @kind adds up to the totals. */
static inline void
fuzz_check_groups_add_up(const CxmRecorder *recorder, CxmGroupKind kind)
{
  char **keys = cxm_recorder_get_keys(recorder, kind, NULL);
  guint64 sum = 0;

  FUZZ_CHECK(keys != NULL);
  for (char **key = keys; *key != NULL; key++) {
    FUZZ_CHECK(key == keys || strcmp(key[-1], key[0]) != 0);
    sum += fuzz_group_n(recorder, kind, *key);
  }
  cxm_strv_free(keys);
  FUZZ_CHECK(sum == cxm_recorder_get_n(recorder));
}

/* The reports of two recorders that must hold the same sums: one JSON
 * object, the same byte for byte (no import result: the recorders' own
 * counts). */
static inline void
fuzz_check_same_report(const CxmRecorder *a, const CxmRecorder *b,
                       unsigned int flags)
{
  char *ra = cxm_report_to_json(a, NULL, flags, NULL);
  char *rb = cxm_report_to_json(b, NULL, flags, NULL);

  FUZZ_CHECK(ra != NULL && rb != NULL);
  json_object_put(fuzz_parse_json(ra, json_type_object));
  FUZZ_CHECK(strcmp(ra, rb) == 0);
  cxm_free(ra);
  cxm_free(rb);
}

/* @rec's snapshot, which must be one JSON object. */
static inline char *
fuzz_snapshot(const CxmRecorder *rec, gsize *length)
{
  GError *error = NULL;
  char *text = cxm_snapshot_save(rec, length, &error);

  FUZZ_CHECK(text != NULL && error == NULL);
  FUZZ_CHECK(strlen(text) == *length);
  return text;
}

/* @rec's snapshot is @expected, byte for byte. */
static inline void
fuzz_check_snapshot(const CxmRecorder *rec, const char *expected, gsize expected_len)
{
  gsize len;
  char *text = fuzz_snapshot(rec, &len);

  FUZZ_CHECK(len == expected_len && memcmp(text, expected, len) == 0);
  cxm_free(text);
}

/* Every group kind the report can show without an org. */
#define FUZZ_REPORT_ALL_GROUPS                                               \
  (CXM_REPORT_TEAMS | CXM_REPORT_EMPLOYEES | CXM_REPORT_CHANNELS |           \
   CXM_REPORT_DAYS | CXM_REPORT_WEEKS | CXM_REPORT_MONTHS |                  \
   CXM_REPORT_HOTSPOTS)

#endif
