// SPDX-License-Identifier: MIT
// The peer of cxm-bench's whole-process figures: DuckDB (npm
// @duckdb/node-api) reading the same JSON Lines file with read_ndjson and
// classifying it by the rules of SPEC section 4 (the default policy)
// written as SQL, for the groups `cxm report --group teams,channels` reports:
// totals, levels, teams and channels, each with n, momentum, disappointment
// and neutral counts, the difficult and recovered counts, and the CSAT,
// NPS and effort sums. Run as: node duckdb-peer.cjs FILE (NODE_PATH naming
// the node_modules that hold @duckdb/node-api). Prints the groups it made.
'use strict';
const { DuckDBInstance } = require('@duckdb/node-api');

const file = process.argv[2];
if (!file) {
  console.error('usage: node duckdb-peer.cjs FILE');
  process.exit(2);
}

const sql = `
WITH r AS (
  SELECT * FROM read_ndjson(?, columns = {
      id: 'VARCHAR', ts: 'VARCHAR', channel: 'VARCHAR', employee: 'VARCHAR',
      team: 'VARCHAR', level: 'VARCHAR', difficulties: 'VARCHAR[]',
      resolution: 'VARCHAR', contact_number: 'BIGINT', csat: 'BIGINT',
      nps: 'BIGINT', effort: 'BIGINT', employee_satisfaction: 'BIGINT',
      beyond_role: 'BOOLEAN', proactive: 'BOOLEAN', empowered: 'BOOLEAN',
      kind: 'VARCHAR'}, ignore_errors = true)
  WHERE (kind IS NULL OR kind = 'interaction') AND id IS NOT NULL
    AND ts IS NOT NULL AND channel IS NOT NULL
), v AS (
  SELECT *,
    CASE WHEN csat IS NOT NULL THEN (CASE WHEN csat >= 4 THEN 1 WHEN csat <= 2 THEN -1 ELSE 0 END)
         WHEN nps IS NOT NULL THEN (CASE WHEN nps >= 9 THEN 1 WHEN nps <= 6 THEN -1 ELSE 0 END)
         WHEN effort IS NOT NULL THEN (CASE WHEN effort >= 5 THEN 1 WHEN effort <= 3 THEN -1 ELSE 0 END)
    END AS verdict,
    coalesce(len(difficulties), 0) > 0 AS difficult
  FROM r
), c AS (
  SELECT *,
    CASE WHEN verdict = -1 THEN 'D'
         WHEN difficult AND resolution = 'unresolved' THEN 'D'
         WHEN difficult AND employee_satisfaction <= 2 AND coalesce(verdict, 0) < 1 THEN 'D'
         WHEN coalesce(verdict, 0) < 1 THEN 'N'
         WHEN resolution = 'unresolved' OR employee_satisfaction < 4 THEN 'N'
         WHEN difficult THEN 'M'
         WHEN beyond_role OR proactive OR empowered THEN 'M'
         WHEN csat = 5 OR nps >= 9 THEN 'M'
         ELSE 'N' END AS cls
  FROM v
)
SELECT coalesce(level, 'unassigned') AS level, team, channel,
       count(*) AS n,
       count(*) FILTER (cls = 'M') AS momentum,
       count(*) FILTER (cls = 'D') AS disappointment,
       count(*) FILTER (cls = 'N') AS neutral,
       count(*) FILTER (difficult) AS difficult,
       count(*) FILTER (difficult AND cls = 'M') AS recovered,
       count(csat) AS csat_n, sum(csat) AS csat_sum,
       count(nps) AS nps_n, count(*) FILTER (nps >= 9) AS promoters,
       count(*) FILTER (nps <= 6) AS detractors,
       count(effort) AS effort_n, sum(effort) AS effort_sum
FROM c
GROUP BY GROUPING SETS ((), (level), (team), (channel))`;

(async () => {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const prepared = await connection.prepare(sql);
  prepared.bindVarchar(1, file);
  const reader = await prepared.runAndReadAll();
  console.log(`${reader.getRows().length} groups`);
})().catch((e) => {
  console.error(e.message);
  process.exit(1);
});
