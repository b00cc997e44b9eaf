/* SPDX-License-Identifier: MIT */
/* Tests of the HTML report (CXM_REPORT_HTML): escaping of every key in its
 * context, the page's shell and policy, and its figures against the
 * JSON's. Well-formedness (html5lib) is tests/test-html.py's; the browser's
 * view tests/test-html-browser.sh's. */
#include <criterion/criterion.h>
#include <json.h>
#include <string.h>
#include <cxm/cxm.h>
#include "test-util.h"

#define NASTY_TEAM "</script><img src=x onerror=alert(1)>"
#define NASTY_EMPLOYEE "\\\"O'Brien\\\" & co"
#define NASTY_POLICY "</script><script>alert(\"&\")</script>"

/* Two records of a team named like markup, by an employee with quotes and
 * an ampersand. */
static const char nasty_records[] =
    "{\"id\":\"a\",\"ts\":\"2026-03-02T10:00:00Z\",\"channel\":\"chat\","
    "\"employee\":\"" NASTY_EMPLOYEE "\",\"team\":\"" NASTY_TEAM
    "\",\"level\":\"frontline\","
    "\"resolution\":\"resolved\",\"csat\":5,\"nps\":10}\n"
    "{\"id\":\"b\",\"ts\":\"2026-03-10T10:00:00Z\",\"channel\":\"phone\","
    "\"employee\":\"" NASTY_EMPLOYEE "\",\"team\":\"" NASTY_TEAM
    "\",\"level\":\"frontline\","
    "\"difficulties\":[\"customer_upset\"],\"resolution\":\"unresolved\",\"csat\":1,"
    "\"nps\":0}\n";

static char *
html_report(const CxmRecorder *rec, unsigned int flags)
{
  g_autoptr(CxmReportOptions) options = cxm_report_options_new();
  GError *err = NULL;
  char *html;

  cxm_report_options_set_format(options, CXM_REPORT_HTML);
  cxm_report_options_set_flags(options, flags);
  html = cxm_report_to_string(rec, NULL, options, NULL, &err);
  cr_assert_not_null(html, "report: %s", err ? err->message : "?");
  return html;
}

static CxmRecorder *
nasty_recorder(void)
{
  g_autoptr(CxmPolicy) policy = cxm_policy_new();
  GError *err = NULL;
  CxmRecorder *rec;

  cr_assert(cxm_policy_set_name(policy, NASTY_POLICY, &err), "%s",
            err ? err->message : "?");
  rec = cxm_recorder_new(policy);
  cr_assert(cxm_import_data(rec, nasty_records, strlen(nasty_records), "nasty",
                            CXM_IMPORT_STRICT, NULL, &err),
            "%s", err ? err->message : "?");
  return rec;
}

Test(html, is_a_format_by_name)
{
  cr_assert_eq(cxm_report_format_from_name("html"), CXM_REPORT_HTML);
  cr_assert_str_eq(cxm_report_format_name(CXM_REPORT_HTML), "html");
}

Test(html, keys_are_text_in_every_context)
{
  g_autoptr(CxmRecorder) rec = nasty_recorder();
  g_autofree char *html =
      html_report(rec, CXM_REPORT_TEAMS | CXM_REPORT_EMPLOYEES | CXM_REPORT_HOTSPOTS);

  /* Element text and attribute values: references, never markup. */
  cr_assert_not_null(strstr(html, "&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;"));
  cr_assert_not_null(strstr(html, "&quot;O&#39;Brien&quot; &amp; co"));
  cr_assert_null(strstr(html, "<img"));
  cr_assert_null(strstr(html, "onerror=alert(1)>"));
  /* Inside the <script> data block: JSON with <, > and & escaped. */
  cr_assert_not_null(strstr(html,
                            "\"policy\":\"\\u003c/script\\u003e\\u003cscript\\u003ealert("
                            "\\\"\\u0026\\\")\\u003c/script\\u003e\""));
  cr_assert_not_null(strstr(
      html, "<title>Customer experience report: &lt;/script&gt;&lt;script&gt;alert("
            "&quot;&amp;&quot;)&lt;/script&gt;</title>"));
  /* So the page holds just its own two scripts. */
  int scripts = 0;
  for (const char *p = html; (p = strstr(p, "<script")) != NULL; p++)
    scripts++;
  cr_assert_eq(scripts, 2);
}

Test(html, controls_and_bad_utf8_are_replacement_characters)
{
  g_autoptr(CxmPolicy) policy = cxm_policy_new();
  g_autoptr(CxmRecorder) rec = cxm_recorder_new(policy);
  GError *err = NULL;
  g_autofree char *html = NULL;

  cr_assert(cxm_recorder_record_json(rec,
                                     "{\"id\":\"a\",\"ts\":\"2026-03-02T10:00:00Z\","
                                     "\"channel\":\"chat\",\"employee\":\"e\","
                                     "\"team\":\"t\\u0001\\u0085\\ufdd0x\"}",
                                     -1, NULL, &err),
            "%s", err ? err->message : "?");
  html = html_report(rec, CXM_REPORT_TEAMS);
  cr_assert_not_null(
      strstr(html, "<th scope=\"row\">t\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBDx"));
}

Test(html, is_one_page_that_loads_nothing)
{
  g_autoptr(CxmRecorder) rec = nasty_recorder();
  g_autofree char *html = html_report(rec, 0);

  cr_assert(g_str_has_prefix(html, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
                                   "<meta charset=\"utf-8\">\n<meta http-equiv=\"Content-"
                                   "Security-Policy\" content=\"default-src 'none'; "
                                   "style-src 'sha256-"));
  cr_assert(g_str_has_suffix(html, "</script>\n</body>\n</html>\n"));
  cr_assert_null(strstr(html, "http:"));
  cr_assert_null(strstr(html, "https:"));
  cr_assert_null(strstr(html, " src="));
  cr_assert_not_null(strstr(html, "@media print{"));
}

/* The member @key of @obj, which must be there. */
static json_object *
member(json_object *obj, const char *key)
{
  json_object *v = NULL;
  cr_assert(json_object_object_get_ex(obj, key, &v), "no %s", key);
  return v;
}

Test(html, figures_are_the_json_reports)
{
  g_autoptr(CxmPolicy) policy = cxm_policy_new();
  CxmRecorder *rec = cxm_recorder_new(policy);
  g_autofree char *path = data_path("sample.jsonl");
  GError *err = NULL;
  g_autofree char *html = NULL, *json_text = NULL, *row = NULL;
  json_object *json, *totals;

  cr_assert(cxm_import_path(rec, path, CXM_IMPORT_STRICT, NULL, &err), "%s",
            err ? err->message : "?");
  html = html_report(rec, 0);
  json_text = cxm_report_to_json(rec, NULL, 0, NULL);
  json = json_tokener_parse(json_text);
  totals = member(json, "totals");
  /* The first row of the levels table is the totals: n, then the momentum
   * rate's JSON figure as the cell's sort key. */
  cr_assert(json_object_get_boolean(member(totals, "small_sample")));
  row = g_strdup_printf(
      "<tr><th scope=\"row\">All <abbr class=\"small\" title=\"small "
      "sample\">*</abbr></th><td data-v=\"%s\">%s</td><td data-v=\"%s\">",
      json_object_get_string(member(totals, "n")),
      json_object_get_string(member(totals, "n")),
      json_object_get_string(member(member(totals, "momentum_rate"), "value")));
  cr_assert_not_null(strstr(strstr(html, "id=\"levels-table\""), row), "no %s", row);
  json_object_put(json);
  cxm_recorder_free(rec);
}

Test(html, has_no_leadership_section_without_events)
{
  g_autoptr(CxmRecorder) rec = nasty_recorder();
  g_autofree char *html = html_report(rec, CXM_REPORT_TEAMS);

  cr_assert_null(strstr(html, "id=\"leadership\""));
  cr_assert_not_null(strstr(html, "<section id=\"trend\"><h2>Trend per week</h2>"));
  cr_assert_not_null(strstr(html, "id=\"comparison\""));
}

Test(html, a_suppressed_group_shows_no_rates)
{
  g_autoptr(CxmPolicy) policy = cxm_policy_new();
  GError *err = NULL;
  g_autoptr(CxmRecorder) rec = NULL;
  g_autofree char *html = NULL;
  const char *teams;

  cr_assert(cxm_policy_set(policy, "min_group", 3, &err), "%s", err ? err->message : "?");
  rec = cxm_recorder_new(policy);
  for (int i = 0; i < 5; i++) {
    g_autofree char *json = g_strdup_printf(
        "{\"id\":\"%d\",\"ts\":\"2026-03-02T10:00:00Z\",\"channel\":\"chat\","
        "\"employee\":\"e\",\"team\":\"%s\",\"csat\":5}",
        i, i < 2 ? "few" : "many");
    cr_assert(cxm_recorder_record_json(rec, json, -1, NULL, &err), "%s",
              err ? err->message : "?");
  }
  html = html_report(rec, CXM_REPORT_TEAMS);
  teams = strstr(html, "<section id=\"teams\">");
  cr_assert_not_null(teams);
  /* Ranked last, its n and nothing else; "suppressed" in the chart too. */
  cr_assert_not_null(strstr(teams, "<tr><td data-v=\"2\">2</td><th scope=\"row\">few "
                                   "<abbr class=\"small\" title=\"small sample\">*</abbr>"
                                   "</th><td data-v=\"2\">2</td><td colspan=\"6\" "
                                   "class=\"sup\" data-v=\"\">suppressed</td></tr>\n"));
  cr_assert_not_null(
      strstr(teams, "font-style=\"italic\" fill=\"#555\">suppressed</text>"));
  cr_assert_not_null(strstr(teams, "<tr><td data-v=\"1\">1</td><th scope=\"row\">many "));
}
