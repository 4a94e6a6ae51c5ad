// Imports a (generated) ThreatFox export (CSV or JSON) and prints IOCs/s, MB/s, CPU seconds, peak RSS, and the time to
// serialize the result as `intel import --out` does (without writing it).
// usage: node --import tsx bench/intel-bench.mjs FILE.csv|FILE.json   (generate with bench/gen-threatfox.mjs)
import { statSync } from 'node:fs';
import { importIntel, iocSetJsonChunks } from '../src/intel/index.ts';

const file = process.argv[2];
if (!file) { console.error('usage: node --import tsx bench/intel-bench.mjs FILE.csv|FILE.json'); process.exit(2); }
let peak = 0;
const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 50);
const cpu0 = process.cpuUsage();
const t0 = process.hrtime.bigint();
const set = await importIntel([file]);
const t1 = process.hrtime.bigint();
let outBytes = 0;
for (const chunk of iocSetJsonChunks(set)) outBytes += Buffer.byteLength(chunk);
const t2 = process.hrtime.bigint();
const cpu = process.cpuUsage(cpu0);
clearInterval(timer);
peak = Math.max(peak, process.memoryUsage().rss);
const secs = Number(t1 - t0) / 1e9;
const mb = statSync(file).size / 1e6;
const read = set.stats.files.reduce((a, f) => a + f.read, 0);
console.log(JSON.stringify({
  file, mb: +mb.toFixed(1), read, iocs: set.iocs.length, rejected: set.rejected.length, flagged: set.stats.flagged,
  seconds: +secs.toFixed(2), serializeSeconds: +(Number(t2 - t1) / 1e9).toFixed(2), outMb: +(outBytes / 1e6).toFixed(1),
  cpuSeconds: +((cpu.user + cpu.system) / 1e6).toFixed(2), iocsPerSec: Math.round(read / secs), mbPerSec: +(mb / secs).toFixed(1),
  peakRssMb: Math.round(peak / 1e6), node: process.version,
}));
