/* SPDX-License-Identifier: MIT */
/* The people of an org document on simdjson (org-parse.h). */
#include "config.h"

#include <string>

#include <simdjson.h>

extern "C" {
#include "org-parse.h"
}

namespace dom = simdjson::dom;

extern "C" CxmOrgParse
cxm_org_parse_people(const char *json, gsize length, guint max_depth,
                     CxmOrgPersonFunc person, gpointer data, GError **error)
{
  dom::parser parser;
  dom::element root;
  dom::object object;
  dom::array people;

  if (parser.allocate(length, max_depth) != simdjson::SUCCESS ||
      parser.parse(json, length, true).get(root) != simdjson::SUCCESS)
    return CXM_ORG_PARSE_NOT_JSON;
  if (root.get_object().get(object) != simdjson::SUCCESS)
    return CXM_ORG_PARSE_NO_PEOPLE;
  /* json-c keeps the last of duplicate keys; so does this. */
  dom::element last;
  gboolean found = FALSE;
  for (dom::key_value_pair field : object)
    if (field.key == "people") {
      last = field.value;
      found = TRUE;
    }
  if (!found)
    return CXM_ORG_PARSE_NO_PEOPLE;
  if (last.get_array().get(people) != simdjson::SUCCESS)
    return CXM_ORG_PARSE_NOT_ARRAY;

  gsize n = people.size();
  if (n == 0xFFFFFF) { /* simdjson's size() stops counting there */
    n = 0;
    for (auto it = people.begin(); it != people.end(); ++it)
      n++;
  }
  guint i = 0;
  std::string text;
  for (dom::element element : people) {
    text = simdjson::minify(element);
    if (!person(i++, n, text.c_str(), text.size(), data, error))
      return CXM_ORG_PARSE_FAILED;
  }
  return CXM_ORG_PARSE_OK;
}
