/* Messages, option parsing and output shared by the commands (cli.h). */
#include <stdarg.h>
#include <string.h>

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
    return cli_fail("standard output: write failed");
  return status;
}

const char *
cli_source_name(const char *file)
{
  return strcmp(file, STDIN_NAME) == 0 ? STDIN_SOURCE : file;
}

gboolean
cli_write_stream(const char *data, gsize length, gpointer stream, GError **error)
{
  if (fwrite(data, 1, length, stream) == length)
    return TRUE;
  g_set_error_literal(error, CXM_ERROR, CXM_ERROR_IO, "standard output: write failed");
  return FALSE;
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
