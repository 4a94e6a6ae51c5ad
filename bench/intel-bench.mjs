// Imports a (generated) ThreatFox CSV export and prints IOCs/s, MB/s and peak RSS.
// usage: node --import tsx bench/intel-bench.mjs FILE.csv   (generate with bench/gen-threatfox.mjs)
import { statSync } from 'node:fs';
import { importIntel } from '../src/intel/index.ts';

const file = process.argv[2];
if (!file) { console.error('usage: node --import tsx bench/intel-bench.mjs FILE.csv'); process.exit(2); }
let peak = 0;
const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 50);
const t0 = process.hrtime.bigint();
const set = await importIntel([file]);
const secs = Number(process.hrtime.bigint() - t0) / 1e9;
clearInterval(timer);
peak = Math.max(peak, process.memoryUsage().rss);
const mb = statSync(file).size / 1e6;
const read = set.stats.files.reduce((a, f) => a + f.read, 0);
console.log(JSON.stringify({
  file, mb: +mb.toFixed(1), read, iocs: set.iocs.length, rejected: set.rejected.length, flagged: set.stats.flagged,
  seconds: +secs.toFixed(2), iocsPerSec: Math.round(read / secs), mbPerSec: +(mb / secs).toFixed(1), peakRssMb: Math.round(peak / 1e6),
  node: process.version,
}));
