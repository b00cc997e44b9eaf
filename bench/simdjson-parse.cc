/* SPDX-License-Identifier: MIT */
// The simdjson peer of cxm-bench's import figures: simdjson's DOM parser
// alone, one line at a time, over a JSON Lines file read into memory
// first, on a number of threads that each take a run of whole lines.
#include <glib.h>
#include <simdjson.h>

#include <string.h>
#include <thread>
#include <vector>

#include "simdjson-parse.h"

namespace {

struct Run {
  const char *begin, *end;
  guint64 records = 0, parsed = 0;
};

void
parse_run(Run *run)
{
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  for (const char *p = run->begin; p < run->end;) {
    const char *nl = static_cast<const char *>(memchr(p, '\n', run->end - p));
    const char *line_end = nl ? nl : run->end;
    if (line_end > p) {
      run->records++;
      // The buffer has simdjson's padding after its end, so lines parse in place.
      if (parser.parse(p, line_end - p, false).get(doc) == simdjson::SUCCESS)
        run->parsed++;
    }
    p = line_end + 1;
  }
}

} // namespace

extern "C" gboolean
bench_simdjson_load(const char *path, char **data, gsize *size)
{
  gchar *contents;
  gsize length;
  if (!g_file_get_contents(path, &contents, &length, nullptr))
    return FALSE;
  *data = static_cast<char *>(g_realloc(contents, length + simdjson::SIMDJSON_PADDING));
  memset(*data + length, ' ', simdjson::SIMDJSON_PADDING);
  *size = length;
  return TRUE;
}

extern "C" void
bench_simdjson_parse(const char *data, gsize size, guint threads, guint64 *records,
                     guint64 *parsed)
{
  std::vector<Run> runs(threads);
  const char *p = data, *end = data + size;
  for (guint i = 0; i < threads; i++) {
    const char *stop = i + 1 == threads ? end : data + size / threads * (i + 1);
    if (stop < end && stop > p) {
      const char *nl = static_cast<const char *>(memchr(stop, '\n', end - stop));
      stop = nl ? nl + 1 : end;
    }
    runs[i].begin = p;
    runs[i].end = std::max(p, stop);
    p = runs[i].end;
  }
  std::vector<std::thread> workers;
  for (guint i = 1; i < threads; i++)
    workers.emplace_back(parse_run, &runs[i]);
  parse_run(&runs[0]);
  for (auto &w : workers)
    w.join();
  *records = *parsed = 0;
  for (const auto &r : runs) {
    *records += r.records;
    *parsed += r.parsed;
  }
}
