/* SPDX-License-Identifier: MIT */
/* generate.c: writes realistic cxm sample data as JSON Lines.
 *
 *   generate [--count N] [--seed S] [--bad N] [--output FILE] [--org FILE]
 *
 * N valid records over eight weeks, for a made-up service organisation of
 * 12 teams in 3 regions and about 150 employees: each team's purpose
 * huddles (about 160; all of N when N is smaller), then interactions and
 * about 2% other leadership events; and --bad malformed lines spread
 * through the output, one rejection kind after another. --org writes that
 * organisation as a cxm org file.
 *
 * Teams differ in how they reinforce purpose (articles 000-002): some
 * huddle every working day, most once a week, some rarely; a team's staff
 * serve a little better in the weeks it huddled, so that the momentum by
 * cadence of the sample data has something to show.
 *
 * The output depends only on the arguments: the generator has its own PRNG
 * (splitmix64) and uses integer arithmetic only, so a seed gives the same
 * bytes on every platform and C library. It needs GLib, not libcxm. */
#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <glib.h>

/* ---- PRNG ------------------------------------------------------------- */

typedef struct {
  guint64 state;
} Rng;

/* splitmix64 (Steele, Lea, Flood 2014): tiny, fast, good enough here. */
static guint64
rng_next(Rng *rng)
{
  guint64 z = (rng->state += G_GUINT64_CONSTANT(0x9e3779b97f4a7c15));
  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT(0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT(0x94d049bb133111eb);
  return z ^ (z >> 31);
}

/* Uniform in 0..n-1 (n > 0), by multiply-shift rather than modulo. */
static guint32
rng_below(Rng *rng, guint32 n)
{
  return (guint32) (((rng_next(rng) >> 32) * (guint64) n) >> 32);
}

static gboolean
chance(Rng *rng, guint permille)
{
  return rng_below(rng, 1000) < permille;
}

/* Index drawn with the given non-negative weights (at least one > 0). */
static guint
pick(Rng *rng, const guint *weights, guint n)
{
  guint total = 0;
  for (guint i = 0; i < n; i++)
    total += weights[i];
  guint x = rng_below(rng, total);
  for (guint i = 0; i < n; i++) {
    if (x < weights[i])
      return i;
    x -= weights[i];
  }
  return n - 1;
}

/* Roughly bell-shaped noise in -spread..spread. */
static int
noise(Rng *rng, int spread)
{
  guint width = (guint) (2 * spread / 3); /* three terms of 0..width */
  return (int) (rng_below(rng, width + 1) + rng_below(rng, width + 1) +
                rng_below(rng, width + 1)) -
         (int) (3 * width / 2);
}

/* ---- Domain names (SPEC section 1, in SPEC order) --------------------- */

static const char *const channels[] = { "web",       "phone",  "email", "chat",
                                        "in_person", "social", "other" };
enum {
  WEB,
  PHONE,
  EMAIL,
  CHAT,
  IN_PERSON,
  SOCIAL,
  OTHER,
  N_CHANNELS
};

static const char *const levels[] = { "frontline", "manager", "senior_leader" };
enum {
  FRONTLINE,
  MANAGER,
  SENIOR_LEADER
};

static const char *const difficulties[] = {
  "no_immediate_answer", "exceeds_offering", "service_chain_failure",
  "missing_information", "miscommunication", "customer_insists",
  "customer_upset"
};
enum {
  N_DIFFICULTIES = 7,
  SERVICE_CHAIN_FAILURE = 2,
  CUSTOMER_UPSET = 6
};
/* How often each kind comes up; missing answers and information dominate. */
static const guint difficulty_weights[N_DIFFICULTIES] = { 20, 9, 14, 18, 13, 10, 16 };

static const char *const emotions[] = { "fear", "anger", "anxiety", "stress" };
static const guint emotion_weights[] = { 14, 20, 30, 36 };

static const char *const resolutions[] = { "resolved", "escalated", "unresolved" };
enum {
  RESOLVED,
  ESCALATED,
  UNRESOLVED
};

static const char *const leadership_types[] = { "purpose_huddle", "recognition",
                                                "coaching", "standard_review",
                                                "communication" };
enum {
  N_LEADERSHIP_TYPES = 5,
  RECOGNITION = 1,
  COACHING = 2
};
/* Besides their huddles (scheduled, below), managers recognise and coach;
 * senior leaders communicate and review standards. */
static const guint manager_type_weights[N_LEADERSHIP_TYPES] = { 0, 45, 40, 11, 4 };
static const guint senior_type_weights[N_LEADERSHIP_TYPES] = { 0, 28, 12, 23, 37 };

/* ---- The organisation ------------------------------------------------- */

typedef enum {
  DESK_BILLING,
  DESK_SUPPORT,
  DESK_SALES,
  DESK_FIELD
} Desk;

/* How often a team's manager holds a purpose huddle. */
typedef enum {
  HUDDLE_DAILY,  /* most working days */
  HUDDLE_WEEKLY, /* once in most weeks */
  HUDDLE_RARELY  /* in one week out of four */
} Habit;

typedef struct {
  const char *name;
  Desk desk;
  int offset_minutes; /* the team's local UTC offset */
  Habit habit;
} Team;

static const Team teams[] = {
  { "emea-billing", DESK_BILLING, 60, HUDDLE_WEEKLY },
  { "emea-support", DESK_SUPPORT, 0, HUDDLE_DAILY },
  { "emea-sales", DESK_SALES, 60, HUDDLE_WEEKLY },
  { "emea-field", DESK_FIELD, 120, HUDDLE_RARELY },
  { "americas-billing", DESK_BILLING, -300, HUDDLE_DAILY },
  { "americas-support", DESK_SUPPORT, -360, HUDDLE_WEEKLY },
  { "americas-onboarding", DESK_SALES, -180, HUDDLE_RARELY },
  { "americas-field", DESK_FIELD, -480, HUDDLE_WEEKLY },
  { "apac-billing", DESK_BILLING, 480, HUDDLE_RARELY },
  { "apac-support", DESK_SUPPORT, 330, HUDDLE_WEEKLY },
  { "apac-sales", DESK_SALES, 540, HUDDLE_DAILY },
  { "apac-stores", DESK_FIELD, 600, HUDDLE_WEEKLY },
};
#define N_TEAMS G_N_ELEMENTS(teams)
#define TEAMS_PER_REGION 4

/* Channel mix per desk: field teams meet customers in person. */
static const guint desk_channel_weights[][N_CHANNELS] = {
  [DESK_BILLING] = { 16, 34, 26, 19, 1, 2, 2 },
  [DESK_SUPPORT] = { 14, 30, 19, 26, 2, 7, 2 },
  [DESK_SALES] = { 22, 29, 24, 12, 8, 3, 2 },
  [DESK_FIELD] = { 3, 16, 7, 3, 64, 2, 5 },
};

typedef struct {
  char id[16];
  guint team;
  int level;
  guint skill;  /* 0..20: purpose over function, fixed per person */
  guint weight; /* share of the interaction volume */
} Employee;

#define MAX_EMPLOYEES 200

typedef struct {
  Employee people[MAX_EMPLOYEES];
  guint n_people;
  guint weights[MAX_EMPLOYEES];
  guint managers[N_TEAMS]; /* index of each team's manager */
  guint seniors[N_TEAMS / TEAMS_PER_REGION];
} Org;

static void
org_add(Org *org, Rng *rng, guint team, int level)
{
  Employee *e = &org->people[org->n_people];
  g_snprintf(e->id, sizeof e->id, "emp-%04u", org->n_people + 1);
  e->team = team;
  e->level = level;
  e->skill = rng_below(rng, 21);
  /* Frontline staff take most contacts; escalations reach the others. */
  e->weight = level == FRONTLINE ? 8 + rng_below(rng, 5) : level == MANAGER ? 3 : 2;
  org->weights[org->n_people] = e->weight;
  org->n_people++;
}

/* 12 teams of 10-13 frontline staff and a manager, plus a senior leader per
 * region who sits with the region's support team: about 150 people. */
static void
org_build(Org *org, Rng *rng)
{
  org->n_people = 0;
  for (guint t = 0; t < N_TEAMS; t++) {
    if (t % TEAMS_PER_REGION == 0) {
      org->seniors[t / TEAMS_PER_REGION] = org->n_people;
      org_add(org, rng, t + 1, SENIOR_LEADER);
    }
    org->managers[t] = org->n_people;
    org_add(org, rng, t, MANAGER);
    guint size = 10 + rng_below(rng, 4);
    for (guint i = 0; i < size; i++)
      org_add(org, rng, t, FRONTLINE);
  }
}

/* ---- Time ------------------------------------------------------------- */

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant). */
static gint64
days_from_civil(gint64 y, guint m, guint d)
{
  y -= m <= 2;
  gint64 era = (y >= 0 ? y : y - 399) / 400;
  guint yoe = (guint) (y - era * 400);
  guint doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  guint doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + (gint64) doe - 719468;
}

static void
civil_from_days(gint64 z, int *year, int *month, int *day)
{
  z += 719468;
  gint64 era = (z >= 0 ? z : z - 146096) / 146097;
  guint doe = (guint) (z - era * 146097);
  guint yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  guint doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  guint mp = (5 * doy + 2) / 153;
  *day = (int) (doy - (153 * mp + 2) / 5 + 1);
  *month = (int) (mp < 10 ? mp + 3 : mp - 9);
  *year = (int) (yoe + era * 400 + (*month <= 2));
}

#define N_DAYS 56
#define N_HOURS (N_DAYS * 24)

/* Contact volume per hour of the eight weeks: business hours and weekdays
 * are busy. Records get increasing times by walking the cumulative volume,
 * which needs no sorting and so no memory per record. */
typedef struct {
  gint64 start; /* Unix seconds of the first hour */
  guint64 cumulative[N_HOURS + 1];
  guint64 hour; /* the walk's current hour */
} Clock;

static void
clock_init(Clock *clock)
{
  static const guint hour_weights[24] = { 1,  1,  1,  1,  2,  3, 5, 8, 11, 12, 12, 11,
                                          10, 11, 12, 12, 11, 9, 7, 5, 4,  3,  2,  1 };
  static const guint day_weights[7] = { 10, 10, 10, 10, 9, 4, 2 }; /* Mon..Sun */
  clock->start = days_from_civil(2026, 1, 26) * 86400;             /* a Monday */
  clock->cumulative[0] = 0;
  for (guint h = 0; h < N_HOURS; h++)
    clock->cumulative[h + 1] =
        clock->cumulative[h] +
        (guint64) day_weights[(h / 24) % 7] * hour_weights[h % 24] * 3600;
  clock->hour = 0;
}

/* The time of record @index of @count: its share of the volume, at a random
 * point within that share. Non-decreasing in @index. */
static gint64
clock_time(Clock *clock, Rng *rng, guint64 index, guint64 count)
{
  guint64 total = clock->cumulative[N_HOURS];
  guint64 slot = total / count;
  guint64 target = index * total / count + (slot > 1 ? rng_next(rng) % slot : 0);
  while (clock->hour + 1 < N_HOURS && clock->cumulative[clock->hour + 1] <= target)
    clock->hour++;
  guint64 weight =
      (clock->cumulative[clock->hour + 1] - clock->cumulative[clock->hour]) / 3600;
  guint64 second = (target - clock->cumulative[clock->hour]) / weight;
  return clock->start + (gint64) (clock->hour * 3600 + MIN(second, 3599));
}

/* ---- Purpose huddles ------------------------------------------------- */

#define N_WEEKS (N_DAYS / 7)

typedef struct {
  gint64 t;
  guint team;
} Huddle;

typedef struct {
  Huddle list[N_TEAMS * N_DAYS]; /* by time */
  guint n, next;
  gboolean held[N_TEAMS][N_WEEKS]; /* the team huddled in that week */
} Huddles;

static int
huddle_cmp(const void *a, const void *b)
{
  const Huddle *x = a, *y = b;
  return x->t < y->t ? -1 : x->t > y->t ? 1 : (int) x->team - (int) y->team;
}

/* Each team's huddles on working days at 10:30 local time (the same UTC
 * day everywhere from -08:00 to +10:00), drawn from its habit. */
static void
huddles_plan(Huddles *h, Rng *rng, gint64 start)
{
  h->n = h->next = 0;
  for (guint w = 0; w < N_WEEKS; w++)
    for (guint t = 0; t < N_TEAMS; t++) {
      guint weekly_day = rng_below(rng, 3); /* Monday to Wednesday */
      gboolean this_week = chance(rng, teams[t].habit == HUDDLE_WEEKLY ? 850 : 250);
      for (guint d = 0; d < 5; d++) {
        gboolean on = teams[t].habit == HUDDLE_DAILY ? chance(rng, 900)
                                                     : this_week && d == weekly_day;
        if (!on)
          continue;
        h->list[h->n].t = start + (gint64) (w * 7 + d) * 86400 +
                          (gint64) (10 * 60 + 30 - teams[t].offset_minutes) * 60;
        h->list[h->n++].team = t;
        h->held[t][w] = TRUE;
      }
    }
  qsort(h->list, h->n, sizeof *h->list, huddle_cmp);
}

/* Appends "ts":... the way exporting systems write it: mostly local time
 * with the team's offset, some UTC with Z, a few with milliseconds, some as
 * Unix seconds. */
static void
append_ts(GString *out, Rng *rng, gint64 t, int offset_minutes)
{
  guint form = rng_below(rng, 100);
  if (form < 5) {
    g_string_append_printf(out, "\"ts\":%" G_GINT64_FORMAT, t);
    return;
  }
  int offset = form < 14 ? 0 : offset_minutes;
  gint64 local = t + offset * 60;
  gint64 days = local >= 0 ? local / 86400 : (local - 86399) / 86400;
  gint64 secs = local - days * 86400;
  int year, month, day;
  civil_from_days(days, &year, &month, &day);
  g_string_append_printf(out, "\"ts\":\"%04d-%02d-%02dT%02d:%02d:%02d", year, month, day,
                         (int) (secs / 3600), (int) (secs / 60 % 60), (int) (secs % 60));
  if (form >= 14 && form < 18)
    g_string_append_printf(out, ".%03u", rng_below(rng, 1000));
  if (form < 14)
    g_string_append(out, "Z\"");
  else
    g_string_append_printf(out, "%c%02d:%02d\"", offset < 0 ? '-' : '+', ABS(offset) / 60,
                           ABS(offset) % 60);
}

/* ---- Records ---------------------------------------------------------- */

/* Keys that other systems add: the importer must ignore them. */
static const char *const extra_keys[] = {
  "\"source\":\"ivr\"",
  "\"queue\":\"priority\"",
  "\"tags\":[\"vip\",\"renewal\"]",
  "\"meta\":{\"crm\":\"v2\",\"agent_app\":\"3.4.1\",\"wrap_up_s\":41}",
  "\"note\":\"Cliente muy contento — volverá\"",
  "\"note\":\"said \\\"thanks, that was quick\\\"\"",
  "\"sentiment\":0.82",
  "\"survey_sent\":true",
};

/* Optional keys that some exporters write as null rather than leave out. */
static const char *const nullable_keys[] = { "level",          "customer",
                                             "resolution",     "emotions",
                                             "csat",           "nps",
                                             "effort",         "employee_satisfaction",
                                             "contact_number", "proactive" };

typedef struct {
  Org org;
  Clock clock;
  Huddles huddles;
  Rng rng;
  guint64 interactions; /* ids issued so far */
  guint64 leadership;
} Generator;

/* Whether @team huddled in the week of @t: its people serve a little
 * better then. */
static gboolean
huddled(const Generator *g, guint team, gint64 t)
{
  gint64 week = (t - g->clock.start) / (7 * 86400);
  return week >= 0 && week < N_WEEKS && g->huddles.held[team][week];
}

/* Maps a 0..100 score onto 1..max through ascending cut points. */
static int
scale(int score, const int *cuts, int n_cuts)
{
  int value = 1;
  for (int i = 0; i < n_cuts; i++)
    if (score >= cuts[i])
      value++;
  return value;
}

static void
append_bool(GString *out, Rng *rng, const char *key, gboolean value)
{
  /* True is always exported; false only by some systems. */
  if (value || chance(rng, 250))
    g_string_append_printf(out, ",\"%s\":%s", key, value ? "true" : "false");
}

static void
write_interaction(Generator *g, GString *out, gint64 t)
{
  Rng *rng = &g->rng;
  const Employee *e = &g->org.people[pick(rng, g->org.weights, g->org.n_people)];
  const Team *team = &teams[e->team];
  int channel = (int) pick(rng, desk_channel_weights[team->desk], N_CHANNELS);
  /* Self-service web contacts have no employee, team or level. */
  gboolean staffed = !(channel == WEB && chance(rng, 160));
  /* Escalations make contacts with managers harder. */
  guint difficult_permille = e->level == FRONTLINE ? 320 : 520;
  if (channel == PHONE || channel == SOCIAL)
    difficult_permille += 60;
  guint n_difficulties = 0;
  guint difficulty_set = 0;
  if (chance(rng, difficult_permille)) {
    static const guint count_weights[] = { 62, 28, 10 };
    n_difficulties = 1 + pick(rng, count_weights, 3);
    guint weights[N_DIFFICULTIES];
    memcpy(weights, difficulty_weights, sizeof weights);
    for (guint i = 0; i < n_difficulties; i++) {
      guint k = pick(rng, weights, N_DIFFICULTIES);
      difficulty_set |= 1u << k;
      weights[k] = 0; /* no duplicates */
    }
  }
  gboolean difficult = n_difficulties > 0;

  guint n_emotions = 0;
  guint emotion_set = 0;
  if (chance(rng, difficult ? 550 : 30)) {
    n_emotions = difficult && chance(rng, 300) ? 2 : 1;
    guint weights[4];
    memcpy(weights, emotion_weights, sizeof weights);
    for (guint i = 0; i < n_emotions; i++) {
      guint k = pick(rng, weights, 4);
      emotion_set |= 1u << k;
      weights[k] = 0;
    }
  }

  /* Skilled, purpose-driven staff turn more difficult moments around. */
  gboolean purpose = huddled(g, e->team, t);
  int resolution = -1;
  if (chance(rng, 880)) {
    guint unresolved = difficult ? 260 - 6 * e->skill - 60 * purpose : 70 - e->skill;
    guint escalated = difficult ? 190 : 50;
    guint x = rng_below(rng, 1000);
    resolution = x < unresolved               ? UNRESOLVED
                 : x < unresolved + escalated ? ESCALATED
                                              : RESOLVED;
  }
  gint64 contact_number = -1;
  if (chance(rng, 700)) {
    static const guint easy[] = { 850, 120, 30, 0 };
    static const guint hard[] = { 580, 260, 110, 50 };
    contact_number = 1 + pick(rng, difficult ? hard : easy, 4);
  }
  gboolean beyond_role = chance(rng, 30 + 4 * e->skill);
  gboolean proactive = chance(rng, 25 + 3 * e->skill);
  gboolean empowered = chance(rng, (difficult ? 40 : 15) + 2 * e->skill);

  /* The customer's latent satisfaction, 0..100: difficulties, failures and
   * repeat contacts lower it; going beyond the role raises it. */
  int score = 64 + (int) e->skill / 2;
  for (guint k = 0; k < N_DIFFICULTIES; k++)
    if (difficulty_set & (1u << k))
      score -= k == CUSTOMER_UPSET || k == SERVICE_CHAIN_FAILURE ? 11 : 7;
  score += resolution == UNRESOLVED  ? -38
           : resolution == ESCALATED ? -14
           : resolution == RESOLVED  ? 4
                                     : 0;
  if (contact_number > 1)
    score -= 6 * (int) (contact_number - 1);
  score += 10 * beyond_role + 8 * proactive + 12 * empowered + 5 * purpose;
  if (difficult && resolution == RESOLVED && (beyond_role || proactive || empowered))
    score += 6;
  score += noise(rng, 36); /* CLAMP evaluates its argument more than once */
  score = CLAMP(score, 0, 100);

  /* The employee's own satisfaction with the service given. */
  int own = 66 + (int) e->skill - 8 * (int) n_difficulties - 10 * (int) n_emotions +
            (resolution == UNRESOLVED  ? -25
             : resolution == ESCALATED ? -8
                                       : 0) +
            10 * (beyond_role || proactive || empowered) + 6 * purpose;
  own += noise(rng, 27);
  own = CLAMP(own, 0, 100);

  /* Which signals were collected: some contacts have no survey at all. */
  gboolean surveyed = chance(rng, 820);
  gboolean has_csat = surveyed && chance(rng, 700);
  gboolean has_nps = surveyed && chance(rng, 450);
  gboolean has_effort = surveyed && chance(rng, 350);
  gboolean has_own = staffed && chance(rng, 450);
  gboolean has_level = staffed && chance(rng, 955);
  gboolean has_customer = chance(rng, 900);
  static const int csat_cuts[] = { 22, 38, 55, 76 };
  static const int effort_cuts[] = { 12, 25, 38, 50, 64, 80 };
  static const int own_cuts[] = { 20, 36, 54, 74 };

  /* Decide now, so the PRNG sequence does not depend on output choices. */
  guint null_key =
      chance(rng, 30) ? rng_below(rng, G_N_ELEMENTS(nullable_keys)) : G_MAXUINT;
  guint extra = chance(rng, 45) ? rng_below(rng, G_N_ELEMENTS(extra_keys)) : G_MAXUINT;
  gboolean explicit_kind = chance(rng, 30);

  g->interactions++;
  g_string_append_c(out, '{');
  if (explicit_kind)
    g_string_append(out, "\"kind\":\"interaction\",");
  g_string_append_printf(out, "\"id\":\"ix-%06" G_GUINT64_FORMAT "\",", g->interactions);
  append_ts(out, rng, t, team->offset_minutes);
  g_string_append_printf(out, ",\"channel\":\"%s\"", channels[channel]);
  if (staffed) {
    g_string_append_printf(out, ",\"employee\":\"%s\",\"team\":\"%s\"", e->id,
                           team->name);
    if (has_level)
      g_string_append_printf(out, ",\"level\":\"%s\"", levels[e->level]);
  }
  if (has_customer)
    g_string_append_printf(out, ",\"customer\":\"cust-%05u\"",
                           10001 + rng_below(rng, 2800));
  if (difficult || chance(rng, 60)) {
    /* Some systems always send the array, empty for an easy contact. */
    g_string_append(out, ",\"difficulties\":[");
    gboolean first = TRUE;
    for (guint k = 0; k < N_DIFFICULTIES; k++)
      if (difficulty_set & (1u << k)) {
        g_string_append_printf(out, "%s\"%s\"", first ? "" : ",", difficulties[k]);
        first = FALSE;
      }
    g_string_append_c(out, ']');
  }
  if (n_emotions > 0) {
    g_string_append(out, ",\"emotions\":[");
    gboolean first = TRUE;
    for (guint k = 0; k < 4; k++)
      if (emotion_set & (1u << k)) {
        g_string_append_printf(out, "%s\"%s\"", first ? "" : ",", emotions[k]);
        first = FALSE;
      }
    g_string_append_c(out, ']');
  }
  if (resolution >= 0)
    g_string_append_printf(out, ",\"resolution\":\"%s\"", resolutions[resolution]);
  if (contact_number > 0)
    g_string_append_printf(out, ",\"contact_number\":%" G_GINT64_FORMAT, contact_number);
  if (has_csat)
    g_string_append_printf(out, ",\"csat\":%d", scale(score, csat_cuts, 4));
  if (has_nps) {
    /* Recommending takes more than satisfaction: few promoters below 80. */
    int nps = (score + 10 + noise(rng, 9)) / 9;
    g_string_append_printf(out, ",\"nps\":%d", CLAMP(nps, 0, 10));
  }
  if (has_effort) {
    int ease = score + noise(rng, 15);
    g_string_append_printf(out, ",\"effort\":%d",
                           scale(CLAMP(ease, 0, 100), effort_cuts, 6));
  }
  if (has_own)
    g_string_append_printf(out, ",\"employee_satisfaction\":%d", scale(own, own_cuts, 4));
  if (staffed) {
    append_bool(out, rng, "beyond_role", beyond_role);
    append_bool(out, rng, "proactive", proactive);
    append_bool(out, rng, "empowered", empowered);
  }
  /* An explicit null, only for a key that was left out (null = absent). */
  if (null_key != G_MAXUINT) {
    char *needle = g_strdup_printf("\"%s\":", nullable_keys[null_key]);
    if (strstr(out->str, needle) == NULL)
      g_string_append_printf(out, ",%snull", needle);
    g_free(needle);
  }
  if (extra != G_MAXUINT)
    g_string_append_printf(out, ",%s", extra_keys[extra]);
  g_string_append(out, "}\n");
}

static void
write_leadership(Generator *g, GString *out, gint64 t)
{
  Rng *rng = &g->rng;
  const Org *org = &g->org;
  gboolean senior = chance(rng, 220);
  guint team_index = rng_below(rng, N_TEAMS);
  const Employee *actor =
      &org->people[senior ? org->seniors[team_index / TEAMS_PER_REGION]
                          : org->managers[team_index]];
  guint type =
      pick(rng, senior ? senior_type_weights : manager_type_weights, N_LEADERSHIP_TYPES);
  /* Recognition and coaching are about someone on the team. */
  const Employee *subject = NULL;
  if ((type == RECOGNITION || type == COACHING) && chance(rng, 900)) {
    guint first = org->managers[team_index] + 1;
    guint last = team_index + 1 < N_TEAMS ? org->managers[team_index + 1] : org->n_people;
    subject = &org->people[first + rng_below(rng, last - first)];
    if (subject->level != FRONTLINE) /* the next region's senior leader */
      subject = &org->people[first];
  }
  gboolean has_team = chance(rng, 950);
  gboolean has_level = chance(rng, 900);

  g->leadership++;
  g_string_append_printf(
      out, "{\"kind\":\"leadership\",\"id\":\"ld-%05" G_GUINT64_FORMAT "\",",
      g->leadership);
  append_ts(out, rng, t, teams[actor->team].offset_minutes);
  g_string_append_printf(out, ",\"type\":\"%s\",\"actor\":\"%s\"", leadership_types[type],
                         actor->id);
  if (has_team)
    g_string_append_printf(out, ",\"team\":\"%s\"", teams[team_index].name);
  if (has_level)
    g_string_append_printf(out, ",\"level\":\"%s\"", levels[actor->level]);
  if (subject != NULL)
    g_string_append_printf(out, ",\"subject\":\"%s\"", subject->id);
  g_string_append(out, "}\n");
}

/* A team's purpose huddle, held by its manager. */
static void
write_huddle(Generator *g, GString *out, const Huddle *h)
{
  g->leadership++;
  g_string_append_printf(
      out, "{\"kind\":\"leadership\",\"id\":\"ld-%05" G_GUINT64_FORMAT "\",",
      g->leadership);
  append_ts(out, &g->rng, h->t, teams[h->team].offset_minutes);
  g_string_append_printf(out,
                         ",\"type\":\"purpose_huddle\",\"actor\":\"%s\",\"team\":\"%s\","
                         "\"level\":\"manager\"}\n",
                         g->org.people[g->org.managers[h->team]].id, teams[h->team].name);
}

/* The organisation as a cxm org file (SPEC section 3): a head of customer
 * experience, a senior leader per region, a manager per team and the
 * team's frontline staff. */
static gboolean
write_org(const Org *org, const char *path, GError **error)
{
  GString *out = g_string_new("{\"people\": [\n"
                              "  {\"id\": \"cx-head\", \"level\": \"senior_leader\"}");
  for (guint i = 0; i < org->n_people; i++) {
    const Employee *e = &org->people[i];
    const char *manager = "cx-head";
    if (e->level == MANAGER)
      manager = org->people[org->seniors[e->team / TEAMS_PER_REGION]].id;
    else if (e->level == FRONTLINE)
      manager = org->people[org->managers[e->team]].id;
    g_string_append_printf(
        out,
        ",\n  {\"id\": \"%s\", \"level\": \"%s\", \"manager\": \"%s\", "
        "\"team\": \"%s\"}",
        e->id, levels[e->level], manager, teams[e->team].name);
  }
  g_string_append(out, "\n]}\n");
  gboolean ok = g_file_set_contents(path, out->str, (gssize) out->len, error);
  g_string_free(out, TRUE);
  return ok;
}

/* Malformed lines, one per rejection kind (SPEC section 7) first, then
 * variants. @ID@ stands for an id, @TS@ for a timestamp. */
static const char *const bad_lines[] = {
  /* invalid JSON: the exporter cut the line short */
  "{\"id\":\"@ID@\",\"ts\":\"@TS@\",\"channel\":\"phone\",\"csat\":5",
  /* out of range */
  "{\"id\":\"@ID@\",\"ts\":\"@TS@\",\"channel\":\"email\",\"employee\":\"emp-0007\",\"csat\":7}",
  /* wrong type */
  "{\"id\":\"@ID@\",\"ts\":\"@TS@\",\"channel\":\"chat\",\"csat\":\"5\"}",
  /* unknown enum */
  "{\"id\":\"@ID@\",\"ts\":\"@TS@\",\"channel\":\"fax\",\"employee\":\"emp-0012\"}",
  /* duplicate in an array */
  "{\"id\":\"@ID@\",\"ts\":\"@TS@\",\"channel\":\"phone\","
  "\"difficulties\":[\"customer_upset\",\"customer_upset\"],\"csat\":2}",
  /* missing id */
  "{\"ts\":\"@TS@\",\"channel\":\"web\",\"csat\":4}",
  /* not an object */
  "[\"@ID@\",\"@TS@\",\"phone\",4]",
  /* invalid UTF-8: a Latin-1 e-acute */
  "{\"id\":\"@ID@\",\"ts\":\"@TS@\",\"channel\":\"in_person\",\"customer\":\"Jos\xe9\"}",
  /* nesting deeper than 8 levels: 9, the record itself being level 1 */
  "{\"id\":\"@ID@\",\"ts\":\"@TS@\",\"channel\":\"web\","
  "\"meta\":{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":{\"f\":{\"g\":{}}}}}}}}}",
  /* variants */
  "{\"id\":\"@ID@\",\"ts\":\"2026-02-03T09:15:00\",\"channel\":\"phone\"}",
  "{\"id\":\"@ID@\",\"ts\":\"@TS@\",\"channel\":\"phone\",\"nps\":11}",
  "{\"id\":\"@ID@\",\"ts\":\"@TS@\",\"channel\":\"email\",\"beyond_role\":1}",
  "{\"id\":\"@ID@\",\"ts\":\"@TS@\",\"channel\":\"chat\",\"level\":\"director\"}",
  "{\"id\":\"@ID@\",\"ts\":\"@TS@\",\"channel\":\"phone\",\"contact_number\":0}",
  "{\"kind\":\"leadership\",\"id\":\"@ID@\",\"ts\":\"@TS@\",\"type\":\"offsite\",\"actor\":\"emp-0001\"}",
  "{\"kind\":\"leadership\",\"id\":\"@ID@\",\"ts\":\"@TS@\",\"type\":\"coaching\"}",
  "{\"id\":\"@ID@\",\"ts\":\"@TS@\",\"channel\":\"phone\",\"emotions\":[\"stress\",\"fear\",\"stress\"]}",
  "{\"id\":\"@ID@\",\"ts\":\"@TS@\",\"channel\":\"web\",\"difficulties\":\"customer_upset\"}",
  "{\"id\":\"@ID@\",\"ts\":true,\"channel\":\"web\"}",
  "{\"id\":\"@ID@\",\"ts\":\"@TS@\",\"channel\":\"phone\",\"effort\":4.5}",
};

static void
write_bad(Generator *g, GString *out, guint64 index, gint64 t)
{
  char id[32];
  char ts[32];
  int year, month, day;
  g->interactions++;
  g_snprintf(id, sizeof id, "ix-%06" G_GUINT64_FORMAT, g->interactions);
  civil_from_days(t / 86400, &year, &month, &day);
  g_snprintf(ts, sizeof ts, "%04d-%02d-%02dT%02d:%02d:%02dZ", year, month, day,
             (int) (t % 86400 / 3600), (int) (t % 3600 / 60), (int) (t % 60));
  GString *bad = g_string_new(bad_lines[index % G_N_ELEMENTS(bad_lines)]);
  g_string_replace(bad, "@ID@", id, 0);
  g_string_replace(bad, "@TS@", ts, 0);
  g_string_append_len(out, bad->str, (gssize) bad->len);
  g_string_append_c(out, '\n');
  g_string_free(bad, TRUE);
}

/* ---- main ------------------------------------------------------------- */

static gboolean
write_all(FILE *stream, const GString *text)
{
  return fwrite(text->str, 1, text->len, stream) == text->len;
}

int
main(int argc, char **argv)
{
  gint64 count = 5000;
  gint64 seed = 42;
  gint64 bad = 0;
  char *output = NULL;
  char *org_output = NULL;
  const GOptionEntry entries[] = {
    { "count", 'n', 0, G_OPTION_ARG_INT64, &count,
      "Valid records to write, huddles included (default 5000)", "N" },
    { "seed", 's', 0, G_OPTION_ARG_INT64, &seed, "PRNG seed (default 42)", "S" },
    { "bad", 'b', 0, G_OPTION_ARG_INT64, &bad, "Malformed lines to add (default 0)",
      "N" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      "Write to FILE, not standard output", "FILE" },
    { "org", 0, 0, G_OPTION_ARG_FILENAME, &org_output,
      "Also write the organisation to FILE", "FILE" },
    G_OPTION_ENTRY_NULL
  };
  GError *error = NULL;
  /* For --help and messages only: the output uses no locale-dependent
   * formatting (integers and fixed strings). */
  setlocale(LC_ALL, "");
  GOptionContext *context =
      g_option_context_new("- write sample cxm interactions as JSON Lines");
  g_option_context_add_main_entries(context, entries, NULL);
  gboolean parsed = g_option_context_parse(context, &argc, &argv, &error);
  g_option_context_free(context);
  if (!parsed) {
    g_printerr("generate: %s\n", error->message);
    g_error_free(error);
    g_free(output);
    g_free(org_output);
    return 2;
  }
  if (argc > 1 || count < 0 || bad < 0) {
    if (argc > 1)
      g_printerr("generate: unexpected argument \"%s\" (see --help)\n", argv[1]);
    else
      g_printerr("generate: --count and --bad must be >= 0\n");
    g_free(output);
    g_free(org_output);
    return 2;
  }

  Generator *g = g_new0(Generator, 1);
  g->rng.state = (guint64) seed;
  org_build(&g->org, &g->rng);
  clock_init(&g->clock);
  huddles_plan(&g->huddles, &g->rng, g->clock.start);
  if (org_output != NULL && !write_org(&g->org, org_output, &error)) {
    g_printerr("generate: %s\n", error->message);
    g_error_free(error);
    g_free(g);
    g_free(output);
    g_free(org_output);
    return 1;
  }
  g_free(org_output);

  FILE *stream = output != NULL ? fopen(output, "wb") : stdout;
  if (stream == NULL) {
    g_printerr("generate: %s: %s\n", output, g_strerror(errno));
    g_free(g);
    g_free(output);
    return 1;
  }

  GString *line = g_string_sized_new(512);
  gboolean ok = TRUE;
  /* the huddles are part of the count */
  guint64 n_huddles = MIN((guint64) count, g->huddles.n);
  guint64 n = (guint64) count - n_huddles;
  guint64 n_bad = (guint64) bad;
  guint64 next_bad = 0;
  gint64 t = g->clock.start;
  for (guint64 i = 0; i <= n && ok; i++) {
    /* Bad line k goes before record (k + 1) n / (bad + 1): evenly spread. */
    while (next_bad < n_bad && (next_bad + 1) * n / (n_bad + 1) <= i && ok) {
      g_string_truncate(line, 0);
      write_bad(g, line, next_bad++, t);
      ok = write_all(stream, line);
    }
    /* the huddles held before this record, and after the last one */
    gint64 until = i < n ? clock_time(&g->clock, &g->rng, i, n) : G_MAXINT64;
    Huddles *h = &g->huddles;
    while (h->next < n_huddles && h->list[h->next].t <= until && ok) {
      g_string_truncate(line, 0);
      write_huddle(g, line, &h->list[h->next++]);
      ok = write_all(stream, line);
    }
    if (i == n)
      break;
    t = until;
    g_string_truncate(line, 0);
    if (chance(&g->rng, 20))
      write_leadership(g, line, t);
    else
      write_interaction(g, line, t);
    ok = ok && write_all(stream, line);
  }
  g_string_free(line, TRUE);
  g_free(g);

  if (fflush(stream) != 0 || ferror(stream))
    ok = FALSE;
  int saved = errno;
  if (output != NULL && fclose(stream) != 0 && ok) {
    ok = FALSE;
    saved = errno;
  }
  if (!ok) {
    g_printerr("generate: %s: %s\n", output != NULL ? output : "standard output",
               g_strerror(saved));
    g_free(output);
    return 1;
  }
  g_free(output);
  return 0;
}
