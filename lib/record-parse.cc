/* SPDX-License-Identifier: MIT */
/* The record parser (record-parse.h), on simdjson's DOM: a line is fully
 * validated as RFC 8259 JSON by simdjson, then its values go through the
 * interaction setters, so rules and messages are shared with the C API.
 * The slow path of an error (where it is, what the value was as written)
 * reads the line again with simdjson's On-Demand API. */
#include "config.h"

#include <glib.h>
#include <math.h>
#include <string.h>

#include <memory>
#include <vector>

#include <simdjson.h>

extern "C" {
#include "enums-private.h"
#include "error-private.h"
#include "limits.h"
#include "record-parse.h"
#include "timestamp.h"
#include "utf8.h"
}

using simdjson::error_code;
namespace dom = simdjson::dom;
namespace ondemand = simdjson::ondemand;

G_STATIC_ASSERT(CXM_RECORD_PADDING == simdjson::SIMDJSON_PADDING);

/* An excerpt of a value in a message: at most this many bytes of it. */
#define EXCERPT_MAX 40

typedef enum {
  F_UNKNOWN,
  F_ID,
  F_TS,
  F_CHANNEL,
  F_EMPLOYEE,
  F_TEAM,
  F_LEVEL,
  F_CUSTOMER,
  F_DIFFICULTIES,
  F_EMOTIONS,
  F_RESOLUTION,
  F_CONTACT_NUMBER,
  F_CSAT,
  F_NPS,
  F_EFFORT,
  F_EMPLOYEE_SATISFACTION,
  F_BEYOND_ROLE,
  F_PROACTIVE,
  F_EMPOWERED,
  F_KIND,
  F_TYPE,
  F_ACTOR,
  F_SUBJECT,
  F_COUNT
} Field;

/* A member of the record being read, as the first pass found it. */
typedef struct {
  Field field;
  std::string_view key;
  dom::element value;
} Member;

struct _CxmRecordParser {
  dom::parser dom;
  ondemand::parser ondemand;
  std::vector<Member> members; /* kept, so that its room is reused */
  guint32 fields; /* the fields among them, a bit each */
  char *copy; /* a line that was not padded, copied */
  gsize copy_size;
};

/* The names of the fields, by Field. */
static const char *const field_names[F_COUNT] = {
  nullptr, "id", "ts", "channel", "employee", "team", "level", "customer",
  "difficulties", "emotions", "resolution", "contact_number", "csat", "nps", "effort",
  "employee_satisfaction", "beyond_role", "proactive", "empowered", "kind", "type",
  "actor", "subject",
};

G_STATIC_ASSERT(F_NPS - F_CSAT == CXM_SCORE_NPS && F_EFFORT - F_CSAT == CXM_SCORE_EFFORT &&
                F_EMPLOYEE_SATISFACTION - F_CSAT == CXM_SCORE_EMPLOYEE_SATISFACTION);
G_STATIC_ASSERT(F_COUNT <= 32); /* a bit each in a guint32 */

/* @key is field @f's name. */
static inline Field
is(std::string_view key, Field f)
{
  return memcmp(field_names[f], key.data(), key.size()) == 0 ? f : F_UNKNOWN;
}

/* Runs for every key of every record: a comparison or two, by length. */
static Field
field_of(std::string_view key)
{
  Field f;
  switch (key.size()) {
  case 2:
    return key[0] == 'i' ? is(key, F_ID) : is(key, F_TS);
  case 3:
    return is(key, F_NPS);
  case 4:
    switch (key[0]) {
    case 't':
      return key[1] == 'e' ? is(key, F_TEAM) : is(key, F_TYPE);
    case 'c':
      return is(key, F_CSAT);
    default:
      return is(key, F_KIND);
    }
  case 5:
    return key[0] == 'l' ? is(key, F_LEVEL) : is(key, F_ACTOR);
  case 6:
    return is(key, F_EFFORT);
  case 7:
    return key[0] == 'c' ? is(key, F_CHANNEL) : is(key, F_SUBJECT);
  case 8:
    if ((f = is(key, F_EMPLOYEE)) != F_UNKNOWN || (f = is(key, F_CUSTOMER)) != F_UNKNOWN)
      return f;
    return is(key, F_EMOTIONS);
  case 9:
    return key[1] == 'r' ? is(key, F_PROACTIVE) : is(key, F_EMPOWERED);
  case 10:
    return is(key, F_RESOLUTION);
  case 11:
    return is(key, F_BEYOND_ROLE);
  case 12:
    return is(key, F_DIFFICULTIES);
  case 14:
    return is(key, F_CONTACT_NUMBER);
  case 21:
    return is(key, F_EMPLOYEE_SATISFACTION);
  default:
    return F_UNKNOWN;
  }
}

/* The key as a C string for messages and cxm_error_get_key() (a JSON key
 * may hold a NUL: it is cut there). */
class Key
{
public:
  explicit Key(std::string_view key) : text(g_strndup(key.data(), key.size())) {}
  ~Key() { g_free(text); }
  Key(const Key &) = delete;
  Key &operator=(const Key &) = delete;
  operator const char *() const { return text; }

private:
  char *text;
};

/* ---- the slow path: where an error is, what a value was ----------------- */

/* @text cut to EXCERPT_MAX bytes on a character boundary, "..." when cut. */
static char *
excerpt(std::string_view text)
{
  while (!text.empty() && g_ascii_isspace(text.back()))
    text.remove_suffix(1);
  if (text.size() <= EXCERPT_MAX)
    return g_strndup(text.data(), text.size());
  const char *end = g_utf8_find_prev_char(text.data(), text.data() + EXCERPT_MAX + 1);
  return g_strdup_printf("%.*s...", (int) (end - text.data()), text.data());
}

/* The raw text of an On-Demand value, as written. */
static std::string_view
raw_text(ondemand::value value)
{
  ondemand::json_type type;
  std::string_view raw;
  if (value.type().get(type))
    return {};
  if (type == ondemand::json_type::object) {
    ondemand::object object;
    if (value.get_object().get(object) || object.raw_json().get(raw))
      return {};
    return raw;
  }
  if (type == ondemand::json_type::array) {
    ondemand::array array;
    if (value.get_array().get(array) || array.raw_json().get(raw))
      return {};
    return raw;
  }
  return value.raw_json_token();
}

/* The value of the top-level @key (of its @index-th element when @index >=
 * 0), as written in @buf, which is valid JSON and padded; "?" if not found. */
static char *
value_as_written(CxmRecordParser *p, const char *buf, gsize len, std::string_view key,
                 long index)
{
  ondemand::document doc;
  ondemand::object object;
  if (p->ondemand.iterate(buf, len, len + CXM_RECORD_PADDING).get(doc) ||
      doc.get_object().get(object))
    return g_strdup("?");
  for (auto field : object) {
    std::string_view name;
    ondemand::value value;
    if (field.unescaped_key().get(name) || field.value().get(value))
      break;
    if (name != key)
      continue;
    if (index < 0)
      return excerpt(raw_text(value));
    ondemand::array array;
    if (value.get_array().get(array))
      break;
    long i = 0;
    for (auto item : array) {
      ondemand::value element;
      if (item.get(element))
        break;
      if (i++ == index)
        return excerpt(raw_text(element));
    }
    break;
  }
  return g_strdup("?");
}

/* Walks every value so that On-Demand meets the first error, and returns
 * where it is (an offset into @buf), or -1. */
static error_code walk(ondemand::value value, int depth);

static error_code
walk_container(ondemand::value value, ondemand::json_type type, int depth)
{
  if (depth > CXM_MAX_DEPTH)
    return simdjson::DEPTH_ERROR;
  if (type == ondemand::json_type::object) {
    ondemand::object object;
    error_code e = value.get_object().get(object);
    for (auto field : object) {
      ondemand::value member;
      if ((e = field.value().get(member)) || (e = walk(member, depth + 1)))
        return e;
    }
    return e;
  }
  ondemand::array array;
  error_code e = value.get_array().get(array);
  for (auto item : array) {
    ondemand::value element;
    if ((e = item.get(element)) || (e = walk(element, depth + 1)))
      return e;
  }
  return e;
}

static error_code
walk(ondemand::value value, int depth)
{
  ondemand::json_type type;
  error_code e = value.type().get(type);
  if (e)
    return e;
  switch (type) {
  case ondemand::json_type::object:
  case ondemand::json_type::array:
    return walk_container(value, type, depth);
  case ondemand::json_type::string: {
    std::string_view s;
    return value.get_string().get(s);
  }
  case ondemand::json_type::number: {
    ondemand::number n;
    return value.get_number().get(n);
  }
  case ondemand::json_type::boolean: {
    bool b;
    return value.get_bool().get(b);
  }
  default: {
    bool is_null;
    e = value.is_null().get(is_null);
    return e ? e : is_null ? simdjson::SUCCESS : simdjson::N_ATOM_ERROR;
  }
  }
}

/* The byte (from 1) where On-Demand finds @buf invalid, and whether what
 * it found is text after a complete value (@trailing) or nesting too deep
 * (@deep); 0 when it cannot say. */
static gsize
locate_error(CxmRecordParser *p, const char *buf, gsize len, gboolean *trailing,
             gboolean *deep)
{
  ondemand::document doc;
  ondemand::value root;
  const char *where = nullptr;
  *trailing = *deep = FALSE;
  if (p->ondemand.iterate(buf, len, len + CXM_RECORD_PADDING).get(doc))
    return 0;
  error_code e = doc.get_value().get(root);
  if (!e)
    e = walk(root, 1);
  *deep = e == simdjson::DEPTH_ERROR;
  /* The whole first value is valid: what simdjson refused comes after. */
  if (!e)
    *trailing = TRUE;
  /* Past the last byte: the line ended too early. */
  if (doc.current_location().get(where) || where < buf || where >= buf + len)
    return 0;
  return (gsize) (where - buf) + 1;
}

/* The first byte (from 1) of a raw control character inside a string. */
static gsize
unescaped_control(const char *buf, gsize len)
{
  gboolean in_string = FALSE;
  for (gsize i = 0; i < len; i++) {
    const guchar c = (guchar) buf[i];
    if (in_string && c < 0x20)
      return i + 1;
    if (c == '"')
      in_string = !in_string;
    else if (c == '\\' && in_string)
      i++;
  }
  return 0;
}

static gboolean
too_deep(GError **error)
{
  g_set_error(error, CXM_ERROR, CXM_ERROR_TOO_DEEP, "JSON nested deeper than %d levels",
              CXM_MAX_DEPTH);
  return FALSE;
}

/* The rejection of a line that simdjson finds invalid. */
static void
set_parse_error(CxmRecordParser *p, error_code code, const char *buf, gsize len,
                GError **error)
{
  const char *what = nullptr;
  gboolean trailing = FALSE, too_deep_seen = code == simdjson::DEPTH_ERROR;
  gsize byte = 0;

  if (!too_deep_seen && code != simdjson::UTF8_ERROR)
    byte = locate_error(p, buf, len, &trailing, &too_deep_seen);
  if (too_deep_seen) {
    too_deep(error);
    return;
  }
  switch (code) {
  case simdjson::UTF8_ERROR: {
    const char *bad = buf;
    cxm_utf8_validate(buf, len, &bad);
    g_set_error(error, CXM_ERROR, CXM_ERROR_INVALID_UTF8, "invalid UTF-8 (byte %" G_GSIZE_FORMAT ")",
                (gsize) (bad - buf) + 1);
    return;
  }
  case simdjson::UNESCAPED_CHARS:
    g_set_error(error, CXM_ERROR, CXM_ERROR_INVALID_JSON,
                "invalid JSON: a control character in a string must be escaped (byte %" G_GSIZE_FORMAT ")",
                unescaped_control(buf, len));
    return;
  case simdjson::UNCLOSED_STRING:
    g_set_error(error, CXM_ERROR, CXM_ERROR_INVALID_JSON,
                "invalid JSON: a string is not closed");
    return;
  case simdjson::STRING_ERROR:
    what = "bad escape in a string";
    break;
  case simdjson::NUMBER_ERROR:
  case simdjson::NUMBER_OUT_OF_RANGE:
    what = "bad number";
    break;
  case simdjson::T_ATOM_ERROR:
  case simdjson::F_ATOM_ERROR:
  case simdjson::N_ATOM_ERROR:
    what = "bad literal (true, false or null)";
    break;
  case simdjson::EMPTY:
    what = "no value";
    break;
  default:
    break;
  }
  if (what == nullptr && trailing)
    what = "unexpected text after the record";
  if (what == nullptr)
    what = byte > 0 ? "unexpected character" : "unexpected end of line";
  if (byte > 0)
    g_set_error(error, CXM_ERROR, CXM_ERROR_INVALID_JSON,
                "invalid JSON: %s (byte %" G_GSIZE_FORMAT ")", what, byte);
  else
    g_set_error(error, CXM_ERROR, CXM_ERROR_INVALID_JSON, "invalid JSON: %s", what);
}

/* ---- values -------------------------------------------------------------- */

/* One record being read: the line (for the slow path) and the output. */
typedef struct {
  CxmRecordParser *p;
  const char *buf;
  gsize len;
  CxmInteraction *it;
  CxmRecord *record;
  GError **error;
} Reader;

static gboolean
type_error(Reader *r, const char *key, const char *expected, long index = -1)
{
  g_autofree char *got = value_as_written(r->p, r->buf, r->len, key, index);
  cxm_set_record_error(r->error, CXM_ERROR_TYPE, key, "must be %s, got %s", expected, got);
  return FALSE;
}

static gboolean
take_string(Reader *r, const char *key, dom::element value, char *dest, guint8 *dest_len,
            gboolean is_id)
{
  std::string_view s;
  if (value.get_string().get(s))
    return type_error(r, key, "a string");
  return cxm_copy_string_field(dest, dest_len, key, s.data(), s.size(), is_id, r->error);
}

/* A name from @names[0..@limit-1]; @index is that of an array element. */
static gboolean
take_enum(Reader *r, const char *key, dom::element value, const char *const *names,
          int limit, int *out, long index = -1)
{
  std::string_view s;
  if (value.get_string().get(s))
    return type_error(r, key, index < 0 ? "a string" : "an array of strings", index);
  int found = cxm_name_lookup(names, s.data(), s.size());
  if (found == CXM_UNSET || found >= limit) {
    g_autofree char *choices = cxm_enum_choices(names, limit);
    g_autofree char *got = value_as_written(r->p, r->buf, r->len, key, index);
    cxm_set_record_error(r->error, CXM_ERROR_ENUM, key, "must be one of %s, got %s",
                         choices, got);
    return FALSE;
  }
  *out = found;
  return TRUE;
}

static gboolean
range_error(Reader *r, const char *key, const char *format)
{
  g_autofree char *got = value_as_written(r->p, r->buf, r->len, key, -1);
  cxm_set_record_error(r->error, CXM_ERROR_RANGE, key, format, got);
  return FALSE;
}

static gboolean
take_ts(Reader *r, dom::element value, gint64 *out)
{
  switch (value.type()) {
  case dom::element_type::STRING: {
    const std::string_view s = value.get_string().value_unsafe();
    if (!cxm_parse_rfc3339(s.data(), s.size(), out)) {
      g_autofree char *got = value_as_written(r->p, r->buf, r->len, "ts", -1);
      cxm_set_record_error(r->error, CXM_ERROR_FORMAT, "ts",
                           "must be RFC 3339 with an offset, got %s", got);
      return FALSE;
    }
    return TRUE;
  }
  case dom::element_type::INT64:
    *out = value.get_int64().value_unsafe();
    return TRUE;
  case dom::element_type::UINT64:
    *out = G_MININT64; /* beyond 64 bits: out of range */
    return TRUE;
  case dom::element_type::DOUBLE: {
    /* Unix seconds may carry a fraction; it is dropped like RFC 3339's, so
     * the last second of 9999 is in range in both forms. */
    const double seconds = value.get_double().value_unsafe();
    if (!(seconds >= 0 && seconds < (double) CXM_MAX_TS + 1))
      return range_error(r, "ts", "must be within 1970-01-01..9999-12-31, got %s");
    *out = (gint64) floor(seconds);
    return TRUE;
  }
  default:
    return type_error(r, "ts", "an RFC 3339 string or Unix seconds");
  }
}

/* An integer as a 64-bit value; one beyond 64 bits is G_MININT64, out of
 * every range. */
static gboolean
take_integer(Reader *r, const char *key, dom::element value, gint64 *out)
{
  switch (value.type()) {
  case dom::element_type::INT64:
    *out = value.get_int64().value_unsafe();
    return TRUE;
  case dom::element_type::UINT64:
    *out = G_MININT64;
    return TRUE;
  default:
    return type_error(r, key, "an integer");
  }
}

/* Calls @set, a range-checked setter of a number, quietly; when it refuses
 * the number, again, so that its message quotes the number as written. */
template <typename Setter>
static gboolean
take_number(Reader *r, const char *key, Setter set)
{
  if (set(nullptr, nullptr))
    return TRUE;
  g_autofree char *written = value_as_written(r->p, r->buf, r->len, key, -1);
  set(written, r->error);
  return FALSE;
}

static gboolean
take_flag(Reader *r, const char *key, dom::element value, int *out)
{
  bool b;
  if (value.get_bool().get(b))
    return type_error(r, key, "a boolean");
  *out = b ? 1 : 0;
  return TRUE;
}

/* difficulties / emotions: an array of distinct names. */
static gboolean
take_set(Reader *r, const char *key, dom::element value, const char *const *names, int limit,
         gboolean (*add)(CxmInteraction *, int, GError **))
{
  dom::array array;
  if (value.get_array().get(array))
    return type_error(r, key, "an array of strings");
  long index = 0;
  for (dom::element item : array) {
    int member;
    if (!item.is_string())
      return type_error(r, key, "an array of strings");
    if (!take_enum(r, key, item, names, limit, &member, index++) ||
        !add(r->it, member, r->error))
      return FALSE;
  }
  return TRUE;
}

static gboolean
take_interaction_field(Reader *r, Field field, dom::element value)
{
  const char *key = field_names[field];
  CxmInteraction *it = r->it;
  gint64 number;
  int choice;

  switch (field) {
  case F_ID:
    return take_string(r, key, value, it->id, &it->id_len, TRUE);
  case F_EMPLOYEE:
    return take_string(r, key, value, it->employee, &it->employee_len, FALSE);
  case F_TEAM:
    return take_string(r, key, value, it->team, &it->team_len, FALSE);
  case F_CUSTOMER:
    return take_string(r, key, value, it->customer, &it->customer_len, FALSE);
  case F_TS:
    return take_ts(r, value, &number) &&
           take_number(r, key, [&](const char *written, GError **error) {
             return cxm_interaction_take_ts(it, number, written, error);
           });
  case F_CHANNEL:
    return take_enum(r, key, value, cxm_channel_names, CXM_CHANNEL_COUNT, &choice) &&
           cxm_interaction_set_channel(it, choice, r->error);
  case F_LEVEL:
    return take_enum(r, key, value, cxm_level_names, CXM_LEVEL_UNASSIGNED, &choice) &&
           cxm_interaction_set_level(it, choice, r->error);
  case F_RESOLUTION:
    return take_enum(r, key, value, cxm_resolution_names, CXM_RESOLUTION_COUNT, &choice) &&
           cxm_interaction_set_resolution(it, choice, r->error);
  case F_DIFFICULTIES:
    return take_set(r, key, value, cxm_difficulty_names, CXM_DIFFICULTY_COUNT,
                    cxm_interaction_add_difficulty);
  case F_EMOTIONS:
    return take_set(r, key, value, cxm_emotion_names, CXM_EMOTION_COUNT,
                    cxm_interaction_add_emotion);
  case F_CONTACT_NUMBER:
    return take_integer(r, key, value, &number) &&
           take_number(r, key, [&](const char *written, GError **error) {
             return cxm_interaction_take_contact_number(it, number, written, error);
           });
  case F_CSAT:
  case F_NPS:
  case F_EFFORT:
  case F_EMPLOYEE_SATISFACTION: {
    const CxmScoreField score = (CxmScoreField) (CXM_SCORE_CSAT + (field - F_CSAT));
    return take_integer(r, key, value, &number) &&
           take_number(r, key, [&](const char *written, GError **error) {
             return cxm_interaction_take_score(it, score, number, written, error);
           });
  }
  case F_BEYOND_ROLE:
    return take_flag(r, key, value, &choice) &&
           cxm_interaction_set_beyond_role(it, choice, r->error);
  case F_PROACTIVE:
    return take_flag(r, key, value, &choice) &&
           cxm_interaction_set_proactive(it, choice, r->error);
  case F_EMPOWERED:
    return take_flag(r, key, value, &choice) &&
           cxm_interaction_set_empowered(it, choice, r->error);
  default:
    return TRUE; /* unknown keys are ignored: forward compatibility */
  }
}

static gboolean
missing(GError **error, const char *key)
{
  cxm_set_record_error(error, CXM_ERROR_MISSING, key, "is required");
  return FALSE;
}

/* Leadership events: id, ts, type and actor required; team, level (the
 * actor's) and subject optional. */
static gboolean
take_leadership(Reader *r)
{
  CxmInteraction *it = r->it;
  CxmRecord *record = r->record;
  guint8 actor_len = 0, subject_len = 0;
  gint64 ts;
  int choice;
  gboolean ok = TRUE;

  for (const Member &member : r->p->members) {
    const char *key = field_names[member.field];
    if (member.value.is_null())
      continue;
    switch (member.field) {
    case F_ID:
      ok = take_string(r, key, member.value, it->id, &it->id_len, TRUE);
      break;
    case F_TS:
      ok = take_ts(r, member.value, &ts) &&
           take_number(r, key, [&](const char *written, GError **error) {
             return cxm_interaction_take_ts(it, ts, written, error);
           });
      break;
    case F_TYPE:
      ok = take_enum(r, key, member.value, cxm_leadership_type_names, CXM_LEADERSHIP_COUNT,
                     &record->leadership_type);
      break;
    case F_ACTOR:
      ok = take_string(r, key, member.value, record->actor, &actor_len, FALSE);
      break;
    case F_SUBJECT:
      ok = take_string(r, key, member.value, record->subject, &subject_len, FALSE);
      break;
    case F_TEAM:
      ok = take_string(r, key, member.value, it->team, &it->team_len, FALSE);
      break;
    case F_LEVEL:
      ok = take_enum(r, key, member.value, cxm_level_names, CXM_LEVEL_UNASSIGNED, &choice) &&
           cxm_interaction_set_level(it, choice, r->error);
      break;
    default:
      break;
    }
    if (!ok)
      return FALSE;
  }
  if (it->id_len == 0)
    return missing(r->error, "id");
  if (!it->has_ts)
    return missing(r->error, "ts");
  if (record->leadership_type == CXM_UNSET)
    return missing(r->error, "type");
  if (actor_len == 0)
    return missing(r->error, "actor");
  return TRUE;
}

/* ---- keys ------------------------------------------------------------- */

static gboolean check_value(Reader *r, dom::element value, int depth);

/* FALSE, naming it, when a key appears twice in @object, at nesting
 * @depth, or in an object nested in it (JSON allows it; a record cannot
 * mean both); or when an empty container nests deeper than CXM_MAX_DEPTH
 * (simdjson's depth limit does not count it, as it counts the others). */
static gboolean
check_object(Reader *r, dom::object object, int depth)
{
  /* Most records have a few dozen keys: compare each with those before it;
   * past that, a table keeps hostile input linear. */
  enum { FEW = 32 };
  std::string_view keys[FEW];
  g_autoptr(GHashTable) seen = NULL;
  gsize n = 0;

  if (object.size() > FEW)
    seen = g_hash_table_new_full(g_bytes_hash, g_bytes_equal,
                                 (GDestroyNotify) g_bytes_unref, NULL);
  for (dom::key_value_pair member : object) {
    const std::string_view key = member.key;
    gboolean again = FALSE;
    if (seen != NULL) {
      again = !g_hash_table_add(seen, g_bytes_new_static(key.data(), key.size()));
    } else {
      for (gsize k = 0; k < n && !again; k++)
        again = keys[k] == key;
      keys[n++] = key;
    }
    if (again) {
      Key name(key);
      cxm_set_record_error(r->error, CXM_ERROR_DUPLICATE, name, "is repeated");
      return FALSE;
    }
    if (!check_value(r, member.value, depth + 1))
      return FALSE;
  }
  return TRUE;
}

static gboolean
check_value(Reader *r, dom::element value, int depth)
{
  dom::object object;
  dom::array array;
  if (value.get_object().get(object) == simdjson::SUCCESS)
    return depth > CXM_MAX_DEPTH ? too_deep(r->error) : check_object(r, object, depth);
  if (value.get_array().get(array) == simdjson::SUCCESS) {
    if (depth > CXM_MAX_DEPTH)
      return too_deep(r->error);
    for (dom::element item : array)
      if (!check_value(r, item, depth + 1))
        return FALSE;
  }
  return TRUE;
}

/* The first pass: the record's members with their fields, in order, into
 * the parser's list; FALSE when a key is repeated (at the top level or in
 * an object within an unknown key's value) or a value nests too deep. */
static gboolean
read_members(Reader *r, dom::object object)
{
  /* Most records have no unknown keys, or a few: compare each with those
   * before it; past that, a table keeps hostile input linear. */
  enum { FEW = 16 };
  std::vector<Member> &members = r->p->members;
  g_autoptr(GHashTable) unknown = NULL;
  guint32 seen = 0;
  gsize n_unknown = 0;

  members.clear();
  for (dom::key_value_pair m : object) {
    const Field field = field_of(m.key);
    gboolean again = FALSE;
    if (field != F_UNKNOWN) {
      again = (seen & (1u << field)) != 0;
      seen |= 1u << field;
    } else if (unknown != NULL) {
      again = !g_hash_table_add(unknown, g_bytes_new_static(m.key.data(), m.key.size()));
    } else {
      for (const Member &before : members)
        again = again || (before.field == F_UNKNOWN && before.key == m.key);
      if (++n_unknown > FEW) {
        unknown = g_hash_table_new_full(g_bytes_hash, g_bytes_equal,
                                        (GDestroyNotify) g_bytes_unref, NULL);
        for (const Member &before : members)
          if (before.field == F_UNKNOWN)
            g_hash_table_add(unknown,
                             g_bytes_new_static(before.key.data(), before.key.size()));
        g_hash_table_add(unknown, g_bytes_new_static(m.key.data(), m.key.size()));
      }
    }
    if (again) {
      Key name(m.key);
      cxm_set_record_error(r->error, CXM_ERROR_DUPLICATE, name, "is repeated");
      return FALSE;
    }
    if (field == F_UNKNOWN && !check_value(r, m.value, 2))
      return FALSE;
    members.push_back({ field, m.key, m.value });
  }
  r->p->fields = seen;
  return TRUE;
}

/* ---- the parser ------------------------------------------------------- */

extern "C" CxmRecordParser *
cxm_record_parser_new(void)
{
  CxmRecordParser *p = new CxmRecordParser();
  /* simdjson counts the document itself as a level; SPEC counts from the
   * top-level object. The capacity grows to the longest line parsed. */
  if (p->dom.allocate(4096, CXM_MAX_DEPTH + 1) != simdjson::SUCCESS)
    g_error("cxm: out of memory for the record parser");
  p->fields = 0;
  p->copy = nullptr;
  p->copy_size = 0;
  return p;
}

extern "C" void
cxm_record_parser_free(CxmRecordParser *p)
{
  if (p == nullptr)
    return;
  g_free(p->copy);
  delete p;
}

extern "C" void
cxm_set_too_long_error(GError **error)
{
  g_set_error(error, CXM_ERROR, CXM_ERROR_TOO_LONG, "line longer than %u bytes",
              CXM_MAX_LINE);
}

/* Makes room for @size bytes in a buffer of the parser's. */
static char *
reserve(char **buffer, gsize *size, gsize wanted)
{
  if (*size < wanted) {
    g_free(*buffer);
    *size = MAX(wanted, (gsize) 4096);
    *buffer = (char *) g_malloc(*size);
  }
  return *buffer;
}

extern "C" gboolean
cxm_record_parser_parse(CxmRecordParser *p, const char *text, gsize len, gboolean padded,
                        CxmInteraction *it, CxmRecord *record, GError **error)
{
  static const char *const kind_names[] = { "interaction", "leadership", NULL };
  dom::element root;
  dom::object object;
  error_code code;

  if (len > CXM_MAX_LINE) {
    cxm_set_too_long_error(error);
    return FALSE;
  }
  if (!padded) {
    char *copy = reserve(&p->copy, &p->copy_size, len + CXM_RECORD_PADDING);
    memcpy(copy, text, len);
    memset(copy + len, ' ', CXM_RECORD_PADDING);
    text = copy;
  }
  Reader r = { p, text, len, it, record, error };
  code = p->dom.parse(text, len, false).get(root);
  if (code != simdjson::SUCCESS) {
    set_parse_error(p, code, text, len, error);
    return FALSE;
  }
  if (root.get_object().get(object) != simdjson::SUCCESS) {
    g_autofree char *got = excerpt(std::string_view(text, len));
    g_set_error(error, CXM_ERROR, CXM_ERROR_NOT_OBJECT, "record must be a JSON object, got %s",
                got);
    return FALSE;
  }
  if (!read_members(&r, object))
    return FALSE;

  cxm_interaction_reset(it);
  record->kind = CXM_RECORD_INTERACTION;
  record->leadership_type = CXM_UNSET;
  record->it = it;
  record->actor[0] = record->subject[0] = '\0';
  if ((p->fields & (1u << F_KIND)) != 0) { /* most lines have no kind */
    for (const Member &member : p->members) {
      int k;
      if (member.field != F_KIND || member.value.is_null())
        continue;
      if (!take_enum(&r, "kind", member.value, kind_names, 2, &k))
        return FALSE;
      record->kind = (CxmRecordKind) k;
    }
  }
  if (record->kind == CXM_RECORD_LEADERSHIP) {
    if (!take_leadership(&r))
      return FALSE;
  } else {
    for (const Member &member : p->members) {
      /* null means absent */
      if (!member.value.is_null() && !take_interaction_field(&r, member.field, member.value))
        return FALSE;
    }
    const char *absent = cxm_interaction_missing_key(it);
    if (absent != NULL)
      return missing(error, absent);
  }
  record->text = text;
  record->text_length = len;
  return TRUE;
}

extern "C" CxmRecordParser *
cxm_record_parser_for_thread(void)
{
  /* Freed when the thread ends. */
  static thread_local std::unique_ptr<CxmRecordParser, void (*)(CxmRecordParser *)>
      parser(nullptr, cxm_record_parser_free);
  if (!parser)
    parser.reset(cxm_record_parser_new());
  return parser.get();
}

extern "C" CxmInteraction *
cxm_interaction_new_from_json(const char *json, gssize length, GError **error)
{
  CxmInteraction *it;
  CxmRecord record;

  cxm_return_val_if_null(json, error, NULL);
  it = cxm_interaction_new();
  if (!cxm_record_parser_parse(cxm_record_parser_for_thread(), json,
                               length < 0 ? strlen(json) : (gsize) length, FALSE, it,
                               &record, error)) {
    cxm_interaction_free(it);
    return NULL;
  }
  if (record.kind == CXM_RECORD_LEADERSHIP) {
    cxm_set_record_error(error, CXM_ERROR_INVALID_ARGUMENT, "kind",
                         "must be interaction here, got \"leadership\"");
    cxm_interaction_free(it);
    return NULL;
  }
  return it;
}

extern "C" void
cxm_record_to_compact(const CxmRecord *record, GString *line)
{
  size_t length = 0;
  g_string_set_size(line, record->text_length);
  /* Valid JSON always minifies; the copy is only a fallback. */
  if (simdjson::minify(record->text, record->text_length, line->str, length) !=
      simdjson::SUCCESS) {
    memcpy(line->str, record->text, record->text_length);
    length = record->text_length;
  }
  g_string_truncate(line, length);
}
