// Longer fuzz run over the query pipeline. Usage: node --import tsx scripts/fuzz.mjs [--count N] [--seed S] [--hang-ms MS]
// Prints crashes (uncaught, uncoded exceptions) and inputs slower than the hang limit; exits 1 when there are any.
import { runFuzz } from '../test/fuzz/fuzzer.ts';

const args = process.argv.slice(2);
const opt = (f, d) => { const i = args.indexOf(f); return i >= 0 ? Number(args[i + 1]) : d; };
process.env.TZ = 'UTC';
const count = opt('--count', 10000), seed = opt('--seed', Date.now() % 1e9), hangMs = opt('--hang-ms', 1000);
const t0 = Date.now();
const r = await runFuzz(count, seed, hangMs, (i) => { if (i % 5000 === 0) process.stderr.write(`${i}…\n`); });
console.log(`seed ${seed}: ran ${r.ran} inputs in ${((Date.now() - t0) / 1000).toFixed(1)} s; crashes ${r.crashes.length}; over ${hangMs * 1.5} ms: ${r.slow.length}; slowest ${r.maxMs} ms`);
for (const c of r.crashes) console.log(`CRASH ${JSON.stringify(c.query)}\n  ${c.error.replace(/\n/g, '\n  ')}`);
for (const s of r.slow) console.log(`SLOW ${s.ms} ms ${JSON.stringify(s.query)}`);
if (r.crashes.length || r.slow.length) process.exitCode = 1;
