// Benchmark: size and generation time of a detection package for a large, deterministic IOC set.
// Run: node --import tsx bench/detect-package.ts [N=50000] [OUT_DIR]
import { performance } from 'node:perf_hooks';
import type { Ioc, IocSet } from '../src/intel/model.js';
import { buildPackage, writePackage } from '../src/detect/index.js';

/** N IOCs in a fixed mix (40% IPv4 of which a quarter with port, 30% domains, 10% URLs, 20% SHA256), from a fixed seed. */
export function syntheticIocSet(n: number, seed = 42): IocSet {
  let s = seed >>> 0;
  const rnd = (): number => { // mulberry32: all output bits usable (an LCG's low bits repeat)
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (t ^ (t >>> 14)) >>> 0;
  };
  const hex = (len: number): string => Array.from({ length: len }, () => (rnd() & 15).toString(16)).join('');
  const word = (): string => Array.from({ length: 5 + (rnd() % 8) }, () => String.fromCharCode(97 + (rnd() % 26))).join('');
  const iocs: Ioc[] = [];
  for (let i = 0; i < n; i++) {
    const k = i % 10;
    const base = { tags: [], sources: ['bench'], family: 'Nanocore', confidence: 50 + (i % 50) };
    if (k < 4) iocs.push({ ...base, type: 'ipv4', value: `${1 + (rnd() % 223)}.${rnd() % 256}.${rnd() % 256}.${rnd() % 256}`, ...(k === 0 ? { port: 1024 + (rnd() % 60000) } : {}) });
    else if (k < 7) iocs.push({ ...base, type: 'domain', value: `${word()}${i}.${['com', 'net', 'io', 'org'][rnd() % 4]}` });
    else if (k < 8) iocs.push({ ...base, type: 'url', value: `http://${word()}${i}.com/${word()}.php?id=${rnd() % 1000}` });
    else iocs.push({ ...base, type: 'sha256', value: hex(64) });
  }
  return { iocs, rejected: [] };
}

async function main(): Promise<void> {
  const n = Number(process.argv[2] ?? 50000);
  const set = syntheticIocSet(n);
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const pkg = buildPackage(set, { iocSetName: `synthetic-${n}.json` });
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  const bytes = pkg.files.reduce((a, f) => a + Buffer.byteLength(f.content), 0);
  const byDir = new Map<string, { files: number; bytes: number }>();
  for (const f of pkg.files) {
    const d = f.path.includes('/') ? f.path.split('/')[0]! : f.path;
    const e = byDir.get(d) ?? { files: 0, bytes: 0 };
    e.files++; e.bytes += Buffer.byteLength(f.content);
    byDir.set(d, e);
  }
  const longest = Math.max(...pkg.hunts.map((h) => h.kql.length));
  console.log(`${n} IOCs -> ${pkg.hunts.length} hunts, ${pkg.files.length} files, ${(bytes / 1e6).toFixed(1)} MB in ${(ms / 1000).toFixed(2)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s CPU; longest query ${longest} chars; peak RSS ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`);
  for (const [d, e] of [...byDir].sort()) console.log(`  ${d.padEnd(14)} ${String(e.files).padStart(6)} files ${(e.bytes / 1e6).toFixed(2).padStart(8)} MB`);
  if (process.argv[3]) await writePackage(pkg, process.argv[3]);
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\//, ''))) void main();
