/* SPDX-License-Identifier: MIT */
/* A main() for the fuzz targets when they are not built with libFuzzer
 * (the normal gcc build): runs LLVMFuzzerTestOneInput() once on each file
 * named on the command line, and on each file of each directory named
 * (not recursively, in name order, skipping names that start with "."),
 * so that `make check` replays the seed corpora. Arguments that start
 * with "-" are ignored, as libFuzzer's own flags would be.
 *
 * Each input is copied into a buffer of exactly its size, so that a
 * target reading past the end is caught by valgrind or ASan. "Running:
 * FILE" goes to stderr before each input, as libFuzzer prints it, so that
 * a crash names its input. Exit status: 0 when every input ran, 2 when
 * one could not be read; a failed invariant aborts. */
#include <glib.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
run_file(const char *path)
{
  GError *error = NULL;
  char *contents;
  gsize length;
  uint8_t *copy;

  if (!g_file_get_contents(path, &contents, &length, &error)) {
    fprintf(stderr, "replay: %s\n", error->message);
    g_error_free(error);
    return 2;
  }
  fprintf(stderr, "Running: %s\n", path);
  copy = malloc(length > 0 ? length : 1);
  if (copy == NULL) {
    fprintf(stderr, "replay: out of memory for %s\n", path);
    g_free(contents);
    return 2;
  }
  if (length > 0)
    memcpy(copy, contents, length);
  g_free(contents);
  LLVMFuzzerTestOneInput(copy, length);
  free(copy);
  return 0;
}

static int
compare_names(const void *a, const void *b)
{
  return strcmp(*(char *const *) a, *(char *const *) b);
}

static int
run_directory(const char *path, guint *count)
{
  GError *error = NULL;
  GDir *dir = g_dir_open(path, 0, &error);
  GPtrArray *files;
  const char *name;
  int status = 0;

  if (dir == NULL) {
    fprintf(stderr, "replay: %s\n", error->message);
    g_error_free(error);
    return 2;
  }
  files = g_ptr_array_new_with_free_func(g_free);
  while ((name = g_dir_read_name(dir)) != NULL) {
    char *file = g_build_filename(path, name, NULL);
    if (name[0] != '.' && g_file_test(file, G_FILE_TEST_IS_REGULAR))
      g_ptr_array_add(files, file);
    else
      g_free(file);
  }
  g_dir_close(dir);
  qsort(files->pdata, files->len, sizeof(char *), compare_names);
  for (guint i = 0; i < files->len && status == 0; i++) {
    status = run_file(files->pdata[i]);
    (*count)++;
  }
  g_ptr_array_free(files, TRUE);
  return status;
}

int
main(int argc, char **argv)
{
  guint count = 0;
  int status = 0;

  for (int i = 1; i < argc && status == 0; i++) {
    if (argv[i][0] == '-')
      continue;
    if (g_file_test(argv[i], G_FILE_TEST_IS_DIR)) {
      status = run_directory(argv[i], &count);
    } else {
      status = run_file(argv[i]);
      count++;
    }
  }
  if (status == 0)
    fprintf(stderr, "replay: %u inputs\n", count);
  return status;
}
