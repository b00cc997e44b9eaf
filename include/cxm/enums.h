/* SPDX-License-Identifier: MIT */
/**
 * SECTION:enums
 * @title: cxm/enums.h
 * @short_description: the domain's enumerations (SPEC section 1) and their names
 *
 * Part of the umbrella header <cxm/cxm.h>: include that one, not this part.
 */
#ifndef CXM_ENUMS_H
#define CXM_ENUMS_H

#include <cxm/common.h>

G_BEGIN_DECLS

/**
 * CXM_UNSET:
 *
 * The value -1, which means "absent" wherever an API accepts or returns an
 * optional value. Every enumeration of this header numbers its values from 0
 * in SPEC order and ends with a _COUNT member, so -1 is never one of its
 * values.
 */
#define CXM_UNSET (-1)

/**
 * CxmChannel:
 * @CXM_CHANNEL_WEB: "web"
 * @CXM_CHANNEL_PHONE: "phone"
 * @CXM_CHANNEL_EMAIL: "email": e-mail
 * @CXM_CHANNEL_CHAT: "chat"
 * @CXM_CHANNEL_IN_PERSON: "in_person"
 * @CXM_CHANNEL_SOCIAL: "social": social media
 * @CXM_CHANNEL_OTHER: "other"
 * @CXM_CHANNEL_COUNT: the number of channels; not a channel
 *
 * Where a moment of truth took place (SPEC section 1). Each value is shown
 * with its JSON name (cxm_channel_name()).
 */
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

/**
 * CxmLevel:
 * @CXM_LEVEL_FRONTLINE: "frontline": individual contributors
 * @CXM_LEVEL_MANAGER: "manager"
 * @CXM_LEVEL_SENIOR_LEADER: "senior_leader"
 * @CXM_LEVEL_UNASSIGNED: "unassigned": where records go whose level is
 *   unknown; it is a group, not a value a record may carry
 * @CXM_LEVEL_COUNT: the number of levels, %CXM_LEVEL_UNASSIGNED included; not
 *   a level
 *
 * The three levels of an organisation (SPEC section 1), and the group of
 * records of no known level. Each value is shown with its JSON name
 * (cxm_level_name()).
 */
typedef enum {
  CXM_LEVEL_FRONTLINE,
  CXM_LEVEL_MANAGER,
  CXM_LEVEL_SENIOR_LEADER,
  CXM_LEVEL_UNASSIGNED,
  CXM_LEVEL_COUNT
} CxmLevel;

/**
 * CxmDifficulty:
 * @CXM_DIFFICULTY_NO_IMMEDIATE_ANSWER: "no_immediate_answer": no immediate
 *   answer
 * @CXM_DIFFICULTY_EXCEEDS_OFFERING: "exceeds_offering": a request beyond the
 *   offering
 * @CXM_DIFFICULTY_SERVICE_CHAIN_FAILURE: "service_chain_failure": a failure in
 *   the service chain
 * @CXM_DIFFICULTY_MISSING_INFORMATION: "missing_information": missing
 *   information
 * @CXM_DIFFICULTY_MISCOMMUNICATION: "miscommunication": miscommunication
 * @CXM_DIFFICULTY_CUSTOMER_INSISTS: "customer_insists": an insistent customer
 * @CXM_DIFFICULTY_CUSTOMER_UPSET: "customer_upset": an upset customer
 * @CXM_DIFFICULTY_COUNT: the number of kinds; not a kind
 *
 * The seven recurring kinds of difficult moment (SPEC section 1): contacts
 * that are hard to resolve. A record carries a set of them. Each value is
 * shown with its JSON name (cxm_difficulty_name()).
 */
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

/**
 * CxmEmotion:
 * @CXM_EMOTION_FEAR: "fear"
 * @CXM_EMOTION_ANGER: "anger"
 * @CXM_EMOTION_ANXIETY: "anxiety"
 * @CXM_EMOTION_STRESS: "stress"
 * @CXM_EMOTION_COUNT: the number of emotions; not an emotion
 *
 * What an employee felt (SPEC section 1: in difficult moments staff often
 * feel fear, anger, anxiety, stress). A record carries a set of them. Each
 * value is shown with its JSON name (cxm_emotion_name()).
 */
typedef enum {
  CXM_EMOTION_FEAR,
  CXM_EMOTION_ANGER,
  CXM_EMOTION_ANXIETY,
  CXM_EMOTION_STRESS,
  CXM_EMOTION_COUNT
} CxmEmotion;

/**
 * CxmResolution:
 * @CXM_RESOLUTION_RESOLVED: "resolved"
 * @CXM_RESOLUTION_ESCALATED: "escalated"
 * @CXM_RESOLUTION_UNRESOLVED: "unresolved"
 * @CXM_RESOLUTION_COUNT: the number of resolutions; not a resolution
 *
 * How the matter of an interaction ended. Each value is shown with its JSON
 * name (cxm_resolution_name()).
 */
typedef enum {
  CXM_RESOLUTION_RESOLVED,
  CXM_RESOLUTION_ESCALATED,
  CXM_RESOLUTION_UNRESOLVED,
  CXM_RESOLUTION_COUNT
} CxmResolution;

/**
 * CxmClass:
 * @CXM_CLASS_MOMENTUM: "momentum": the customer is satisfied with the service
 *   received and the employee with the service given
 * @CXM_CLASS_NEUTRAL: "neutral": everything else
 * @CXM_CLASS_DISAPPOINTMENT: "disappointment": a Moment of Disappointment, a
 *   difficult moment badly resolved
 * @CXM_CLASS_COUNT: the number of classes; not a class
 *
 * The class that cxm_classify() gives an interaction (SPEC sections 1 and
 * 4). Each value is shown with its JSON name (cxm_class_name()).
 */
typedef enum {
  CXM_CLASS_MOMENTUM,
  CXM_CLASS_NEUTRAL,
  CXM_CLASS_DISAPPOINTMENT,
  CXM_CLASS_COUNT
} CxmClass;

/**
 * CxmReason:
 * @CXM_REASON_CUSTOMER_NEGATIVE: rule 1, disappointment: the customer's
 *   verdict is negative
 * @CXM_REASON_DIFFICULTY_UNRESOLVED: rule 2, disappointment: difficult and
 *   resolution unresolved
 * @CXM_REASON_BOTH_HURT: rule 3, disappointment: difficult, employee hurt,
 *   verdict not positive
 * @CXM_REASON_NO_POSITIVE_SIGNAL: rule 4, neutral: verdict not positive
 * @CXM_REASON_ONE_SIDED: rule 5, neutral: resolution unresolved, or the
 *   employee's satisfaction present and below the policy's
 *   employee_satisfied_min
 * @CXM_REASON_DIFFICULTY_OVERCOME: rule 6, momentum: difficult
 * @CXM_REASON_BEYOND_ROLE: rule 7, momentum: beyond_role (the first of
 *   beyond_role, proactive and empowered that is true)
 * @CXM_REASON_PROACTIVE: rule 7, momentum: proactive
 * @CXM_REASON_EMPOWERED: rule 7, momentum: empowered
 * @CXM_REASON_DELIGHTED: rule 8, momentum: delighted (csat or nps at the
 *   policy's delighted_csat_min or delighted_nps_min or above)
 * @CXM_REASON_ROUTINE: rule 9, neutral: otherwise (satisfied, not a fan)
 * @CXM_REASON_COUNT: the number of reasons; not a reason
 *
 * The reason each classification rule of SPEC section 4 states; the first
 * rule that matches decides. The customer's verdict comes from the first
 * signal present: csat, else nps, else effort. The JSON names are the value
 * names in lower case ("customer_negative", cxm_reason_name()).
 */
typedef enum {
  CXM_REASON_CUSTOMER_NEGATIVE,
  CXM_REASON_DIFFICULTY_UNRESOLVED,
  CXM_REASON_BOTH_HURT,
  CXM_REASON_NO_POSITIVE_SIGNAL,
  CXM_REASON_ONE_SIDED,
  CXM_REASON_DIFFICULTY_OVERCOME,
  CXM_REASON_BEYOND_ROLE,
  CXM_REASON_PROACTIVE,
  CXM_REASON_EMPOWERED,
  CXM_REASON_DELIGHTED,
  CXM_REASON_ROUTINE,
  CXM_REASON_COUNT
} CxmReason;

/**
 * CxmLeadershipType:
 * @CXM_LEADERSHIP_PURPOSE_HUDDLE: "purpose_huddle"
 * @CXM_LEADERSHIP_RECOGNITION: "recognition"
 * @CXM_LEADERSHIP_COACHING: "coaching"
 * @CXM_LEADERSHIP_STANDARD_REVIEW: "standard_review"
 * @CXM_LEADERSHIP_COMMUNICATION: "communication"
 * @CXM_LEADERSHIP_COUNT: the number of types; not a type
 *
 * The type of a leadership event ("kind": "leadership" records, SPEC
 * section 2). Each value is shown with its JSON name
 * (cxm_leadership_type_name()).
 */
typedef enum {
  CXM_LEADERSHIP_PURPOSE_HUDDLE,
  CXM_LEADERSHIP_RECOGNITION,
  CXM_LEADERSHIP_COACHING,
  CXM_LEADERSHIP_STANDARD_REVIEW,
  CXM_LEADERSHIP_COMMUNICATION,
  CXM_LEADERSHIP_COUNT
} CxmLeadershipType;

/**
 * cxm_channel_name:
 * @channel: a #CxmChannel
 *
 * The JSON name of @channel, exactly as SPEC spells it.
 *
 * Returns: (transfer none) (nullable): a static string ("web"), or %NULL for a value out
 *   of range
 */
CXM_EXTERN const char *cxm_channel_name(CxmChannel channel);
/**
 * cxm_channel_from_name:
 * @name: (nullable): the JSON name of a channel
 *
 * The value called @name. Names are case-sensitive, exactly as SPEC
 * spells them.
 *
 * Returns: the #CxmChannel called @name, or %CXM_UNSET (-1) when @name is %NULL or
 *   unknown
 */
CXM_EXTERN int cxm_channel_from_name(const char *name);
/**
 * cxm_level_name:
 * @level: a #CxmLevel
 *
 * The JSON name of @level, exactly as SPEC spells it.
 *
 * Returns: (transfer none) (nullable): a static string ("frontline")
 *   (%CXM_LEVEL_UNASSIGNED gives "unassigned"), or %NULL for a value out of range
 */
CXM_EXTERN const char *cxm_level_name(CxmLevel level);
/**
 * cxm_level_from_name:
 * @name: (nullable): the JSON name of a level
 *
 * The value called @name; "unassigned" gives %CXM_LEVEL_UNASSIGNED. Names are
 * case-sensitive, exactly as SPEC spells them.
 *
 * Returns: the #CxmLevel called @name, or %CXM_UNSET (-1) when @name is %NULL or unknown
 */
CXM_EXTERN int cxm_level_from_name(const char *name);
/**
 * cxm_difficulty_name:
 * @difficulty: a #CxmDifficulty
 *
 * The JSON name of @difficulty, exactly as SPEC spells it.
 *
 * Returns: (transfer none) (nullable): a static string ("no_immediate_answer"), or %NULL
 *   for a value out of range
 */
CXM_EXTERN const char *cxm_difficulty_name(CxmDifficulty difficulty);
/**
 * cxm_difficulty_from_name:
 * @name: (nullable): the JSON name of a difficult-moment kind
 *
 * The value called @name. Names are case-sensitive, exactly as SPEC
 * spells them.
 *
 * Returns: the #CxmDifficulty called @name, or %CXM_UNSET (-1) when @name is %NULL or
 *   unknown
 */
CXM_EXTERN int cxm_difficulty_from_name(const char *name);
/**
 * cxm_emotion_name:
 * @emotion: a #CxmEmotion
 *
 * The JSON name of @emotion, exactly as SPEC spells it.
 *
 * Returns: (transfer none) (nullable): a static string ("fear"), or %NULL for a value out
 *   of range
 */
CXM_EXTERN const char *cxm_emotion_name(CxmEmotion emotion);
/**
 * cxm_emotion_from_name:
 * @name: (nullable): the JSON name of an employee emotion
 *
 * The value called @name. Names are case-sensitive, exactly as SPEC
 * spells them.
 *
 * Returns: the #CxmEmotion called @name, or %CXM_UNSET (-1) when @name is %NULL or
 *   unknown
 */
CXM_EXTERN int cxm_emotion_from_name(const char *name);
/**
 * cxm_resolution_name:
 * @resolution: a #CxmResolution
 *
 * The JSON name of @resolution, exactly as SPEC spells it.
 *
 * Returns: (transfer none) (nullable): a static string ("resolved"), or %NULL for a value
 *   out of range
 */
CXM_EXTERN const char *cxm_resolution_name(CxmResolution resolution);
/**
 * cxm_resolution_from_name:
 * @name: (nullable): the JSON name of a resolution
 *
 * The value called @name. Names are case-sensitive, exactly as SPEC
 * spells them.
 *
 * Returns: the #CxmResolution called @name, or %CXM_UNSET (-1) when @name is %NULL or
 *   unknown
 */
CXM_EXTERN int cxm_resolution_from_name(const char *name);
/**
 * cxm_class_name:
 * @klass: a #CxmClass
 *
 * The JSON name of @klass, exactly as SPEC spells it.
 *
 * Returns: (transfer none) (nullable): a static string ("momentum"), or %NULL for a value
 *   out of range
 */
CXM_EXTERN const char *cxm_class_name(CxmClass klass);
/**
 * cxm_class_from_name:
 * @name: (nullable): the JSON name of a class
 *
 * The value called @name. Names are case-sensitive, exactly as SPEC
 * spells them.
 *
 * Returns: the #CxmClass called @name, or %CXM_UNSET (-1) when @name is %NULL or unknown
 */
CXM_EXTERN int cxm_class_from_name(const char *name);
/**
 * cxm_reason_name:
 * @reason: a #CxmReason
 *
 * The JSON name of @reason, exactly as SPEC spells it.
 *
 * Returns: (transfer none) (nullable): a static string ("customer_negative"), or %NULL
 *   for a value out of range
 */
CXM_EXTERN const char *cxm_reason_name(CxmReason reason);
/**
 * cxm_reason_from_name:
 * @name: (nullable): the JSON name of a reason code
 *
 * The value called @name. Names are case-sensitive, exactly as SPEC
 * spells them.
 *
 * Returns: the #CxmReason called @name, or %CXM_UNSET (-1) when @name is %NULL or unknown
 */
CXM_EXTERN int cxm_reason_from_name(const char *name);
/**
 * cxm_leadership_type_name:
 * @type: a #CxmLeadershipType
 *
 * The JSON name of @type, exactly as SPEC spells it.
 *
 * Returns: (transfer none) (nullable): a static string ("purpose_huddle"), or %NULL for a
 *   value out of range
 */
CXM_EXTERN const char *cxm_leadership_type_name(CxmLeadershipType type);
/**
 * cxm_leadership_type_from_name:
 * @name: (nullable): the JSON name of a leadership event type
 *
 * The value called @name. Names are case-sensitive, exactly as SPEC
 * spells them.
 *
 * Returns: the #CxmLeadershipType called @name, or %CXM_UNSET (-1) when @name is %NULL or
 *   unknown
 */
CXM_EXTERN int cxm_leadership_type_from_name(const char *name);

G_END_DECLS

#endif
