// The batch benchmark's second peer: the integer figures of
// `h2h report --by team --format json` computed by DuckDB (2 threads) from
// the same response file, printed as the "group key value" lines of
// reference.awk. The file is loaded once into a table, then aggregated.
//   node duckdb_reference.mjs FILE csv|jsonl
import { DuckDBInstance } from '@duckdb/node-api';

const [file, kind] = process.argv.slice(2);
const D = ['transparency', 'sustainability', 'workload', 'growth', 'guidance'];
const K = ['autonomy', 'belonging', 'competence'];
const Z = ['en-en', 'a', 'b', 'compromise', 'neither', 'mixed'];
// wA and wB per dilemma and need: the built-in deck's weights (dilemmas/h2h.yaml).
const WA = [[2, 3, 1], [0, 0, 1], [0, 1, 2], [2, 0, 3], [3, 1, 2]];
const WB = [[0, 0, 1], [2, 2, 1], [2, 3, 2], [1, 3, 1], [0, 2, 3]];

const db = await DuckDBInstance.create(':memory:', { threads: '2' });
const con = await db.connect();
const path = file.replaceAll("'", "''");
const source = kind === 'csv' ? `read_csv('${path}', header = true)`
                              : `read_json('${path}', format = 'newline_delimited')`;
await con.run(`CREATE TABLE r AS SELECT * FROM ${source}`);
const rows = async (sql) => (await con.runAndReadAll(sql)).getRows();

const answers = D.map((d, i) =>
  `SELECT team, ${i} AS d, "${d}.a"::INT AS a, "${d}.b"::INT AS b FROM r`).join(' UNION ALL ');
const weights = D.flatMap((_, i) => K.map((_, k) => `(${i}, ${k}, ${WA[i][k]}, ${WB[i][k]})`)).join(', ');
const zone = `CASE WHEN a >= 7 THEN (CASE WHEN b >= 7 THEN 0 WHEN b <= 4 THEN 1 ELSE 5 END)
                   WHEN b >= 7 THEN (CASE WHEN a <= 4 THEN 2 ELSE 5 END)
                   WHEN a >= 4 AND b >= 4 THEN 3 WHEN a <= 3 AND b <= 3 THEN 4 ELSE 5 END`;
await con.run(`CREATE TABLE ans AS SELECT team, d, a, b, ${zone} AS z FROM (${answers})
               WHERE a IS NOT NULL AND b IS NOT NULL`);

const out = [];
const teams = new Map();
for (const [team, n] of await rows('SELECT team, count(*) FROM r GROUP BY team'))
  teams.set(team, { participants: n, lines: {} });
const put = (team, key, value) => { teams.get(team).lines[key] = value; };
for (const row of await rows(`SELECT team, d, count(*), sum(a), sum(a * a), sum(b), sum(b * b),
      sum(least(a, b)), ${Z.map((_, z) => `count_if(z = ${z})`).join(', ')} FROM ans GROUP BY team, d`)) {
  const [team, d, n, sa, qa, sb, qb, sm, ...zones] = row;
  const p = D[d];
  Object.entries({ n, 'a.sum': sa, 'a.sumsq': qa, 'b.sum': sb, 'b.sumsq': qb, sum_min: sm })
    .forEach(([k, v]) => put(team, `${p}.${k}`, v));
  zones.forEach((v, z) => put(team, `${p}.classes.${Z[z]}`, v));
}
for (const [team, k, num, den] of await rows(`SELECT team, k, sum(a * wa + b * wb), sum(10 * (wa + wb))
      FROM ans JOIN (VALUES ${weights}) w(d, k, wa, wb) USING (d) GROUP BY team, k`)) {
  put(team, `${K[k]}.numerator`, num);
  put(team, `${K[k]}.denominator`, den);
}
const checkin = K.map((k) => `count("checkin.${k}"), sum("checkin.${k}"),
                               sum("checkin.${k}"::BIGINT * "checkin.${k}")`).join(', ');
for (const [team, ...v] of await rows(`SELECT team, ${checkin} FROM r GROUP BY team`))
  K.forEach((k, i) => {
    put(team, `${k}.checkin.n`, v[3 * i]);
    put(team, `${k}.checkin.sum`, v[3 * i + 1]);
    put(team, `${k}.checkin.sumsq`, v[3 * i + 2]);
  });

for (const [team, t] of teams) {
  out.push(`${team} participants ${t.participants}`);
  for (const d of D) {
    for (const k of ['n', 'a.sum', 'a.sumsq', 'b.sum', 'b.sumsq', 'sum_min'])
      out.push(`${team} ${d}.${k} ${t.lines[`${d}.${k}`] ?? 0}`);
    for (const z of Z) out.push(`${team} ${d}.classes.${z} ${t.lines[`${d}.classes.${z}`] ?? 0}`);
  }
  for (const k of K)
    for (const f of ['numerator', 'denominator', 'checkin.n', 'checkin.sum', 'checkin.sumsq'])
      out.push(`${team} ${k}.${f} ${t.lines[`${k}.${f}`] ?? 0}`);
}
process.stdout.write(out.join('\n') + '\n');
