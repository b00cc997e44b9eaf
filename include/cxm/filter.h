/* SPDX-License-Identifier: MIT */
/**
 * SECTION:filter
 * @title: cxm/filter.h
 * @short_description: which records an import keeps: time, team, channel,
 *   level, employee
 *
 * Part of the umbrella header <cxm/cxm.h>: include that one, not this part.
 */
#ifndef CXM_FILTER_H
#define CXM_FILTER_H

#include <cxm/interaction.h>

G_BEGIN_DECLS

/**
 * CxmFilterKey:
 * @CXM_FILTER_TEAM: the team a record counts under (its own, else its
 *   employee's or actor's in the org)
 * @CXM_FILTER_CHANNEL: an interaction's channel, by name ("phone");
 *   leadership events have none and never match a channel
 * @CXM_FILTER_LEVEL: the level a record counts under, by name ("manager"):
 *   its own, else its employee's or actor's in the org, else "unassigned"
 * @CXM_FILTER_EMPLOYEE: an interaction's employee, a leadership event's
 *   actor
 * @CXM_FILTER_KEY_COUNT: the number of keys; not a key
 *
 * The keys a filter matches by value.
 */
typedef enum {
  CXM_FILTER_TEAM,
  CXM_FILTER_CHANNEL,
  CXM_FILTER_LEVEL,
  CXM_FILTER_EMPLOYEE,
  CXM_FILTER_KEY_COUNT
} CxmFilterKey;

/**
 * CxmFilter:
 *
 * Which records pass: those at or after a start (since, inclusive), before
 * an end (until, exclusive), each an instant or a day, and, for each key given values, matching any
 * of them. A new filter passes everything. g_autoptr(CxmFilter) frees a
 * filter.
 *
 * A filter is not changed by what reads it: once set up it may be read
 * from several threads at once.
 */
typedef struct _CxmFilter CxmFilter;

/**
 * cxm_filter_new:
 *
 * Creates a filter that passes every record.
 *
 * Returns: (transfer full): a new filter; free with cxm_filter_free().
 *   Never %NULL.
 */
CXM_EXTERN CxmFilter *cxm_filter_new(void);
/**
 * cxm_filter_free:
 * @filter: (nullable) (transfer full): a filter
 *
 * Frees a filter. Accepts %NULL.
 */
CXM_EXTERN void cxm_filter_free(CxmFilter *filter);
/**
 * cxm_filter_set_since:
 * @filter: a filter
 * @unix_seconds: the first second that passes
 *
 * Passes only records whose ts is at or after @unix_seconds (inclusive).
 */
CXM_EXTERN void cxm_filter_set_since(CxmFilter *filter, gint64 unix_seconds);
/**
 * cxm_filter_set_until:
 * @filter: a filter
 * @unix_seconds: the first second that no longer passes
 *
 * Passes only records whose ts is before @unix_seconds (exclusive).
 */
CXM_EXTERN void cxm_filter_set_until(CxmFilter *filter, gint64 unix_seconds);
/**
 * cxm_filter_set_period:
 * @filter: a filter
 * @name: a period's name: a day "2026-03-02", an ISO week "2026-W10" or a
 *   month "2026-03", as cxm_period_name() writes them
 * @error: return location for a #GError, or %NULL
 *
 * Sets since to the period's first day and until to the day after its
 * last. A record's day is read as the recorder files it, in the time zone
 * of its policy (cxm_policy_set_time_zone()); cxm_filter_matches(), which
 * knows no policy, reads UTC days.
 *
 * Returns: %TRUE; %FALSE with %CXM_ERROR_FORMAT when @name is no period,
 *   and @filter unchanged
 */
CXM_EXTERN gboolean cxm_filter_set_period(CxmFilter *filter, const char *name,
                                          GError **error);
/**
 * cxm_filter_parse_time:
 * @text: a date "2026-03-02" (the start of that UTC day) or an RFC 3339
 *   instant "2026-03-02T09:30:00+01:00" (fraction dropped)
 * @unix_seconds: (out): where the time goes, as Unix seconds
 * @error: return location for a #GError, or %NULL
 *
 * Reads a time as an instant. cxm_filter_set_since_text() and
 * cxm_filter_set_until_text() read a date as a day in the recorder's time
 * zone instead.
 *
 * Returns: %TRUE; %FALSE with %CXM_ERROR_FORMAT, and @unix_seconds
 *   unchanged
 */
CXM_EXTERN gboolean cxm_filter_parse_time(const char *text, gint64 *unix_seconds,
                                          GError **error);
/**
 * cxm_filter_set_since_text:
 * @filter: a filter
 * @text: a date "2026-03-02" (that day, in the time zone a record's day
 *   is read in, as for cxm_filter_set_period()) or an RFC 3339 instant
 *   "2026-03-02T09:30:00+01:00" (fraction dropped); as `--since` takes it
 * @error: return location for a #GError, or %NULL
 *
 * Passes only records at or after @text (inclusive).
 *
 * Returns: %TRUE; %FALSE with %CXM_ERROR_FORMAT, and @filter unchanged
 */
CXM_EXTERN gboolean cxm_filter_set_since_text(CxmFilter *filter, const char *text,
                                              GError **error);
/**
 * cxm_filter_set_until_text:
 * @filter: a filter
 * @text: as for cxm_filter_set_since_text()
 * @error: return location for a #GError, or %NULL
 *
 * Passes only records before @text (exclusive): before that day, or that
 * instant.
 *
 * Returns: %TRUE; %FALSE with %CXM_ERROR_FORMAT, and @filter unchanged
 */
CXM_EXTERN gboolean cxm_filter_set_until_text(CxmFilter *filter, const char *text,
                                              GError **error);
/**
 * cxm_filter_add:
 * @filter: a filter
 * @key: which key
 * @value: a team or employee id; a channel or level name
 * @error: return location for a #GError, or %NULL
 *
 * Adds one value @key may have: a record passes when its @key matches any
 * value added for @key (and every other key given values). The string is
 * copied.
 *
 * Returns: %TRUE; %FALSE with %CXM_ERROR_ENUM for an unknown channel or
 *   level name, %CXM_ERROR_INVALID_ARGUMENT for a bad @key or a %NULL or
 *   empty @value, and @filter unchanged
 */
CXM_EXTERN gboolean cxm_filter_add(CxmFilter *filter, CxmFilterKey key, const char *value,
                                   GError **error);
/**
 * cxm_filter_matches:
 * @filter: a filter
 * @interaction: an interaction
 *
 * Whether @interaction passes, by its own fields (no org: a level it lacks
 * is "unassigned", a team it lacks matches no team).
 *
 * Returns: %TRUE if it passes
 */
CXM_EXTERN gboolean cxm_filter_matches(const CxmFilter *filter,
                                       const CxmInteraction *interaction);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CxmFilter, cxm_filter_free)

G_END_DECLS

#endif
