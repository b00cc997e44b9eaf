/* SPDX-License-Identifier: MIT */
/* How the reports write numbers: one rounding for JSON, CSV and HTML. */
#ifndef CXM_FIGURES_H
#define CXM_FIGURES_H

#include <glib.h>

#define CXM_RATE_DECIMALS 4  /* fractions: 0.4213 */
#define CXM_SCORE_DECIMALS 2 /* scores and margins on -100..100 */
#define CXM_MEAN_DECIMALS 3  /* means of 1..5 or 1..7 answers */

#define CXM_FIGURE_SIZE G_ASCII_DTOSTR_BUF_SIZE

/* Writes @value rounded to @decimals into @text ("0.4213", "20.5": trailing
 * zeros dropped, one decimal kept, never "-0.0") and returns the rounded
 * value. */
double cxm_figure(double value, int decimals, char text[CXM_FIGURE_SIZE]);

#endif
