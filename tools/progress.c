/* SPDX-License-Identifier: MIT */
/* Progress of an import on a terminal, and the import of one FILE. */
#include <string.h>
#include <unistd.h>

#include "cli.h"

/* Redraw at most this often (microseconds). */
#define PROGRESS_INTERVAL 200000

/* "12,345,678": a count with its thousands grouped. */
static char *
grouped_count(guint64 n)
{
  g_autofree char *digits = g_strdup_printf("%" G_GUINT64_FORMAT, n);
  GString *out = g_string_new(NULL);
  gsize len = strlen(digits);
  for (gsize i = 0; i < len; i++) {
    if (i > 0 && (len - i) % 3 == 0)
      g_string_append_c(out, ',');
    g_string_append_c(out, digits[i]);
  }
  return g_string_free(out, FALSE);
}

static void
progress_draw(guint64 records, guint64 bytes, gpointer data)
{
  CliProgress *progress = data;
  gint64 now = g_get_monotonic_time();
  if (progress->shown && now - progress->drawn < PROGRESS_INTERVAL)
    return;
  double seconds = (double) (now - progress->start) / G_USEC_PER_SEC;
  g_autofree char *count = grouped_count(records);
  /* Clear to the end of the line: the rate may have fewer digits. */
  fprintf(stderr, "\r%s records, %.1f MB, %.0f records/s\033[K", count,
          (double) bytes / 1e6, seconds > 0 ? (double) records / seconds : 0.0);
  fflush(stderr);
  progress->drawn = now;
  progress->shown = TRUE;
}

void
cli_progress_start(CliProgress *progress, CxmImportResult *result)
{
  progress->start = g_get_monotonic_time();
  progress->shown = FALSE;
  if (isatty(STDERR_FILENO))
    cxm_import_result_set_progress(result, progress_draw, progress);
}

void
cli_progress_clear(CliProgress *progress)
{
  if (!progress->shown)
    return;
  fputs("\r\033[K", stderr);
  fflush(stderr);
  progress->shown = FALSE;
}

gboolean
cli_import_file(CxmRecorder *recorder, const char *file, unsigned int flags,
                CxmImportResult *result, CliProgress *progress, GError **error)
{
  gboolean ok;
  if (strcmp(file, STDIN_NAME) == 0)
    ok = cxm_import_stream(recorder, stdin, STDIN_SOURCE, flags, result, error);
  else
    ok = cxm_import_path(recorder, file, flags, result, error);
  cli_progress_clear(progress);
  return ok;
}
