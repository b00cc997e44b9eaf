/* SPDX-License-Identifier: MIT */
/* Scopes: the org roll-up of per-person sums, each person with everyone
 * below them (SPEC section 3), and the leadership given within it (5a).
 *
 * The org's post-order puts everyone right after their subtree, so a scope
 * is a run of positions. Each sum is kept as sparse prefix sums over the
 * positions of the people that have it (a checkpoint every RUN entries),
 * so a scope costs two binary searches and at most 2 RUN additions, in any
 * order, with memory that grows with the sums and not with the org. The
 * cadence of a scope counts each of its teams once: one pass over the
 * positions with a Fenwick tree that keeps only each team's last position
 * answers every scope, since each ends at its own person. */
#include "config.h"

#include <string.h>

#include "error-private.h"
#include "org-private.h"
#include "recorder-private.h"
#include "stats-private.h"

#define RUN 16

/* ---- sparse prefix sums ---------------------------------------------------- */

typedef struct {
  guint position;
  const guint64 *words;
} Entry;

typedef struct {
  guint n_words;
  GArray *entries;      /* Entry, by position */
  guint64 *checkpoints; /* the sum of entries [0, k RUN) at k n_words */
} RangeSums;

static void
range_init(RangeSums *r, guint n_words)
{
  r->n_words = n_words;
  r->entries = g_array_new(FALSE, FALSE, sizeof(Entry));
  r->checkpoints = NULL;
}

static void
range_add(RangeSums *r, guint position, const guint64 *words)
{
  Entry e = { position, words };
  g_array_append_val(r->entries, e);
}

static int
compare_entries(gconstpointer a, gconstpointer b)
{
  const Entry *x = a, *y = b;
  return (x->position > y->position) - (x->position < y->position);
}

static void
add_words(guint64 *dest, const guint64 *src, guint n)
{
  for (guint i = 0; i < n; i++)
    dest[i] += src[i];
}

static void
range_finish(RangeSums *r)
{
  const guint n = r->entries->len, w = r->n_words;
  guint64 *sum;

  g_array_sort(r->entries, compare_entries);
  r->checkpoints = g_new0(guint64, (gsize) (n / RUN + 1) * w);
  sum = g_new0(guint64, w);
  for (guint i = 0; i < n; i++) {
    if (i % RUN == 0)
      memcpy(r->checkpoints + (gsize) (i / RUN) * w, sum, w * sizeof *sum);
    add_words(sum, g_array_index(r->entries, Entry, i).words, w);
  }
  if (n % RUN == 0)
    memcpy(r->checkpoints + (gsize) (n / RUN) * w, sum, w * sizeof *sum);
  g_free(sum);
}

static void
range_clear(RangeSums *r)
{
  g_array_free(r->entries, TRUE);
  g_free(r->checkpoints);
}

/* The number of entries at positions below @position. */
static guint
range_rank(const RangeSums *r, guint position)
{
  guint lo = 0, hi = r->entries->len;
  while (lo < hi) {
    guint mid = lo + (hi - lo) / 2;
    if (g_array_index(r->entries, Entry, mid).position < position)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

/* @out = the sum of the first @rank entries. */
static void
range_prefix(const RangeSums *r, guint rank, guint64 *out)
{
  memcpy(out, r->checkpoints + (gsize) (rank / RUN) * r->n_words,
         r->n_words * sizeof *out);
  for (guint i = rank / RUN * RUN; i < rank; i++)
    add_words(out, g_array_index(r->entries, Entry, i).words, r->n_words);
}

/* Adds the entries at positions @first..@last into @out. */
static void
range_sum(const RangeSums *r, guint first, guint last, guint64 *out)
{
  const guint from = range_rank(r, first), to = range_rank(r, last + 1);
  guint64 *upper = g_newa(guint64, r->n_words), *lower = g_newa(guint64, r->n_words);

  if (from == to)
    return;
  range_prefix(r, to, upper);
  range_prefix(r, from, lower);
  for (guint i = 0; i < r->n_words; i++)
    out[i] += upper[i] - lower[i];
}

/* ---- the index ------------------------------------------------------------- */

#define AGG_WORDS (sizeof(CxmAgg) / sizeof(guint64))
#define LEAD_WORDS (sizeof(CxmLead) / sizeof(guint64))

/* A scope's cadence: team-weeks, weekly, daily. */
typedef struct {
  guint64 team_weeks, weekly, daily;
} Cadence;

#define CADENCE_WORDS (sizeof(Cadence) / sizeof(guint64))

struct _CxmScopeIndex {
  const CxmRecorder *rec;
  RangeSums aggs, led, coverage;
  guint64 *coverage_words; /* 2 per employee: 1, and 1 when coached */
  GHashTable *by_team;     /* cxm_lead_cadence() of every team */
  Cadence *cadence;        /* by position: each scope's */
  /* The people the org does not know: unknown_manager. */
  CxmAgg unknown_agg;
  CxmLeadSums unknown_lead;
};

static gboolean
coached(const CxmRecorder *rec, const char *employee)
{
  const CxmLead *received = g_hash_table_lookup(rec->main.all.lead_subjects, employee);
  return received != NULL && received->by_type[CXM_LEADERSHIP_COACHING] > 0;
}

static void
index_employees(CxmScopeIndex *index)
{
  const CxmRecorder *rec = index->rec;
  GHashTableIter iter;
  gpointer employee, sums;
  guint position, k = 0;

  index->coverage_words =
      g_new(guint64, 2 * (gsize) g_hash_table_size(rec->main.all.employees));
  g_hash_table_iter_init(&iter, rec->main.all.employees);
  while (g_hash_table_iter_next(&iter, &employee, &sums)) {
    guint64 *cover = index->coverage_words + 2 * k++;
    cover[0] = cxm_agg_n(sums) > 0;
    cover[1] = cover[0] && coached(rec, employee);
    if (cxm_org_get_position(rec->org, employee, &position, NULL)) {
      range_add(&index->aggs, position, sums);
      range_add(&index->coverage, position, cover);
    } else {
      cxm_agg_merge(&index->unknown_agg, sums);
      index->unknown_lead.employees += cover[0];
      index->unknown_lead.coached += cover[1];
    }
  }
  g_hash_table_iter_init(&iter, rec->main.all.lead_actors);
  while (g_hash_table_iter_next(&iter, &employee, &sums)) {
    if (cxm_org_get_position(rec->org, employee, &position, NULL))
      range_add(&index->led, position, sums);
    else
      cxm_lead_merge(&index->unknown_lead.events, sums);
  }
  range_finish(&index->aggs);
  range_finish(&index->coverage);
  range_finish(&index->led);
}

static void
fenwick_add(Cadence *tree, guint n, guint position, const Cadence *v, gboolean subtract)
{
  for (guint i = position + 1; i <= n; i += i & -i) {
    /* Unsigned wrap-around: every sum read back is a true count. */
    tree[i].team_weeks += subtract ? -v->team_weeks : v->team_weeks;
    tree[i].weekly += subtract ? -v->weekly : v->weekly;
    tree[i].daily += subtract ? -v->daily : v->daily;
  }
}

/* The sum of positions 0..@count - 1. */
static Cadence
fenwick_prefix(const Cadence *tree, guint count)
{
  Cadence sum = { 0 };
  for (guint i = count; i > 0; i -= i & -i) {
    sum.team_weeks += tree[i].team_weeks;
    sum.weekly += tree[i].weekly;
    sum.daily += tree[i].daily;
  }
  return sum;
}

static void
index_cadence(CxmScopeIndex *index)
{
  const CxmRecorder *rec = index->rec;
  GHashTable *by_team = index->by_team = cxm_lead_cadence(rec, NULL, NULL);
  g_autoptr(GHashTable) last = g_hash_table_new(g_str_hash, g_str_equal);
  guint n;
  const char *const *order = cxm_org_people_order(rec->org, &n);
  Cadence *tree = g_new0(Cadence, (gsize) n + 1);

  index->cadence = g_new0(Cadence, n);
  for (guint j = 0; j < n; j++) {
    const char *team = cxm_org_get_team(rec->org, order[j]);
    const CxmLeadSums *sums = team ? g_hash_table_lookup(by_team, team) : NULL;
    gpointer before;
    guint position, subtree;

    if (sums != NULL) {
      const Cadence v = { sums->team_weeks, sums->weekly, sums->daily };
      if (g_hash_table_lookup_extended(last, team, NULL, &before))
        fenwick_add(tree, n, GPOINTER_TO_UINT(before), &v, TRUE);
      fenwick_add(tree, n, j, &v, FALSE);
      g_hash_table_insert(last, (gpointer) team, GUINT_TO_POINTER(j));
    }
    cxm_org_get_position(rec->org, order[j], &position, &subtree);
    const Cadence upper = fenwick_prefix(tree, j + 1),
                  lower = fenwick_prefix(tree, j + 1 - subtree);
    index->cadence[j] =
        (Cadence){ upper.team_weeks - lower.team_weeks, upper.weekly - lower.weekly,
                   upper.daily - lower.daily };
  }
  g_free(tree);
}

CxmScopeIndex *
cxm_scope_index_new(const CxmRecorder *rec)
{
  CxmScopeIndex *index = g_new0(CxmScopeIndex, 1);

  index->rec = rec;
  range_init(&index->aggs, AGG_WORDS);
  range_init(&index->led, LEAD_WORDS);
  range_init(&index->coverage, 2);
  index_employees(index);
  index_cadence(index);
  return index;
}

void
cxm_scope_index_free(CxmScopeIndex *index)
{
  if (index == NULL)
    return;
  range_clear(&index->aggs);
  range_clear(&index->led);
  range_clear(&index->coverage);
  g_free(index->coverage_words);
  g_free(index->cadence);
  g_hash_table_unref(index->by_team);
  g_free(index);
}

static const unsigned int scope_parts =
    CXM_LEAD_RECOGNITION | CXM_LEAD_CADENCE | CXM_LEAD_COVERAGE;

CxmStats *
cxm_scope_index_get(const CxmScopeIndex *index, const char *person, gboolean cumulative)
{
  const CxmRecorder *rec = index->rec;
  CxmAgg agg = { 0 };
  CxmLeadSums lead = { 0 };
  guint64 cover[2] = { 0, 0 };
  guint position, subtree, first;

  if (strcmp(person, CXM_SCOPE_UNKNOWN_MANAGER) == 0) {
    /* unknown_manager has no reports: its cumulative scope is its own. */
    lead = index->unknown_lead;
    lead.parts = scope_parts;
    return cxm_stats_new(&index->unknown_agg, &lead, rec->policy);
  }
  if (!cxm_org_get_position(rec->org, person, &position, &subtree))
    return NULL;
  first = cumulative ? position + 1 - subtree : position;
  range_sum(&index->aggs, first, position, (guint64 *) &agg);
  range_sum(&index->led, first, position, (guint64 *) &lead.events);
  range_sum(&index->coverage, first, position, cover);
  lead.parts = scope_parts;
  lead.employees = cover[0];
  lead.coached = cover[1];
  if (cumulative) {
    lead.team_weeks = index->cadence[position].team_weeks;
    lead.weekly = index->cadence[position].weekly;
    lead.daily = index->cadence[position].daily;
  } else {
    /* Their own: the cadence of their own org team. */
    const char *team = cxm_org_get_team(rec->org, person);
    const CxmLeadSums *sums = team ? g_hash_table_lookup(index->by_team, team) : NULL;
    if (sums != NULL) {
      lead.team_weeks = sums->team_weeks;
      lead.weekly = sums->weekly;
      lead.daily = sums->daily;
    }
  }
  return cxm_stats_new(&agg, &lead, rec->policy);
}

/* ---- the public queries -------------------------------------------------- */

static gboolean
check_org(const CxmRecorder *rec, GError **error)
{
  if (rec->org == NULL) {
    g_set_error(error, CXM_ERROR, CXM_ERROR_INVALID_ARGUMENT,
                "scopes need an org (cxm_recorder_set_org())");
    return FALSE;
  }
  return TRUE;
}

/* Whether anyone the org does not know has interactions or led events. */
static gboolean
has_unknown(const CxmRecorder *rec)
{
  GHashTable *const tables[] = { rec->main.all.employees, rec->main.all.lead_actors };
  GHashTableIter iter;
  gpointer key;

  for (gsize i = 0; i < G_N_ELEMENTS(tables); i++) {
    g_hash_table_iter_init(&iter, tables[i]);
    while (g_hash_table_iter_next(&iter, &key, NULL))
      if (!cxm_org_has_person(rec->org, key))
        return TRUE;
  }
  return FALSE;
}

/* The scope keys: the org's people in tree order (@tree) or bytewise, only
 * those at @level unless it is CXM_UNSET, then unknown_manager when it has
 * records and no level is asked. */
static char **
get_scopes_unlocked(const CxmRecorder *rec, gboolean tree, int level, GError **error)
{
  char **people = NULL;
  const char *const *order;
  GPtrArray *keys;

  if (!check_org(rec, error))
    return NULL;
  keys = g_ptr_array_new();
  order = tree ? cxm_org_tree_order(rec->org)
               : (const char *const *) (people = cxm_org_get_people(rec->org));
  for (const char *const *p = order; *p != NULL; p++)
    if (level == CXM_UNSET || cxm_org_get_level(rec->org, *p) == level)
      g_ptr_array_add(keys, g_strdup(*p));
  g_strfreev(people);
  if (level == CXM_UNSET && has_unknown(rec))
    g_ptr_array_add(keys, g_strdup(CXM_SCOPE_UNKNOWN_MANAGER));
  g_ptr_array_add(keys, NULL);
  return (char **) g_ptr_array_free(keys, FALSE);
}

char **
cxm_recorder_scope_tree(const CxmRecorder *rec, int level, GError **error)
{
  char **result;

  cxm_recorder_lock(rec);
  result = get_scopes_unlocked(rec, TRUE, level, error);
  cxm_recorder_unlock(rec);
  return result;
}

char **
cxm_recorder_get_scopes(const CxmRecorder *rec, GError **error)
{
  char **result;

  cxm_return_val_if_null(rec, error, NULL);
  cxm_recorder_lock(rec);
  result = get_scopes_unlocked(rec, FALSE, CXM_UNSET, error);
  cxm_recorder_unlock(rec);
  return result;
}

CxmStats *
cxm_recorder_get_scope_stats(const CxmRecorder *rec, const char *person,
                             gboolean cumulative, GError **error)
{
  CxmScopeIndex *index;
  CxmStats *stats = NULL;

  cxm_return_val_if_null(rec, error, NULL);
  cxm_return_val_if_null(person, error, NULL);
  if (!check_org(rec, error))
    return NULL;
  cxm_recorder_lock(rec);
  if (strcmp(person, CXM_SCOPE_UNKNOWN_MANAGER) == 0 ||
      cxm_org_has_person(rec->org, person)) {
    index = cxm_scope_index_new(rec);
    stats = cxm_scope_index_get(index, person, cumulative);
    cxm_scope_index_free(index);
  }
  cxm_recorder_unlock(rec);
  if (stats == NULL)
    g_set_error(error, CXM_ERROR, CXM_ERROR_NOT_FOUND, "no person \"%s\" in the org",
                person);
  return stats;
}
