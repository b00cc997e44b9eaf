/* SPDX-License-Identifier: MIT */
/* Org file (SPEC section 3): people, their levels and teams, and who
 * reports to whom. */
#include "config.h"

#include <errno.h>
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "enums-private.h"
#include "error-private.h"
#include "interaction-private.h"
#include "json-text.h"
#include "org-parse.h"
#include "org-private.h"
#include "utf8.h"

#define ORG_MAX_PEOPLE 1000000u
#define ORG_MAX_BYTES (64u << 20)
/* The file is an object > array > person objects; the rest of the limit
 * leaves room for unknown keys with structured values. */
#define ORG_MAX_DEPTH 16

typedef struct _Person Person;
struct _Person {
  const char *id;      /* in org->strings, like team and manager */
  const char *team;    /* NULL when absent */
  const char *manager; /* NULL when absent */
  Person *boss;        /* the manager's entry, NULL when absent */
  Person **reports;    /* n_reports entries of org->report_slots, by id */
  guint n_reports;
  int level; /* a CxmLevel */
  /* In org->order: the person's index, and how many people their subtree
   * holds (them included), which are the indices just before it. */
  guint position, subtree;
  guint depth; /* managers above them: 0 for a root */
};

struct _CxmOrg {
  gatomicrefcount ref;
  guint n;
  Person *persons;   /* n, in file order (people[i] is persons[i]) */
  GHashTable *by_id; /* id -> Person *, owned by strings and persons */
  GStringChunk *strings;
  Person **report_slots; /* n - (number of roots): every reports array */
  const char **order;    /* n + 1: cxm_org_people_order() */
  const char **tree;     /* n + 1: cxm_org_tree_order() */
};

static void
org_free(CxmOrg *org)
{
  if (org->by_id != NULL)
    g_hash_table_unref(org->by_id);
  if (org->strings != NULL)
    g_string_chunk_free(org->strings);
  g_free(org->persons);
  g_free(org->report_slots);
  g_free(org->order);
  g_free(org->tree);
  g_free(org);
}

CxmOrg *
cxm_org_ref(CxmOrg *org)
{
  g_return_val_if_fail(org != NULL, NULL);
  g_atomic_ref_count_inc(&org->ref);
  return org;
}

void
cxm_org_unref(CxmOrg *org)
{
  if (org != NULL && g_atomic_ref_count_dec(&org->ref))
    org_free(org);
}

/* ---- loading ---------------------------------------------------------- */

static void set_person_error(GError **error, guint i, const char *format, ...)
    G_GNUC_PRINTF(3, 4);

/* Sets CXM_ERROR_ORG "people[@i]: <formatted reason>". */
static void
set_person_error(GError **error, guint i, const char *format, ...)
{
  va_list args;
  char *reason;

  va_start(args, format);
  reason = g_strdup_vprintf(format, args);
  va_end(args);
  g_set_error(error, CXM_ERROR, CXM_ERROR_ORG, "people[%u]: %s", i, reason);
  g_free(reason);
}

static void
set_type_error(GError **error, guint i, const char *key, const char *what,
               json_object *value)
{
  char *got = cxm_json_excerpt(value);
  set_person_error(error, i, "%s must be %s, got %s", key, what, got);
  g_free(got);
}

/* The string value of @key in person @i, checked as a string field of a
 * record (1..128 bytes, no control characters in ids). *@out is NULL when
 * the key is absent or null and @required is FALSE. */
static gboolean
get_string(json_object *person, guint i, const char *key, gboolean required,
           gboolean is_id, char buf[CXM_MAX_STRING + 1], const char **out, GError **error)
{
  json_object *value = NULL;
  GError *local = NULL;
  guint8 len;

  *out = NULL;
  if (!json_object_object_get_ex(person, key, &value) || (value == NULL && !required)) {
    if (!required)
      return TRUE;
    set_person_error(error, i, "%s is required", key);
    return FALSE;
  }
  if (!json_object_is_type(value, json_type_string)) {
    set_type_error(error, i, key, "a string", value);
    return FALSE;
  }
  if (!cxm_copy_string_field(buf, &len, key, json_object_get_string(value),
                             (gsize) json_object_get_string_len(value), is_id, &local)) {
    set_person_error(error, i, "%s", local->message);
    g_error_free(local);
    return FALSE;
  }
  *out = buf;
  return TRUE;
}

static gboolean
parse_person(CxmOrg *org, guint i, json_object *obj, GError **error)
{
  Person *p = &org->persons[i], *first;
  char buf[CXM_MAX_STRING + 1];
  json_object *level = NULL;
  const char *s;

  if (!json_object_is_type(obj, json_type_object)) {
    char *got = cxm_json_excerpt(obj);
    g_set_error(error, CXM_ERROR, CXM_ERROR_ORG, "people[%u] must be an object, got %s",
                i, got);
    g_free(got);
    return FALSE;
  }

  if (!get_string(obj, i, "id", TRUE, TRUE, buf, &s, error))
    return FALSE;
  first = g_hash_table_lookup(org->by_id, s);
  if (first != NULL) {
    g_set_error(error, CXM_ERROR, CXM_ERROR_ORG,
                "duplicate id \"%s\" (people[%u] and people[%u])", s,
                (guint) (first - org->persons), i);
    return FALSE;
  }
  p->id = g_string_chunk_insert(org->strings, s);

  if (!json_object_object_get_ex(obj, "level", &level)) {
    set_person_error(error, i, "level is required");
    return FALSE;
  }
  p->level = json_object_is_type(level, json_type_string)
                 ? cxm_name_lookup(cxm_level_names, json_object_get_string(level),
                                   (gsize) json_object_get_string_len(level))
                 : CXM_UNSET;
  /* "unassigned" is where records of unknown level go, not a level. */
  if (p->level == CXM_UNSET || p->level == CXM_LEVEL_UNASSIGNED) {
    char *choices = cxm_enum_choices(cxm_level_names, CXM_LEVEL_UNASSIGNED);
    char *what = g_strconcat("one of ", choices, NULL);
    set_type_error(error, i, "level", what, level);
    g_free(what);
    g_free(choices);
    return FALSE;
  }

  if (!get_string(obj, i, "team", FALSE, FALSE, buf, &s, error))
    return FALSE;
  if (s != NULL)
    p->team = g_string_chunk_insert_const(org->strings, s);
  if (!get_string(obj, i, "manager", FALSE, TRUE, buf, &s, error))
    return FALSE;
  if (s != NULL)
    p->manager = g_string_chunk_insert_const(org->strings, s);

  g_hash_table_insert(org->by_id, (gpointer) p->id, p);
  return TRUE;
}

static gboolean
resolve_managers(CxmOrg *org, GError **error)
{
  for (guint i = 0; i < org->n; i++) {
    Person *p = &org->persons[i];
    if (p->manager == NULL)
      continue;
    p->boss = g_hash_table_lookup(org->by_id, p->manager);
    if (p->boss == NULL) {
      g_set_error(error, CXM_ERROR, CXM_ERROR_ORG,
                  "person \"%s\" has unknown manager \"%s\"", p->id, p->manager);
      return FALSE;
    }
  }
  return TRUE;
}

/* "reporting cycle: a -> b -> a" for the cycle through @start, from its
 * bytewise smallest id, each id followed by its manager. */
static void
set_cycle_error(GError **error, const Person *start)
{
  const Person *min = start, *q = start;
  GString *msg;

  do {
    if (strcmp(q->id, min->id) < 0)
      min = q;
    q = q->boss;
  } while (q != start);
  msg = g_string_new("reporting cycle: ");
  q = min;
  do {
    g_string_append(msg, q->id);
    g_string_append(msg, " -> ");
    q = q->boss;
  } while (q != min);
  g_string_append(msg, min->id);
  g_set_error_literal(error, CXM_ERROR, CXM_ERROR_ORG, msg->str);
  g_string_free(msg, TRUE);
}

/* Each person has at most one manager, so following managers from every
 * person in file order and colouring what has been seen finds a cycle in
 * O(n) without recursion. The first cycle reached in file order is
 * reported. */
static gboolean
check_cycles(CxmOrg *org, GError **error)
{
  enum {
    NEW,
    ON_WALK,
    DONE
  };
  guint8 *state = g_new0(guint8, org->n);
  Person *const base = org->persons;

  for (guint i = 0; i < org->n; i++) {
    Person *p = &base[i], *q;
    while (p != NULL && state[p - base] == NEW) {
      state[p - base] = ON_WALK;
      p = p->boss;
    }
    /* Earlier walks are all DONE, so ON_WALK means this walk met itself. */
    if (p != NULL && state[p - base] == ON_WALK) {
      set_cycle_error(error, p);
      g_free(state);
      return FALSE;
    }
    for (q = &base[i]; q != NULL && state[q - base] == ON_WALK; q = q->boss)
      state[q - base] = DONE;
  }
  g_free(state);
  return TRUE;
}

static int
compare_persons(const void *a, const void *b)
{
  return strcmp((*(Person *const *) a)->id, (*(Person *const *) b)->id);
}

/* Lays every reports array out in one block, each sorted by id. Returns
 * the roots (people without a manager), sorted by id. */
static Person **
link_reports(CxmOrg *org, guint *n_roots)
{
  Person **roots, **slot;
  guint n_reports = 0, r = 0;

  for (guint i = 0; i < org->n; i++) {
    Person *p = &org->persons[i];
    if (p->boss != NULL) {
      p->boss->n_reports++;
      n_reports++;
    }
  }
  *n_roots = org->n - n_reports;
  roots = g_new(Person *, *n_roots + 1);
  org->report_slots = g_new(Person *, n_reports + 1);
  slot = org->report_slots;
  for (guint i = 0; i < org->n; i++) {
    Person *p = &org->persons[i];
    p->reports = slot;
    slot += p->n_reports;
    p->n_reports = 0;
  }
  for (guint i = 0; i < org->n; i++) {
    Person *p = &org->persons[i];
    if (p->boss != NULL)
      p->boss->reports[p->boss->n_reports++] = p;
    else
      roots[r++] = p;
  }
  for (guint i = 0; i < org->n; i++) {
    Person *p = &org->persons[i];
    if (p->n_reports > 1)
      qsort(p->reports, p->n_reports, sizeof *p->reports, compare_persons);
  }
  qsort(roots, *n_roots, sizeof *roots, compare_persons);
  return roots;
}

/* Post-order and pre-order of the (acyclic) reporting forest, with an
 * explicit stack. */
static void
build_order(CxmOrg *org)
{
  typedef struct {
    Person *p;
    guint next, first; /* the next report to visit; k when p was reached */
  } Frame;
  guint n_roots, k = 0, t = 0, depth = 0;
  Person **roots = link_reports(org, &n_roots);
  Frame *stack = g_new(Frame, org->n + 1);

  org->order = g_new(const char *, org->n + 1);
  org->tree = g_new(const char *, org->n + 1);
  for (guint r = 0; r < n_roots; r++) {
    stack[depth++] = (Frame){ roots[r], 0, k };
    roots[r]->depth = 0;
    org->tree[t++] = roots[r]->id;
    while (depth > 0) {
      Frame *top = &stack[depth - 1];
      if (top->next < top->p->n_reports) {
        Person *child = top->p->reports[top->next++];
        child->depth = depth;
        org->tree[t++] = child->id;
        stack[depth++] = (Frame){ child, 0, k };
      } else {
        top->p->position = k;
        top->p->subtree = k - top->first + 1;
        org->order[k++] = top->p->id;
        depth--;
      }
    }
  }
  g_assert(k == org->n && t == org->n);
  org->order[k] = NULL;
  org->tree[t] = NULL;
  g_free(stack);
  g_free(roots);
}

/* Parses @len bytes with a strict tokener; the error code and the offset
 * where parsing stopped go to @jerr and @end. */
static json_object *
tokenize(const char *json, gsize len, enum json_tokener_error *jerr, gsize *end)
{
  json_tokener *tok = json_tokener_new_ex(ORG_MAX_DEPTH);
  json_object *root;

  json_tokener_set_flags(tok, JSON_TOKENER_STRICT);
  root = json_tokener_parse_ex(tok, json, (int) len);
  *jerr = json_tokener_get_error(tok);
  *end = json_tokener_get_parse_end(tok);
  if (*jerr == json_tokener_continue) {
    /* All the text was read: a space ends a top-level number or literal;
     * anything else is cut short. */
    root = json_tokener_parse_ex(tok, " ", 1);
    *jerr = json_tokener_get_error(tok);
    *end = len;
  }
  json_tokener_free(tok);
  return root;
}

/* UTF-8 without NUL, which would end json-c's input early. */
static gboolean
check_text(const char *json, gsize len, GError **error)
{
  const char *bad = NULL, *nul;

  if (!cxm_utf8_validate(json, len, &bad)) {
    g_set_error(error, CXM_ERROR, CXM_ERROR_ORG,
                "org file is not valid UTF-8 at byte %" G_GSIZE_FORMAT,
                (gsize) (bad - json));
    return FALSE;
  }
  nul = memchr(json, '\0', len);
  if (nul != NULL) {
    g_set_error(error, CXM_ERROR, CXM_ERROR_ORG,
                "org file is not valid JSON at byte %" G_GSIZE_FORMAT ": NUL character",
                (gsize) (nul - json));
    return FALSE;
  }
  return TRUE;
}

/* Parses the document into *@root (NULL for a JSON null): syntax, depth
 * and a single value, with json-c's account of what is wrong. */
static gboolean
parse_json(const char *json, gsize len, json_object **root, GError **error)
{
  enum json_tokener_error jerr, prefix_err;
  const char *reason;
  gsize end, prefix_end;

  *root = NULL;
  *root = tokenize(json, len, &jerr, &end);
  while (end < len && g_ascii_isspace(json[end]))
    end++;
  if (jerr == json_tokener_success && end >= len)
    return TRUE;

  reason = jerr == json_tokener_continue  ? "unexpected end of data"
           : jerr == json_tokener_success ? "unexpected text after the object"
                                          : json_tokener_error_desc(jerr);
  /* A strict tokener refuses text after the value as an unexpected
   * character; say so when the text before it is a whole document. */
  if (jerr == json_tokener_error_parse_unexpected && end > 0 && end <= len) {
    json_object *prefix = tokenize(json, end, &prefix_err, &prefix_end);
    json_object_put(prefix);
    if (prefix_err == json_tokener_success)
      reason = "unexpected text after the object";
  }
  g_set_error(error, CXM_ERROR, CXM_ERROR_ORG,
              "org file is not valid JSON at byte %" G_GSIZE_FORMAT ": %s", MIN(end, len),
              reason);
  json_object_put(*root);
  *root = NULL;
  return FALSE;
}

static void
set_no_people_error(GError **error)
{
  g_set_error(error, CXM_ERROR, CXM_ERROR_ORG,
              "an org file must be a JSON object with \"people\"");
}

static void
set_not_array_error(GError **error)
{
  g_set_error(error, CXM_ERROR, CXM_ERROR_ORG, "people must be an array");
}

/* Makes room for @n people, within the bound. */
static gboolean
allocate_people(CxmOrg *org, gsize n, GError **error)
{
  if (n > ORG_MAX_PEOPLE) {
    g_set_error(error, CXM_ERROR, CXM_ERROR_ORG,
                "people has %" G_GSIZE_FORMAT " entries, at most %u are allowed", n,
                ORG_MAX_PEOPLE);
    return FALSE;
  }
  org->n = (guint) n;
  org->persons = g_new0(Person, n + 1);
  return TRUE;
}

static gboolean
load_people(CxmOrg *org, json_object *root, GError **error)
{
  json_object *people = NULL;

  if (!json_object_is_type(root, json_type_object) ||
      !json_object_object_get_ex(root, "people", &people)) {
    set_no_people_error(error);
    return FALSE;
  }
  if (!json_object_is_type(people, json_type_array)) {
    set_not_array_error(error);
    return FALSE;
  }
  if (!allocate_people(org, json_object_array_length(people), error))
    return FALSE;
  for (guint i = 0; i < org->n; i++)
    if (!parse_person(org, i, json_object_array_get_idx(people, i), error))
      return FALSE;
  return TRUE;
}

/* A person from org-parse.cc: its own small json-c value. */
static gboolean
take_person(guint i, gsize n, const char *text, gsize length, gpointer data,
            GError **error)
{
  CxmOrg *org = data;
  if (i == 0 && !allocate_people(org, n, error))
    return FALSE;
  json_object *obj = json_tokener_parse(text);
  gboolean ok = parse_person(org, i, obj, error);
  json_object_put(obj);
  return ok;
}

/* Reads the people of @json into @org: through simdjson, one person at a
 * time; through a json-c tree only for a document simdjson refuses, for
 * json-c's account of what is wrong with it (or, should json-c take what
 * simdjson did not, for its reading of it). */
static gboolean
read_people(CxmOrg *org, const char *json, gsize len, GError **error)
{
  json_object *root;
  gboolean ok;

  switch (cxm_org_parse_people(json, len, ORG_MAX_DEPTH, take_person, org, error)) {
  case CXM_ORG_PARSE_OK:
    return org->persons != NULL || allocate_people(org, 0, error);
  case CXM_ORG_PARSE_NO_PEOPLE:
    set_no_people_error(error);
    return FALSE;
  case CXM_ORG_PARSE_NOT_ARRAY:
    set_not_array_error(error);
    return FALSE;
  case CXM_ORG_PARSE_FAILED:
    return FALSE;
  case CXM_ORG_PARSE_NOT_JSON:
    break;
  }
  if (!parse_json(json, len, &root, error))
    return FALSE;
  ok = load_people(org, root, error);
  json_object_put(root);
  return ok;
}

CxmOrg *
cxm_org_new_from_data(const char *json, gssize length, GError **error)
{
  CxmOrg *org;
  gsize len;

  cxm_return_val_if_null(json, error, NULL);
  len = length < 0 ? strlen(json) : (gsize) length;
  if (len > ORG_MAX_BYTES) {
    g_set_error(error, CXM_ERROR, CXM_ERROR_ORG, "org file is larger than %u MiB",
                ORG_MAX_BYTES >> 20);
    return NULL;
  }
  if (!check_text(json, len, error))
    return NULL;

  org = g_new0(CxmOrg, 1);
  g_atomic_ref_count_init(&org->ref);
  org->by_id = g_hash_table_new(g_str_hash, g_str_equal);
  org->strings = g_string_chunk_new(4096);
  if (!read_people(org, json, len, error) || !resolve_managers(org, error) ||
      !check_cycles(org, error)) {
    org_free(org);
    return NULL;
  }
  build_order(org);
  return org;
}

/* Reads all of @path (at most ORG_MAX_BYTES + 1 bytes, so that a larger
 * file is refused without reading it whole). Errors are unprefixed. */
static char *
read_file(const char *path, gsize *length, GError **error)
{
  FILE *f = fopen(path, "rb");
  gsize size = 0, cap = 0;
  char *buf = NULL;
  struct stat st;

  if (f == NULL) {
    int e = errno;
    g_set_error_literal(error, CXM_ERROR, CXM_ERROR_IO, g_strerror(e));
    return NULL;
  }
  if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) &&
      st.st_size > (off_t) ORG_MAX_BYTES) {
    g_set_error(error, CXM_ERROR, CXM_ERROR_ORG, "org file is larger than %u MiB",
                ORG_MAX_BYTES >> 20);
    fclose(f);
    return NULL;
  }
  for (;;) {
    gsize got;
    if (size == cap) {
      cap = cap == 0 ? 65536 : cap * 2;
      cap = MIN(cap, (gsize) ORG_MAX_BYTES + 1);
      buf = g_realloc(buf, cap + 1);
    }
    got = fread(buf + size, 1, cap - size, f);
    size += got;
    if (got == 0 || size > ORG_MAX_BYTES)
      break;
  }
  if (ferror(f)) {
    int e = errno;
    g_set_error_literal(error, CXM_ERROR, CXM_ERROR_IO, g_strerror(e));
    g_free(buf);
    fclose(f);
    return NULL;
  }
  fclose(f);
  buf[size] = '\0';
  *length = size;
  return buf;
}

CxmOrg *
cxm_org_new_from_file(const char *path, GError **error)
{
  char *contents;
  gsize length = 0;
  CxmOrg *org = NULL;

  cxm_return_val_if_null(path, error, NULL);
  contents = read_file(path, &length, error);
  if (contents != NULL)
    org = cxm_org_new_from_data(contents, (gssize) length, error);
  g_free(contents);
  if (org == NULL)
    g_prefix_error(error, "%s: ", path);
  return org;
}

/* ---- queries ---------------------------------------------------------- */

static const Person *
find(const CxmOrg *org, const char *id)
{
  return g_hash_table_lookup(org->by_id, id);
}

guint
cxm_org_get_n_people(const CxmOrg *org)
{
  g_return_val_if_fail(org != NULL, 0);
  return org->n;
}

gboolean
cxm_org_has_person(const CxmOrg *org, const char *id)
{
  g_return_val_if_fail(org != NULL, FALSE);
  g_return_val_if_fail(id != NULL, FALSE);
  return find(org, id) != NULL;
}

int
cxm_org_get_level(const CxmOrg *org, const char *id)
{
  const Person *p;

  g_return_val_if_fail(org != NULL, CXM_UNSET);
  g_return_val_if_fail(id != NULL, CXM_UNSET);
  p = find(org, id);
  return p ? p->level : CXM_UNSET;
}

const char *
cxm_org_get_team(const CxmOrg *org, const char *id)
{
  const Person *p;

  g_return_val_if_fail(org != NULL, NULL);
  g_return_val_if_fail(id != NULL, NULL);
  p = find(org, id);
  return p ? p->team : NULL;
}

const char *
cxm_org_get_manager(const CxmOrg *org, const char *id)
{
  const Person *p;

  g_return_val_if_fail(org != NULL, NULL);
  g_return_val_if_fail(id != NULL, NULL);
  p = find(org, id);
  return p ? p->manager : NULL;
}

static int
compare_ids(const void *a, const void *b)
{
  return strcmp(*(char *const *) a, *(char *const *) b);
}

char **
cxm_org_get_people(const CxmOrg *org)
{
  char **ids;

  g_return_val_if_fail(org != NULL, NULL);
  ids = g_new(char *, org->n + 1);
  for (guint i = 0; i < org->n; i++)
    ids[i] = g_strdup(org->persons[i].id);
  ids[org->n] = NULL;
  qsort(ids, org->n, sizeof *ids, compare_ids);
  return ids;
}

char **
cxm_org_get_reports(const CxmOrg *org, const char *id)
{
  const Person *p;
  char **ids;
  guint n;

  g_return_val_if_fail(org != NULL, NULL);
  g_return_val_if_fail(id != NULL, NULL);
  p = find(org, id);
  n = p ? p->n_reports : 0;
  ids = g_new(char *, n + 1);
  for (guint i = 0; i < n; i++)
    ids[i] = g_strdup(p->reports[i]->id);
  ids[n] = NULL;
  return ids;
}

gboolean
cxm_org_get_position(const CxmOrg *org, const char *id, guint *position, guint *subtree)
{
  const Person *p = find(org, id);

  if (p == NULL)
    return FALSE;
  *position = p->position;
  if (subtree != NULL)
    *subtree = p->subtree;
  return TRUE;
}

const char *const *
cxm_org_tree_order(const CxmOrg *org)
{
  g_return_val_if_fail(org != NULL, NULL);
  return org->tree;
}

int
cxm_org_get_depth(const CxmOrg *org, const char *id)
{
  const Person *p = find(org, id);
  return p ? (int) p->depth : -1;
}

const char *const *
cxm_org_people_order(const CxmOrg *org, guint *n)
{
  g_return_val_if_fail(org != NULL, NULL);
  if (n != NULL)
    *n = org->n;
  return org->order;
}

void
cxm_org_resolve(const CxmOrg *org, const CxmInteraction *it, const char *employee,
                int *level, const char **team)
{
  *level = it->level;
  *team = it->team_len ? it->team : NULL;
  if (org != NULL && employee != NULL) {
    if (*level == CXM_UNSET)
      *level = cxm_org_get_level(org, employee);
    if (*team == NULL)
      *team = cxm_org_get_team(org, employee);
  }
  if (*level == CXM_UNSET)
    *level = CXM_LEVEL_UNASSIGNED;
}
