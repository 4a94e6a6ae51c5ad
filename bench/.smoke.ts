import { openCatalog, formatLoadReport } from '/work/main/src/data/index.js';
import { valueToJson } from '/work/main/src/kql/types/index.js';
const dirs = process.argv.slice(2);
const cat = await openCatalog(dirs, { year: 2026 });
for (const t of cat.tableNames()) {
  const tb = await cat.load(t);
  const nonEmpty = tb.columns.filter((c) => c.values.some((v) => v !== null && v !== ''));
  console.log(`== ${t} rows=${tb.rowCount} schema=${cat.schema(t)!.length}`);
  for (const r of tb.rows().slice(0, 6)) console.log(' ', JSON.stringify(Object.fromEntries(tb.columns.map((c, j) => [c, r[j]] as const).filter(([c]) => nonEmpty.includes(c)).map(([c, v]) => [c.name + ':' + c.type, valueToJson(v as never, c.type)])), (_k, x) => typeof x === 'bigint' ? x.toString() : x));
}
process.stdout.write(formatLoadReport(cat.reports()));
console.log(cat.skipped());
