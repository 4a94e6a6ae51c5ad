#!/usr/bin/env node
// Deterministic IOC list for the hunt benchmark: N IOCs (half IPs, half domains) as a CSV list kqlite imports.
// Usage: node bench/gen-iocs.mjs --count 10000 --out /tmp/iocs-10k.csv [--seed 7]
import { writeFileSync } from 'node:fs';
const args = Object.fromEntries(process.argv.slice(2).reduce((a, v, i, arr) => (v.startsWith('--') && a.push([v.slice(2), arr[i + 1]]), a), []));
const n = Number(args.count ?? 10000);
let s = Number(args.seed ?? 7) >>> 0;
const rnd = () => { s = (s + 0x6d2b79f5) >>> 0; let t = s; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
const ri = (k) => Math.floor(rnd() * k);
const syl = ['qa', 'zu', 'vex', 'mor', 'tal', 'pri', 'dex', 'yon', 'kel', 'wim', 'sar', 'fo'];
const lines = ['value,type,confidence,family'];
for (let i = 0; i < n; i++) {
  if (i % 2) lines.push(`${ri(4) + 45}.${ri(256)}.${ri(256)}.${1 + ri(254)},ipv4,${50 + ri(51)},BenchRAT`);
  else lines.push(`${syl[ri(12)]}${syl[ri(12)]}${syl[ri(12)]}${i}.${['com', 'net', 'ru', 'xyz'][ri(4)]},domain,${50 + ri(51)},BenchRAT`);
}
writeFileSync(args.out ?? '/tmp/iocs.csv', lines.join('\n') + '\n');
