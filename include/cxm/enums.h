/* cxm/enums.h: the domain's enumerations (SPEC section 1) and their names. */
#ifndef CXM_ENUMS_H
#define CXM_ENUMS_H

#include <cxm/common.h>

G_BEGIN_DECLS

/* Every enumeration below numbers its values from 0 in SPEC order and ends
 * with a _COUNT member; the value -1 (CXM_UNSET) means "absent" wherever an
 * API accepts or returns an optional value. */
#define CXM_UNSET (-1)

typedef enum {
  CXM_CHANNEL_WEB,
  CXM_CHANNEL_PHONE,
  CXM_CHANNEL_EMAIL,
  CXM_CHANNEL_CHAT,
  CXM_CHANNEL_IN_PERSON,
  CXM_CHANNEL_SOCIAL,
  CXM_CHANNEL_OTHER,
  CXM_CHANNEL_COUNT
} CxmChannel;

/* CXM_LEVEL_UNASSIGNED is where records go whose level is unknown; it is a
 * group, not a value a record may carry. */
typedef enum {
  CXM_LEVEL_FRONTLINE,
  CXM_LEVEL_MANAGER,
  CXM_LEVEL_SENIOR_LEADER,
  CXM_LEVEL_UNASSIGNED,
  CXM_LEVEL_COUNT
} CxmLevel;

typedef enum {
  CXM_DIFFICULTY_NO_IMMEDIATE_ANSWER,
  CXM_DIFFICULTY_EXCEEDS_OFFERING,
  CXM_DIFFICULTY_SERVICE_CHAIN_FAILURE,
  CXM_DIFFICULTY_MISSING_INFORMATION,
  CXM_DIFFICULTY_MISCOMMUNICATION,
  CXM_DIFFICULTY_CUSTOMER_INSISTS,
  CXM_DIFFICULTY_CUSTOMER_UPSET,
  CXM_DIFFICULTY_COUNT
} CxmDifficulty;

typedef enum {
  CXM_EMOTION_FEAR,
  CXM_EMOTION_ANGER,
  CXM_EMOTION_ANXIETY,
  CXM_EMOTION_STRESS,
  CXM_EMOTION_COUNT
} CxmEmotion;

typedef enum {
  CXM_RESOLUTION_RESOLVED,
  CXM_RESOLUTION_ESCALATED,
  CXM_RESOLUTION_UNRESOLVED,
  CXM_RESOLUTION_COUNT
} CxmResolution;

typedef enum {
  CXM_CLASS_MOMENTUM,
  CXM_CLASS_NEUTRAL,
  CXM_CLASS_DISAPPOINTMENT,
  CXM_CLASS_COUNT
} CxmClass;

/* The reason each classification rule of SPEC section 4 states. */
typedef enum {
  CXM_REASON_CUSTOMER_NEGATIVE,     /* rule 1 */
  CXM_REASON_DIFFICULTY_UNRESOLVED, /* rule 2 */
  CXM_REASON_BOTH_HURT,             /* rule 3 */
  CXM_REASON_NO_POSITIVE_SIGNAL,    /* rule 4 */
  CXM_REASON_ONE_SIDED,             /* rule 5 */
  CXM_REASON_DIFFICULTY_OVERCOME,   /* rule 6 */
  CXM_REASON_BEYOND_ROLE,           /* rule 7 */
  CXM_REASON_PROACTIVE,             /* rule 7 */
  CXM_REASON_EMPOWERED,             /* rule 7 */
  CXM_REASON_DELIGHTED,             /* rule 8 */
  CXM_REASON_ROUTINE,               /* rule 9 */
  CXM_REASON_COUNT
} CxmReason;

typedef enum {
  CXM_LEADERSHIP_PURPOSE_HUDDLE,
  CXM_LEADERSHIP_RECOGNITION,
  CXM_LEADERSHIP_COACHING,
  CXM_LEADERSHIP_STANDARD_REVIEW,
  CXM_LEADERSHIP_COMMUNICATION,
  CXM_LEADERSHIP_COUNT
} CxmLeadershipType;

/* Name <-> value. The _name() functions return the JSON name as a static
 * string, or NULL for a value out of range. The _from_name() functions
 * return the value, or CXM_UNSET (-1) when name is NULL or unknown. Names
 * are case-sensitive, exactly as SPEC spells them. */
CXM_EXTERN const char *cxm_channel_name(CxmChannel channel);
CXM_EXTERN int cxm_channel_from_name(const char *name);
CXM_EXTERN const char *cxm_level_name(CxmLevel level);
CXM_EXTERN int cxm_level_from_name(const char *name);
CXM_EXTERN const char *cxm_difficulty_name(CxmDifficulty difficulty);
CXM_EXTERN int cxm_difficulty_from_name(const char *name);
CXM_EXTERN const char *cxm_emotion_name(CxmEmotion emotion);
CXM_EXTERN int cxm_emotion_from_name(const char *name);
CXM_EXTERN const char *cxm_resolution_name(CxmResolution resolution);
CXM_EXTERN int cxm_resolution_from_name(const char *name);
CXM_EXTERN const char *cxm_class_name(CxmClass klass);
CXM_EXTERN int cxm_class_from_name(const char *name);
CXM_EXTERN const char *cxm_reason_name(CxmReason reason);
CXM_EXTERN int cxm_reason_from_name(const char *name);
CXM_EXTERN const char *cxm_leadership_type_name(CxmLeadershipType type);
CXM_EXTERN int cxm_leadership_type_from_name(const char *name);

G_END_DECLS

#endif
