// Doughnut portrait status counts for every area × period in one DuckDB query: the peer of PortraitEngine.Compute.
//
// Usage: node portraits-duckdb.mjs SPEC.json DATA.csv OUT.csv
//
// Loads the benchmark's wide data (one row per period × area, v01…v50, empty = no value) into an in-memory table,
// then, timed alone, runs one CREATE TABLE … AS SELECT that normalises every indicator to a ratio on which 1 is the
// threshold, rounds it (DuckDB's round is half away from zero), reads each dimension's status and counts per row.
// Writes the counts (not timed) and prints one line of JSON: seconds, cpu (user + system of the whole process,
// every DuckDB thread, over the query), peakRssKb.
import { readFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';

const [specPath, dataPath, outPath] = process.argv.slice(2);
const spec = JSON.parse(readFileSync(specPath, 'utf8'));
const quote = (s) => `'${s.replaceAll("'", "''")}'`;
const number = (x) => (Number.isInteger(x) ? `${x}.0` : `${x}`);

const indicators = spec.dimensions.flatMap((d) => d.indicators.map((i) => ({ ...i, ring: d.ring })));
const minMax = indicators.filter((i) => i.normalisation === 'MinMaxToThreshold');

function ratio(i) {
  const v = `d.${i.column}`;
  const t = number(i.threshold);
  switch (i.normalisation) {
    case 'RatioToBoundary':
      return (i.ring === 'social') === i.lowerIsBetter ? `CASE WHEN ${v} = 0 THEN 'inf'::DOUBLE ELSE ${t} / ${v} END` : `${v} / ${t}`;
    case 'ShareDeprived':
      return `(100.0 - ${v}) / (100.0 - ${t})`;
    case 'BaselineAnchoredRatio':
      return `(${v} - ${number(i.baseline)}) / (${t} - ${number(i.baseline)})`;
    case 'MinMaxToThreshold':
      return `CASE WHEN w.w_${i.column} = ${t} THEN NULL ELSE (${v} - w.w_${i.column}) / (${t} - w.w_${i.column}) END`;
    default:
      throw new Error(i.normalisation);
  }
}

const worst = minMax.map((i) => `${i.lowerIsBetter ? 'max' : 'min'}(${i.column}) AS w_${i.column}`).join(', ');
const ratios = indicators.map((i) => `round(${ratio(i)}, ${spec.decimals}) AS r_${i.column}`).join(',\n    ');
const has = (d) => `(${d.indicators.map((i) => `r_${i.column} IS NOT NULL`).join(' OR ')})`;
const bad = (d) => `(${d.indicators.map((i) => `coalesce(r_${i.column} ${d.ring === 'social' ? '< 1' : '> 1'}, false)`).join(' OR ')})`;
const sum = (ring, f) => spec.dimensions.filter((d) => d.ring === ring).map((d) => `${f(d)}::INTEGER`).join(' + ');
const query = `CREATE TABLE result AS
WITH w AS (SELECT period, ${worst} FROM data GROUP BY period),
r AS (
  SELECT d.period, d.area,
    ${ratios}
  FROM data d JOIN w USING (period)
)
SELECT period, area,
  ${sum('social', (d) => `(${has(d)} AND NOT ${bad(d)})`)} AS sa,
  ${sum('social', has)} AS sw,
  ${sum('ecological', bad)} AS et,
  ${sum('ecological', has)} AS ew
FROM r`;

const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
const columns = ['period: INTEGER', 'area: INTEGER', ...indicators.map((i) => `${i.column}: DOUBLE`)]
  .map((c) => c.split(': ')).map(([n, t]) => `'${n}': '${t}'`).join(', ');
await connection.run(`CREATE TABLE data AS SELECT * FROM read_csv(${quote(dataPath)}, header = true, columns = {${columns}})`);
const cpu = process.cpuUsage();
const clock = process.hrtime.bigint();
await connection.run(query);
const seconds = Number(process.hrtime.bigint() - clock) / 1e9;
const used = process.cpuUsage(cpu);
await connection.run(`COPY (SELECT * FROM result ORDER BY period, area) TO ${quote(outPath)} (HEADER, DELIMITER ',')`);
const version = (await (await connection.run('SELECT version()')).getRows())[0][0];
const threads = (await (await connection.run("SELECT current_setting('threads')")).getRows())[0][0];
console.log(JSON.stringify({
  seconds,
  cpu: (used.user + used.system) / 1e6,
  // VmHWM, not resourceUsage().maxRSS: Linux carries getrusage's high-water mark across exec, so a peer started
  // by a large .NET process would report that process's size instead of its own.
  peakRssKb: Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))[1]),
  duckdb: version,
  threads: Number(threads),
}));
