// Deterministic randomness and the value pools of the synthetic workspace (hosts, users, processes, IPs, domains).
import { mulberry32 } from '../../util/random.js';

/** Deterministic randomness for the synthetic workspace (mulberry32: the same rows for the same seed everywhere). */
export class Rng {
  private readonly rnd: () => number;
  constructor(seed: number) { this.rnd = mulberry32(seed); }
  next(): number { return this.rnd(); }
  int(n: number): number { return Math.floor(this.next() * n); }
  pick<T>(xs: readonly T[]): T { return xs[this.int(xs.length)]!; }
  /** Zipf-like skew: low indexes are much more frequent (popular domains, busy hosts). */
  skewed<T>(xs: readonly T[]): T { const u = this.next(); return xs[Math.floor(u * u * u * xs.length)]!; }
  hex(n: number): string { let s = ''; for (let i = 0; i < n; i++) s += '0123456789abcdef'[this.int(16)]; return s; }
  chance(p: number): boolean { return this.next() < p; }
}

export const POPULAR_DOMAINS = [
  'microsoft.com', 'windowsupdate.com', 'office.com', 'office365.com', 'live.com', 'google.com', 'gstatic.com',
  'googleapis.com', 'amazonaws.com', 'cloudfront.net', 'akamaiedge.net', 'github.com', 'slack.com', 'zoom.us',
  'salesforce.com', 'linkedin.com', 'apple.com', 'icloud.com', 'adobe.com', 'dropbox.com', 'okta.com', 'wikipedia.org',
];
const WORDS = ['alpha', 'nova', 'cloud', 'data', 'pixel', 'vector', 'orbit', 'river', 'stone', 'maple', 'quant', 'delta',
  'lumen', 'forge', 'harbor', 'summit', 'echo', 'atlas', 'cobalt', 'ember', 'falcon', 'garnet', 'helix', 'iris'];
const TLDS = ['com', 'net', 'org', 'io', 'co.uk', 'de', 'fr', 'info', 'biz', 'app'];
const SUBS = ['www', 'api', 'cdn', 'mail', 'login', 'static', 'img', 'update', 'telemetry', 'edge'];

export interface Pools {
  hosts: { name: string; id: string; ip: string }[];
  users: { name: string; domain: string; upn: string }[];
  processes: { file: string; folder: string; sha256: string; sha1: string; md5: string; company: string }[];
  publicIps: string[];
  domains: string[];
}

export function makePools(rng: Rng, size = 1): Pools {
  const hosts = Array.from({ length: 40 * size }, (_, i) => {
    const kind = ['ws', 'lt', 'srv'][i % 3]!;
    const dept = ['finance', 'hr', 'eng', 'sales', 'it', 'ops'][i % 6]!;
    return { name: `${kind}-${dept}-${String(i + 1).padStart(2, '0')}.contoso.local`, id: rng.hex(40), ip: `10.${1 + (i % 4)}.${10 + Math.floor(i / 4) % 200}.${10 + (i % 200)}` };
  });
  const first = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi', 'ivan', 'judy', 'mallory', 'oscar', 'peggy', 'trent', 'victor', 'walter'];
  const users = first.flatMap((f, i) => [{ name: f, domain: 'CONTOSO', upn: `${f}@contoso.com` }, { name: `${f}.${['adm', 'svc'][i % 2]}`, domain: 'CONTOSO', upn: `${f}.${['adm', 'svc'][i % 2]}@contoso.com` }]);
  const procs: [string, string, string][] = [
    ['chrome.exe', 'C:\\Program Files\\Google\\Chrome\\Application\\', 'Google LLC'],
    ['msedge.exe', 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\', 'Microsoft Corporation'],
    ['svchost.exe', 'C:\\Windows\\System32\\', 'Microsoft Corporation'],
    ['powershell.exe', 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\', 'Microsoft Corporation'],
    ['teams.exe', 'C:\\Users\\Public\\AppData\\Local\\Microsoft\\Teams\\', 'Microsoft Corporation'],
    ['outlook.exe', 'C:\\Program Files\\Microsoft Office\\root\\Office16\\', 'Microsoft Corporation'],
    ['onedrive.exe', 'C:\\Program Files\\Microsoft OneDrive\\', 'Microsoft Corporation'],
    ['firefox.exe', 'C:\\Program Files\\Mozilla Firefox\\', 'Mozilla Corporation'],
    ['slack.exe', 'C:\\Program Files\\Slack\\', 'Slack Technologies'],
    ['python.exe', 'C:\\Python311\\', 'Python Software Foundation'],
    ['curl.exe', 'C:\\Windows\\System32\\', 'Microsoft Corporation'],
    ['sqlservr.exe', 'C:\\Program Files\\Microsoft SQL Server\\MSSQL15\\MSSQL\\Binn\\', 'Microsoft Corporation'],
  ];
  const processes = procs.map(([file, folder, company]) => ({ file, folder, company, sha256: rng.hex(64), sha1: rng.hex(40), md5: rng.hex(32) }));
  const publicIps = Array.from({ length: 3000 * size }, () => {
    let a: number;
    do { a = 1 + rng.int(222); } while (a === 10 || a === 127 || a === 100 || a === 169 || a === 172 || a === 192 || a === 198 || a === 203);
    return `${a}.${rng.int(256)}.${rng.int(256)}.${1 + rng.int(254)}`;
  });
  const domains = [...POPULAR_DOMAINS];
  for (let i = 0; i < 1500 * size; i++) domains.push(`${rng.pick(WORDS)}${rng.pick(WORDS)}${rng.int(100)}.${rng.pick(TLDS)}`);
  return { hosts, users, processes, publicIps, domains };
}

export function subdomainOf(rng: Rng, d: string): string {
  return rng.chance(0.5) ? `${rng.pick(SUBS)}.${d}` : d;
}
