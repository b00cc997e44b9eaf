/* SPDX-License-Identifier: MIT */
/**
 * SECTION:classify
 * @title: cxm/classify.h
 * @short_description: the classification rules of SPEC section 4
 *
 * Part of the umbrella header <cxm/cxm.h>: include that one, not this part.
 */
#ifndef CXM_CLASSIFY_H
#define CXM_CLASSIFY_H

#include <cxm/interaction.h>
#include <cxm/policy.h>

G_BEGIN_DECLS

/**
 * cxm_classify:
 * @policy: (nullable): thresholds; %NULL means the defaults
 * @interaction: the record; only its signals are read (id, ts and channel
 *   may be absent)
 * @klass: (out) (optional): momentum, neutral or disappointment
 * @reason: (out) (optional): the reason code of the first matching rule
 * @error: return location for a #GError, or %NULL
 *
 * Applies the nine rules of SPEC section 4, in order (#CxmReason). Neither
 * @policy nor @interaction is changed.
 *
 * Returns: %TRUE with @klass and @reason set; %FALSE only on a %NULL
 *   @interaction (%CXM_ERROR_INVALID_ARGUMENT), @klass and @reason untouched
 */
CXM_EXTERN gboolean cxm_classify(const CxmPolicy *policy,
                                 const CxmInteraction *interaction, CxmClass *klass,
                                 CxmReason *reason, GError **error);

G_END_DECLS

#endif
