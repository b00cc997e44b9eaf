/* SPDX-License-Identifier: MIT */
/* The name tables behind cxm/enums.h, for the parsers and writers. */
#ifndef CXM_ENUMS_PRIVATE_H
#define CXM_ENUMS_PRIVATE_H

#include <cxm/enums.h>

extern const char *const cxm_channel_names[];
extern const char *const cxm_level_names[];
extern const char *const cxm_difficulty_names[];
extern const char *const cxm_emotion_names[];
extern const char *const cxm_resolution_names[];
extern const char *const cxm_class_names[];
extern const char *const cxm_reason_names[];
extern const char *const cxm_leadership_type_names[];

/* The index of the @len bytes of @name in the NULL-terminated @names, or
 * CXM_UNSET. */
int cxm_name_lookup(const char *const *names, const char *name, gsize len);
/* The first @count names as "web, phone, email, ..." for error messages;
 * free with g_free(). */
char *cxm_enum_choices(const char *const *names, int count);

#endif
