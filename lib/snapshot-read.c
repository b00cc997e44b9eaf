/* SPDX-License-Identifier: MIT */
/* Reading snapshots (cxm/snapshot.h): format 2 a line at a time, from
 * memory or a file descriptor, each line bounded (CXM_SNAPSHOT_MAX_LINE)
 * and parsed alone, so that memory goes to the sums and garbage is refused
 * at its first line; format 1 (snapshot-v1.c) when the input begins as it
 * does. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "enums-private.h"
#include "error-private.h"
#include "json-text.h"
#include "limits.h"
#include "period-private.h"
#include "snapshot-private.h"
#include "utf8.h"

/* A format 2 line: a group's sums take a few KiB at most. */
#define MAX_LINE CXM_SNAPSHOT_MAX_LINE
#define READ_BLOCK 65536

/* ---- reading: the input, a line at a time ------------------------------ */

/* A snapshot in memory (@fd -1) or read from a file descriptor into
 * @buffer; lines are at most MAX_LINE bytes. */
typedef struct {
  int fd;
  const char *data; /* memory: the snapshot */
  gsize len;
  GString *buffer; /* fd: what was read; from @pos on not yet taken */
  gsize pos;
  gboolean eof;
  guint64 line; /* lines taken */
} Input;

static const char *
input_base(const Input *in)
{
  return in->fd < 0 ? in->data : in->buffer->str;
}

static gsize
input_end(const Input *in)
{
  return in->fd < 0 ? in->len : in->buffer->len;
}

/* Reads one more block; FALSE on a read error. */
static gboolean
input_fill(Input *in, GError **error)
{
  gssize n;

  if (in->pos > 0 && in->pos >= in->buffer->len / 2) {
    g_string_erase(in->buffer, 0, (gssize) in->pos);
    in->pos = 0;
  }
  g_string_set_size(in->buffer, in->buffer->len + READ_BLOCK);
  do
    n = read(in->fd, in->buffer->str + in->buffer->len - READ_BLOCK, READ_BLOCK);
  while (n < 0 && errno == EINTR);
  g_string_set_size(in->buffer, in->buffer->len - READ_BLOCK + (gsize) MAX(n, 0));
  if (n < 0) {
    g_set_error(error, CXM_ERROR, CXM_ERROR_IO, "read failed: %s", g_strerror(errno));
    return FALSE;
  }
  in->eof = n == 0;
  return TRUE;
}

/* At least @n bytes not yet taken, or all there are. */
static gboolean
input_peek(Input *in, gsize n, GError **error)
{
  while (in->fd >= 0 && !in->eof && input_end(in) - in->pos < n)
    if (!input_fill(in, error))
      return FALSE;
  return TRUE;
}

/* The next line, without its "\n": 1, 0 at the end, -1 on error. */
static int
input_next_line(Input *in, const char **line, gsize *len, GError **error)
{
  for (;;) {
    const char *start = input_base(in) + in->pos;
    gsize left = input_end(in) - in->pos;
    const char *nl = memchr(start, '\n', MIN(left, (gsize) MAX_LINE + 1));
    gsize n = nl != NULL ? (gsize) (nl - start) : left;

    if (n > MAX_LINE) {
      cxm_snapshot_invalid(error, NULL,
                           "line %" G_GUINT64_FORMAT " is longer than %u bytes",
                           in->line + 1, MAX_LINE);
      return -1;
    }
    if (nl != NULL || in->fd < 0 || in->eof) {
      if (n == 0 && nl == NULL)
        return 0;
      *line = start;
      *len = n;
      in->pos += n + (nl != NULL);
      in->line++;
      return 1;
    }
    if (!input_fill(in, error))
      return -1;
  }
}

/* The rest of the input, whole: a format 1 snapshot. */
static gboolean
input_rest(Input *in, const char **data, gsize *len, GError **error)
{
  while (in->fd >= 0 && !in->eof && input_end(in) - in->pos <= CXM_SNAPSHOT_V1_MAX_SIZE)
    if (!input_fill(in, error))
      return FALSE;
  *data = input_base(in) + in->pos;
  *len = input_end(in) - in->pos;
  if (*len <= CXM_SNAPSHOT_V1_MAX_SIZE)
    return TRUE;
  return cxm_snapshot_invalid(error, NULL,
                              "a format 1 snapshot is read whole, and this one is larger "
                              "than its bound of %u bytes",
                              (unsigned) CXM_SNAPSHOT_V1_MAX_SIZE);
}

/* Whether the input begins as format 1 does: {"cxm_snapshot":1, spaces
 * allowed. */
static gboolean
looks_like_v1(const char *p, gsize len)
{
  static const char key[] = "\"cxm_snapshot\"";
  const char *end = p + len;

#define SKIP_SPACE()                                                       \
  while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')) \
  p++
  SKIP_SPACE();
  if (p == end || *p++ != '{')
    return FALSE;
  SKIP_SPACE();
  if ((gsize) (end - p) < sizeof key - 1 || memcmp(p, key, sizeof key - 1) != 0)
    return FALSE;
  p += sizeof key - 1;
  SKIP_SPACE();
  if (p == end || *p++ != ':')
    return FALSE;
  SKIP_SPACE();
#undef SKIP_SPACE
  return p + 1 < end && p[0] == '1' && !g_ascii_isdigit(p[1]) && p[1] != '.' &&
         p[1] != 'e' && p[1] != 'E';
}

/* ---- reading format 2 ------------------------------------------------- */

typedef struct {
  CxmRecorder *rec;
  json_tokener *tok;
  Input *in;
  guint64 groups, records, events;
  gboolean undated[CXM_LEVEL_COUNT]; /* a lead_level line without a day seen */
} Load;

/* The kinds of group line: the member that names the group. */
typedef enum {
  KIND_LEVEL,
  KIND_CHANNEL,
  KIND_TEAM,
  KIND_LEAD_LEVEL,
  KIND_LEAD_TEAM,
  KIND_EMPLOYEE,
  KIND_LEAD_ACTOR,
  KIND_LEAD_SUBJECT,
  KIND_COUNT
} Kind;

static const struct {
  const char *key;
  const char *name_key; /* the record key its name is checked as */
  gboolean lead;        /* "events", else "sums" */
  int day;              /* 1: required, 0: refused, -1: either */
} kinds[KIND_COUNT] = {
  [KIND_LEVEL] = { "level", NULL, FALSE, 1 },
  [KIND_CHANNEL] = { "channel", NULL, FALSE, 1 },
  [KIND_TEAM] = { "team", "team", FALSE, 1 },
  [KIND_LEAD_LEVEL] = { "lead_level", NULL, TRUE, -1 },
  [KIND_LEAD_TEAM] = { "lead_team", "team", TRUE, 1 },
  [KIND_EMPLOYEE] = { "employee", "employee", FALSE, 0 },
  [KIND_LEAD_ACTOR] = { "lead_actor", "actor", TRUE, 0 },
  [KIND_LEAD_SUBJECT] = { "lead_subject", "subject", TRUE, 0 },
};

/* One line as a JSON object; NULL after an error naming the line. */
static json_object *
parse_line(Load *l, const char *text, gsize len, GError **error)
{
  g_autofree char *where = g_strdup_printf("line %" G_GUINT64_FORMAT, l->in->line);
  enum json_tokener_error jerr;
  json_object *obj;
  const char *bad;
  gsize end;

  if (len == 0) {
    cxm_snapshot_invalid(error, where, "an empty line");
    return NULL;
  }
  if (!cxm_utf8_validate(text, len, &bad)) {
    cxm_snapshot_invalid(error, where,
                         "invalid UTF-8 (byte %" G_GSIZE_FORMAT " of the line)",
                         (gsize) (bad - text) + 1);
    return NULL;
  }
  json_tokener_reset(l->tok);
  obj = json_tokener_parse_ex(l->tok, text, (int) len);
  jerr = json_tokener_get_error(l->tok);
  end = json_tokener_get_parse_end(l->tok);
  if (jerr == json_tokener_continue) {
    /* The line is whole: a value that json-c holds open waiting for a
     * delimiter (a number, a literal) ends with it. */
    obj = json_tokener_parse_ex(l->tok, " ", 1);
    jerr = json_tokener_get_error(l->tok);
    end = len;
  }
  if (jerr == json_tokener_continue) {
    cxm_snapshot_invalid(error, where, "not valid JSON: it ends too early");
  } else if (jerr != json_tokener_success) {
    cxm_snapshot_invalid(error, where,
                         "not valid JSON: %s (byte %" G_GSIZE_FORMAT " of the line)",
                         json_tokener_error_desc(jerr), end + 1);
  } else if (end != len) { /* json-c stops at a NUL */
    cxm_snapshot_invalid(error, where,
                         "not valid JSON: text after the value (byte %" G_GSIZE_FORMAT
                         " of the line)",
                         end + 1);
  } else if (!json_object_is_type(obj, json_type_object)) { /* NULL: null */
    cxm_snapshot_invalid(error, where,
                         l->in->line == 1
                             ? "not a cxm snapshot (no \"cxm_snapshot\" member)"
                             : "not a JSON object");
  } else {
    return obj;
  }
  json_object_put(obj);
  return NULL;
}

/* The header: the version, then a policy that matches its fingerprint. */
static CxmPolicy *
load_header(json_object *obj, GError **error)
{
  json_object *version;

  if (!json_object_object_get_ex(obj, "cxm_snapshot", &version)) {
    cxm_snapshot_invalid(error, NULL, "not a cxm snapshot (no \"cxm_snapshot\" member)");
    return NULL;
  }
  if (!json_object_is_type(version, json_type_int) ||
      json_object_get_int64(version) != CXM_SNAPSHOT_VERSION) {
    g_autofree char *got = cxm_json_excerpt(version);
    if (json_object_is_type(version, json_type_int) &&
        json_object_get_int64(version) == 1)
      cxm_snapshot_invalid(error, NULL,
                           "a format 1 snapshot must begin with {\"cxm_snapshot\":1");
    else
      cxm_snapshot_invalid(
          error, NULL,
          "version %s is not supported (this library reads versions 1 and %d)", got,
          CXM_SNAPSHOT_VERSION);
    return NULL;
  }
  json_object_object_foreach (obj, key, value) {
    (void) value;
    if (strcmp(key, "cxm_snapshot") != 0 && strcmp(key, "policy") != 0 &&
        strcmp(key, "fingerprint") != 0) {
      cxm_snapshot_invalid(error, "line 1", "unknown member \"%s\"", key);
      return NULL;
    }
  }
  return cxm_snapshot_load_policy(obj, "line 1", error);
}

/* "line 7 (team "north" of 2026-03-02)" */
static char *
describe_line(const Load *l, Kind kind, const char *name, const char *day)
{
  return g_strdup_printf("line %" G_GUINT64_FORMAT " (%s \"%s\"%s%s)", l->in->line,
                         kinds[kind].key, name, day ? " of " : "", day ? day : "");
}

static gboolean
duplicate(GError **error, const char *where)
{
  return cxm_snapshot_invalid(error, where, "the group is already in the snapshot");
}

/* Adds a group line's sums or events into the recorder. */
static gboolean
add_group(Load *l, Kind kind, const char *name, const char *day_name, gint64 day,
          const CxmAgg *agg, const CxmLead *lead, const char *where, GError **error)
{
  CxmRecorder *rec = l->rec;
  Groups *all = &rec->main.all, *g = NULL;
  const char *owned;
  int index = 0;

  if (day_name != NULL)
    g = cxm_recorder_day_groups(rec, day);
  if (kind == KIND_LEVEL || kind == KIND_LEAD_LEVEL)
    index = cxm_level_from_name(name);
  else if (kind == KIND_CHANNEL)
    index = cxm_channel_from_name(name);
  if (index == CXM_UNSET)
    return cxm_snapshot_invalid(error, where, "not a known %s",
                                kind == KIND_CHANNEL ? "channel" : "level");
  if (kinds[kind].name_key != NULL &&
      !cxm_snapshot_check_name(kinds[kind].name_key, name, where, error))
    return FALSE;

  switch (kind) {
  case KIND_LEVEL:
    if (cxm_agg_n(&g->levels[index]) > 0)
      return duplicate(error, where);
    g->levels[index] = *agg;
    cxm_agg_merge(&all->levels[index], agg);
    l->records += cxm_agg_n(agg);
    break;
  case KIND_CHANNEL:
    if (cxm_agg_n(&g->channels[index]) > 0)
      return duplicate(error, where);
    g->channels[index] = *agg;
    cxm_agg_merge(&all->channels[index], agg);
    break;
  case KIND_TEAM:
    cxm_agg_merge(cxm_recorder_team_agg(rec, name, &owned), agg);
    if (g_hash_table_contains(g->teams, owned))
      return duplicate(error, where);
    *cxm_recorder_table_agg(rec, g->teams, owned, FALSE) = *agg;
    break;
  case KIND_LEAD_LEVEL:
    if (g != NULL ? cxm_lead_total(&g->lead_levels[index]) > 0 : l->undated[index])
      return duplicate(error, where);
    if (g != NULL)
      g->lead_levels[index] = *lead;
    else
      l->undated[index] = TRUE;
    cxm_lead_merge(&all->lead_levels[index], lead);
    l->events += cxm_lead_total(lead);
    break;
  case KIND_LEAD_TEAM:
    cxm_lead_merge(cxm_store_team_lead(&rec->main, name, &owned, &rec->n_groups), lead);
    if (g_hash_table_contains(g->lead_teams, owned))
      return duplicate(error, where);
    *cxm_store_table_lead(g->lead_teams, owned, FALSE, &rec->n_groups) = *lead;
    break;
  case KIND_EMPLOYEE:
    if (g_hash_table_contains(all->employees, name))
      return duplicate(error, where);
    *cxm_recorder_table_agg(rec, all->employees, name, TRUE) = *agg;
    break;
  case KIND_LEAD_ACTOR:
  case KIND_LEAD_SUBJECT: {
    GHashTable *table = kind == KIND_LEAD_ACTOR ? all->lead_actors : all->lead_subjects;
    if (g_hash_table_contains(table, name))
      return duplicate(error, where);
    *cxm_store_table_lead(table, name, TRUE, &rec->n_groups) = *lead;
    break;
  }
  default:
    g_assert_not_reached();
  }
  if (l->records > CXM_MAX_RECORDS)
    return cxm_snapshot_invalid(error, where,
                                "%" G_GUINT64_FORMAT
                                " records in all, more than 2^53 (%" G_GUINT64_FORMAT ")",
                                l->records, CXM_MAX_RECORDS);
  if (l->events > CXM_MAX_RECORDS)
    return cxm_snapshot_invalid(
        error, where,
        "%" G_GUINT64_FORMAT
        " leadership events in all, more than 2^53 (%" G_GUINT64_FORMAT ")",
        l->events, CXM_MAX_RECORDS);
  return cxm_snapshot_check_limit(rec, error);
}

static gboolean
has_nul(json_object *string)
{
  return strlen(json_object_get_string(string)) !=
         (gsize) json_object_get_string_len(string);
}

/* One group line: {"day": D, KIND: NAME, "sums" or "events": {...}}. */
static gboolean
load_group(Load *l, json_object *obj, GError **error)
{
  g_autofree char *where = g_strdup_printf("line %" G_GUINT64_FORMAT, l->in->line);
  g_autofree char *here = NULL;
  json_object *kind_value = NULL, *day_value = NULL, *counts = NULL;
  const char *counts_key = NULL;
  int kind = -1;
  gint64 day = 0;
  CxmAgg agg;
  CxmLead lead;

  json_object_object_foreach (obj, key, value) {
    int k = 0;
    while (k < KIND_COUNT && strcmp(kinds[k].key, key) != 0)
      k++;
    if (k < KIND_COUNT) {
      if (kind >= 0)
        return cxm_snapshot_invalid(error, where, "both \"%s\" and \"%s\"",
                                    kinds[kind].key, key);
      kind = k;
      kind_value = value;
    } else if (strcmp(key, "day") == 0) {
      day_value = value;
    } else if (strcmp(key, "sums") == 0 || strcmp(key, "events") == 0) {
      if (counts != NULL)
        return cxm_snapshot_invalid(error, where, "both \"sums\" and \"events\"");
      counts = value;
      counts_key = key;
    } else {
      return cxm_snapshot_invalid(error, where, "unknown member \"%s\"", key);
    }
  }
  if (kind < 0)
    return cxm_snapshot_invalid(error, where,
                                "no group (\"level\", \"team\", \"employee\", ...)");
  /* (A NUL, which json-c lets through as \u0000, would cut the name.) */
  if (!json_object_is_type(kind_value, json_type_string) || has_nul(kind_value))
    return cxm_snapshot_invalid(error, where, "\"%s\" must be a string without NUL",
                                kinds[kind].key);
  if (day_value != NULL &&
      (!json_object_is_type(day_value, json_type_string) || has_nul(day_value)))
    return cxm_snapshot_invalid(error, where, "\"day\" must be a string without NUL");
  here = describe_line(l, (Kind) kind, json_object_get_string(kind_value),
                       day_value ? json_object_get_string(day_value) : NULL);
  if (kinds[kind].day == 1 && day_value == NULL)
    return cxm_snapshot_invalid(error, here, "\"day\" is missing");
  if (kinds[kind].day == 0 && day_value != NULL)
    return cxm_snapshot_invalid(error, here, "an all-time group has no \"day\"");
  if (day_value != NULL && !cxm_period_day_range(json_object_get_string(day_value),
                                                 CXM_PERIOD_DAY, &day, NULL))
    return cxm_snapshot_invalid(error, here, "\"%s\" is not a day (YYYY-MM-DD)",
                                json_object_get_string(day_value));
  if (counts == NULL || strcmp(counts_key, kinds[kind].lead ? "events" : "sums") != 0)
    return cxm_snapshot_invalid(error, here, "\"%s\" is missing",
                                kinds[kind].lead ? "events" : "sums");
  if (kinds[kind].lead ? !cxm_snapshot_load_lead(counts, &lead, FALSE, here, error)
                       : !cxm_snapshot_load_agg(counts, &agg, here, error))
    return FALSE;
  l->groups++;
  return add_group(l, (Kind) kind, json_object_get_string(kind_value),
                   day_value ? json_object_get_string(day_value) : NULL, day, &agg, &lead,
                   here, error);
}

/* The last line: {"end": {"groups": G, "records": R, "events": E}}. */
static gboolean
load_end(Load *l, json_object *obj, GError **error)
{
  g_autofree char *where = g_strdup_printf("line %" G_GUINT64_FORMAT, l->in->line);
  static const char *const names[] = { "groups", "records", "events" };
  const guint64 have[] = { l->groups, l->records, l->events };
  json_object *end = json_object_object_get(obj, "end");

  if (json_object_object_length(obj) != 1 ||
      !json_object_is_type(end, json_type_object) ||
      json_object_object_length(end) != G_N_ELEMENTS(names))
    return cxm_snapshot_invalid(error, where,
                                "the last line must be {\"end\": {\"groups\": G, "
                                "\"records\": R, \"events\": E}}");
  for (gsize i = 0; i < G_N_ELEMENTS(names); i++) {
    json_object *value = json_object_object_get(end, names[i]);
    guint64 count, beyond = 0;
    if (!cxm_snapshot_take_count(value, &count, &beyond))
      return beyond > 0
                 ? cxm_snapshot_count_beyond(error, where, names[i], beyond)
                 : cxm_snapshot_invalid(error, where, "\"%s\" must be a count", names[i]);
    if (count != have[i])
      return cxm_snapshot_invalid(error, where,
                                  "it counts %" G_GUINT64_FORMAT
                                  " %s, the lines before it hold %" G_GUINT64_FORMAT,
                                  count, names[i], have[i]);
  }
  return TRUE;
}

static guint64
lead_table_total(GHashTable *table)
{
  GHashTableIter iter;
  gpointer lead;
  guint64 n = 0;

  g_hash_table_iter_init(&iter, table);
  while (g_hash_table_iter_next(&iter, NULL, &lead))
    n += cxm_lead_total(lead);
  return n;
}

/* What only the whole snapshot shows: each day's channels add up to its
 * levels, no part holds more than its whole. */
static gboolean
check_sums(const CxmRecorder *rec, GError **error)
{
  const Groups *all = &rec->main.all;
  GHashTableIter iter;
  gpointer key, value;
  CxmAgg employees = { 0 };
  CxmLead total;

  g_hash_table_iter_init(&iter, rec->main.days);
  while (g_hash_table_iter_next(&iter, &key, &value)) {
    const Groups *g = value;
    CxmAgg levels, channels = { 0 }, teams = { 0 };
    CxmLead lead;
    GHashTableIter t;
    gpointer agg;
    char day[16];

    cxm_period_key_of_day(*(gint64 *) key, CXM_PERIOD_DAY, day);
    cxm_groups_totals(g, &levels);
    for (int i = 0; i < CXM_CHANNEL_COUNT; i++)
      cxm_agg_merge(&channels, &g->channels[i]);
    g_hash_table_iter_init(&t, g->teams);
    while (g_hash_table_iter_next(&t, NULL, &agg))
      cxm_agg_merge(&teams, agg);
    cxm_groups_lead_totals(g, &lead);
    if (memcmp(&levels, &channels, sizeof levels) != 0)
      return cxm_snapshot_invalid(
          error, NULL, "day %s: the channels do not add up to the levels", day);
    if (cxm_agg_n(&teams) > cxm_agg_n(&levels))
      return cxm_snapshot_invalid(
          error, NULL, "day %s: the teams hold more records than the day", day);
    if (lead_table_total(g->lead_teams) > cxm_lead_total(&lead))
      return cxm_snapshot_invalid(error, NULL,
                                  "day %s: the teams hold more leadership events than "
                                  "the day",
                                  day);
  }
  g_hash_table_iter_init(&iter, all->employees);
  while (g_hash_table_iter_next(&iter, NULL, &value))
    cxm_agg_merge(&employees, value);
  if (cxm_agg_n(&employees) > cxm_groups_n(all))
    return cxm_snapshot_invalid(error, NULL,
                                "the employees hold more records than the days");
  cxm_groups_lead_totals(all, &total);
  if (lead_table_total(all->lead_actors) > cxm_lead_total(&total) ||
      lead_table_total(all->lead_subjects) > cxm_lead_total(&total))
    return cxm_snapshot_invalid(error, NULL,
                                "the actors or subjects hold more leadership events than "
                                "the levels");
  return TRUE;
}

/* A format 2 snapshot from its header on. */
static CxmRecorder *
load_v2(Input *in, GError **error)
{
  Load l = { 0 };
  const char *text;
  gsize len;
  json_object *obj;
  CxmPolicy *policy;
  gboolean ended = FALSE, ok = TRUE;
  int got;

  l.in = in;
  l.tok = json_tokener_new_ex(CXM_MAX_DEPTH);
  json_tokener_set_flags(l.tok, JSON_TOKENER_STRICT);
  got = input_next_line(in, &text, &len, error);
  if (got == 0)
    cxm_snapshot_invalid(error, NULL, "it is empty (0 bytes)");
  obj = got > 0 ? parse_line(&l, text, len, error) : NULL;
  policy = obj != NULL ? load_header(obj, error) : NULL;
  json_object_put(obj);
  if (policy == NULL) {
    json_tokener_free(l.tok);
    return NULL;
  }
  l.rec = cxm_recorder_new(policy);
  cxm_policy_free(policy);
  while (ok && (got = input_next_line(in, &text, &len, error)) > 0) {
    if (ended) {
      ok = cxm_snapshot_invalid(
          error, NULL, "line %" G_GUINT64_FORMAT ": text after the last line", in->line);
      break;
    }
    obj = parse_line(&l, text, len, error);
    if (obj == NULL)
      ok = FALSE;
    else if (json_object_object_get_ex(obj, "end", NULL))
      ok = ended = load_end(&l, obj, error);
    else
      ok = load_group(&l, obj, error);
    json_object_put(obj);
  }
  ok = ok && got == 0;
  if (ok && !ended)
    ok = cxm_snapshot_invalid(error, NULL,
                              "it ends at line %" G_GUINT64_FORMAT
                              " without its last line "
                              "({\"end\": ...}): it was cut short",
                              in->line);
  ok = ok && check_sums(l.rec, error);
  json_tokener_free(l.tok);
  if (!ok)
    g_clear_pointer(&l.rec, cxm_recorder_free);
  return l.rec;
}

/* Either format, from @in. */
static CxmRecorder *
load_input(Input *in, GError **error)
{
  const char *data;
  gsize len;

  if (!input_peek(in, 64, error))
    return NULL;
  if (!looks_like_v1(input_base(in) + in->pos, input_end(in) - in->pos))
    return load_v2(in, error);
  if (!input_rest(in, &data, &len, error))
    return NULL;
  return cxm_snapshot_load_v1(data, len, error);
}

CxmRecorder *
cxm_snapshot_load(const char *data, gssize length, GError **error)
{
  Input in = { .fd = -1 };

  cxm_return_val_if_null(data, error, NULL);
  in.data = data;
  in.len = length < 0 ? strlen(data) : (gsize) length;
  return load_input(&in, error);
}

CxmRecorder *
cxm_snapshot_load_file(const char *path, GError **error)
{
  Input in = { 0 };
  CxmRecorder *rec;

  cxm_return_val_if_null(path, error, NULL);
  in.fd = open(path, O_RDONLY | O_CLOEXEC);
  if (in.fd < 0) {
    g_set_error(error, CXM_ERROR, CXM_ERROR_IO, "cannot open: %s", g_strerror(errno));
    return NULL;
  }
  in.buffer = g_string_sized_new(READ_BLOCK);
  rec = load_input(&in, error);
  g_string_free(in.buffer, TRUE);
  close(in.fd);
  return rec;
}
