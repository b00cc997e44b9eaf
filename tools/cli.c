/* SPDX-License-Identifier: MIT */
/* Messages, option parsing and output shared by the commands (cli.h). */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "cli.h"

int
cli_fail(const char *format, ...)
{
  va_list args;
  va_start(args, format);
  g_autofree char *message = g_strdup_vprintf(format, args);
  va_end(args);
  /* stdio, not g_printerr(): that one would turn UTF-8 into '?' in the C
   * locale, and messages quote the input. */
  fprintf(stderr, "cxm: %s\n", message);
  return EXIT_USAGE;
}

int
cli_fail_error(GError *error)
{
  cli_fail("%s", error->message);
  g_error_free(error);
  return EXIT_USAGE;
}

int
cli_finish_output(int status)
{
  if (fflush(stdout) != 0 || ferror(stdout))
    return cli_fail("standard output: write failed: %s", g_strerror(errno));
  return status;
}

gboolean
cli_output_open(CliOutput *output, const char *path)
{
  *output = (CliOutput){ stdout, NULL, NULL };
  if (path == NULL || strcmp(path, STDIN_NAME) == 0)
    return TRUE;
  output->temporary = g_strconcat(path, ".XXXXXX", NULL);
  int fd = g_mkstemp_full(output->temporary, O_WRONLY | O_CLOEXEC, 0644);
  if (fd < 0 || (output->stream = fdopen(fd, "wb")) == NULL) {
    cli_fail("%s: cannot write: %s", path, g_strerror(errno));
    if (fd >= 0) {
      close(fd);
      g_unlink(output->temporary);
    }
    g_clear_pointer(&output->temporary, g_free);
    output->stream = NULL;
    return FALSE;
  }
  output->path = g_strdup(path);
  return TRUE;
}

gboolean
cli_output_write(const char *data, gsize length, gpointer user_data, GError **error)
{
  CliOutput *output = user_data;
  if (fwrite(data, 1, length, output->stream) == length)
    return TRUE;
  g_set_error(error, CXM_ERROR, CXM_ERROR_IO, "%s: write failed: %s",
              output->path != NULL ? output->path : "standard output", g_strerror(errno));
  return FALSE;
}

int
cli_output_finish(CliOutput *output, int status)
{
  if (output->path == NULL)
    return cli_finish_output(status);
  FILE *stream = g_steal_pointer(&output->stream);
  gboolean ok = fflush(stream) == 0 && !ferror(stream) && fsync(fileno(stream)) == 0;
  int saved = errno; /* of the step that failed */
  if (fclose(stream) != 0 && ok) {
    ok = FALSE;
    saved = errno;
  }
  if (ok && g_rename(output->temporary, output->path) == 0) {
    g_clear_pointer(&output->temporary, g_free);
    return status;
  }
  if (ok)
    saved = errno; /* of the rename */
  return cli_fail("%s: not written: %s", output->path, g_strerror(saved));
}

void
cli_output_clear(CliOutput *output)
{
  if (output->path != NULL && output->stream != NULL)
    fclose(output->stream);
  if (output->temporary != NULL)
    g_unlink(output->temporary);
  g_clear_pointer(&output->temporary, g_free);
  g_clear_pointer(&output->path, g_free);
  output->stream = NULL;
}

const char *
cli_source_name(const char *file)
{
  return strcmp(file, STDIN_NAME) == 0 ? STDIN_SOURCE : file;
}

const char *
cli_plural(guint64 n, const char *one, const char *many)
{
  return n == 1 ? one : many;
}

GOptionContext *
cli_context_new(const char *parameters, const char *summary, const char *description,
                const GOptionEntry *entries)
{
  GOptionContext *context = g_option_context_new(parameters);
  g_option_context_set_help_enabled(context, FALSE);
  g_option_context_set_summary(context, summary);
  g_option_context_set_description(context, description);
  g_option_context_add_main_entries(context, entries, NULL);
  return context;
}

/* A command's --help: GOption names the program only, the usage line needs
 * the command too. */
static char *
command_help(GOptionContext *context, const char *command)
{
  g_autofree char *help = g_option_context_get_help(context, TRUE, NULL);
  GString *text = g_string_new(help);
  g_autofree char *usage = g_strdup_printf("  cxm %s [", command);
  g_string_replace(text, "  cxm [", usage, 1);
  return g_string_free(text, FALSE);
}

int
cli_parse(GOptionContext *context, const char *command, gboolean *help, int *argc,
          char ***argv)
{
  GError *error = NULL;
  if (!g_option_context_parse(context, argc, argv, &error)) {
    cli_fail("%s (see 'cxm %s --help')", error->message, command);
    g_error_free(error);
    return EXIT_USAGE;
  }
  if (*help) {
    g_autofree char *text = command_help(context, command);
    fputs(text, stdout);
    return cli_finish_output(EXIT_OK);
  }
  return -1;
}

gboolean
cli_parse_max_groups(const char *text, guint64 *value)
{
  g_autoptr(GError) error = NULL;
  if (!g_ascii_string_to_unsigned(text, 10, 0, G_MAXUINT64, value, &error)) {
    cli_fail("--max-groups needs a count of groups (0: no bound), got \"%s\"", text);
    return FALSE;
  }
  return TRUE;
}

CxmRecorder *
cli_recorder_new(const CxmPolicy *policy, CxmOrg *org, const char *max_groups_text,
                 guint64 max_groups)
{
  CxmRecorder *recorder = cxm_recorder_new(policy);
  /* An empty recorder always accepts an org. */
  if (org != NULL)
    cxm_recorder_set_org(recorder, org, NULL);
  if (max_groups_text != NULL)
    cxm_recorder_set_max_groups(recorder, max_groups);
  return recorder;
}

CxmRecorder *
cli_recorder_load(const char *policy_path, const char *org_path,
                  const char *max_groups_text)
{
  GError *error = NULL;
  guint64 max_groups = 0;
  if (max_groups_text != NULL && !cli_parse_max_groups(max_groups_text, &max_groups))
    return NULL;
  /* The messages name the files already. */
  g_autoptr(CxmPolicy) policy = policy_path != NULL
                                    ? cxm_policy_new_from_file(policy_path, &error)
                                    : cxm_policy_new();
  g_autoptr(CxmOrg) org = NULL;
  if (policy == NULL ||
      (org_path != NULL && (org = cxm_org_new_from_file(org_path, &error)) == NULL)) {
    cli_fail_error(error);
    return NULL;
  }
  return cli_recorder_new(policy, org, max_groups_text, max_groups);
}
