/* SPDX-License-Identifier: MIT */
/* import-report.c: imports JSON Lines and prints the JSON report.
 *
 *   import-report [FILE...]     (standard input when no FILE is given)
 *
 * All files add up into one recorder and one import result. The report goes
 * to standard output, indented; each rejected record to standard error.
 * Exit status: 0, 1 when records were rejected, 2 when a file could not be
 * read. */
#include <stdio.h>
#include <cxm/cxm.h>

int
main(int argc, char **argv)
{
  GError *error = NULL;
  g_autoptr(CxmRecorder) recorder = cxm_recorder_new(NULL);
  /* One result for all inputs: counts and rejections add up. */
  g_autoptr(CxmImportResult) result = cxm_import_result_new();

  if (argc < 2) {
    /* Errors from standard input carry no file name: source NULL. */
    if (!cxm_import_stream(recorder, stdin, NULL, CXM_IMPORT_DEFAULT, result, &error)) {
      fprintf(stderr, "import-report: %s\n", error->message);
      g_error_free(error);
      return 2;
    }
  }
  for (int i = 1; i < argc; i++) {
    /* Only an I/O error fails an import; bad records land in @result. */
    if (!cxm_import_path(recorder, argv[i], CXM_IMPORT_DEFAULT, result, &error)) {
      fprintf(stderr, "import-report: %s\n", error->message);
      g_error_free(error);
      return 2;
    }
  }

  char *json = cxm_report_to_json(recorder, result,
                                  CXM_REPORT_CHANNELS | CXM_REPORT_PRETTY, &error);
  if (json == NULL) {
    fprintf(stderr, "import-report: %s\n", error->message);
    g_error_free(error);
    return 2;
  }
  printf("%s\n", json);
  cxm_free(json);

  /* The result keeps the first rejections (100 by default) in detail. */
  for (guint i = 0; i < cxm_import_result_get_n_errors(result); i++) {
    const char *source = cxm_import_result_get_error_source(result, i);
    const char *key = cxm_import_result_get_error_key(result, i);
    fprintf(stderr, "%s: line %" G_GUINT64_FORMAT ": [%s] %s\n",
            source != NULL ? source : "<stdin>",
            cxm_import_result_get_error_line(result, i), key != NULL ? key : "-",
            cxm_import_result_get_error_message(result, i));
  }
  guint64 rejected = cxm_import_result_get_rejected(result);
  fprintf(stderr,
          "%" G_GUINT64_FORMAT " records, %" G_GUINT64_FORMAT
          " accepted, %" G_GUINT64_FORMAT " rejected\n",
          cxm_import_result_get_records(result), cxm_import_result_get_accepted(result),
          rejected);
  return rejected > 0 ? 1 : 0;
}
