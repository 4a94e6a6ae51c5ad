// Seeded query fuzzer: mutates doc-corpus and hunting queries (token deletes, duplicates, swaps, random characters,
// deep nesting) and runs each through lexer, parser, binder and executor. A run fails on any exception that is not
// a coded KqliteError (a crash), and records inputs slower than the hang limit.
import { readFileSync } from 'node:fs';
import { openWorkspace, type Workspace } from '../../src/index.js';
import { mulberry32 } from '../../src/util/random.js';

export const rng = mulberry32;

const HUNTING = [
  'DnsEvents | where Name has_any ("evil.com", "bad.net") | summarize n=count() by bin(TimeGenerated, 1h), Computer',
  'CommonSecurityLog | where DestinationIP in ("1.2.3.4") | project TimeGenerated, SourceIP, DestinationIP | take 10',
  'let ips = dynamic(["10.0.0.1"]); DeviceNetworkEvents | where RemoteIP in (ips) | extend h = tostring(parse_json(AdditionalFields).x) | top 5 by TimeGenerated',
  'DnsEvents | summarize arg_max(TimeGenerated, *) by Computer | mv-expand IPAddresses | join kind=leftouter (CommonSecurityLog | distinct SourceIP) on $left.Computer == $right.SourceIP',
  'print s = "a,b,c" | extend p = split(s, ",") | mv-expand p to typeof(string) | parse p with x:string | where p matches regex "[a-z]"',
  'range i from 1 to 20 step 1 | extend d = datetime(2024-01-01) + i * 1h | make-series c=count() on d step 1h | render timechart',
];

/** Fixed pathological inputs: deep nesting, unterminated literals, long chains. */
export function pathological(): string[] {
  const rep = (s: string, n: number) => s.repeat(n);
  return [
    'print ' + rep('(', 5000) + '1',
    'print ' + rep('(', 5000) + '1' + rep(')', 5000),
    'print ' + rep('-', 5000) + '1',
    'print ' + rep('strlen(', 3000) + '"a"' + rep(')', 3000),
    'print 1' + rep('+1', 20000),
    'print x=dynamic(' + rep('[', 5000) + ')',
    'print parse_json("' + rep('[', 5000) + '")',
    'print ' + rep('not(', 3000) + 'true' + rep(')', 3000),
    'range x from 1 to 3 step 1' + rep(' | where x > 0', 3000),
    'print "unterminated', "print 'a", 'print @"x', 'print ```abc', 'print datetime(', 'print dynamic({"a":',
    'let f = () { f() }; print f()', 'let T = T; T', 'print ' + rep('a.', 5000) + 'b',
    'print x=1 | extend ' + Array.from({ length: 2000 }, (_, i) => `c${i}=x+${i}`).join(', '),
    rep('|', 1000), rep(';', 1000), '\u0000\uffff\ud800', 'print "\\u00"',
    'print replace_regex("aaaaaaaaaaaaaaaaaaaaaaaaaaaa!", "(a+)+$", "x")',
    'print extract("(a|a)*b", 0, "' + rep('a', 5000) + '")',
    'range x from 1 to 100000000000 step 1 | count',
    'print strcat_array(range(1, 100000000, 1), ",")',
  ];
}

function tokens(q: string): string[] {
  return q.match(/\s+|[A-Za-z_][\w-]*|\d+(\.\d+)?|"(\\.|[^"\\])*"|'(\\.|[^'\\])*'|./gs) ?? [];
}

const NOISE = ['(', ')', '[', ']', '{', '}', '|', ',', ';', '"', "'", '.', '..', '=', '==', '~', '!', '*', '$', '@', '`', '\\', ' ', '\n', '0', '-1', '9223372036854775808', '1e308', 'null', 'dynamic', 'let', 'by', 'on', 'with', 'in', 'has', 'and', 'or', 'where', 'summarize', 'project', 'extend', 'mv-expand', 'mv-apply', 'make-series', 'datatable', 'print', 'range', 'join', 'union', 'toscalar', 'materialize', 'count()', 'T', 'x', '*', '\u00e9', '\ud83d\ude00'];

export function mutate(q: string, r: () => number): string {
  const toks = tokens(q);
  const pick = <T>(xs: T[]): T => xs[Math.floor(r() * xs.length)]!;
  const n = 1 + Math.floor(r() * 3);
  for (let k = 0; k < n && toks.length; k++) {
    const i = Math.floor(r() * toks.length);
    switch (Math.floor(r() * 7)) {
      case 0: toks.splice(i, 1); break;
      case 1: toks.splice(i, 0, toks[i]!); break;
      case 2: { const j = Math.floor(r() * toks.length); [toks[i], toks[j]] = [toks[j]!, toks[i]!]; break; }
      case 3: toks.splice(i, 0, pick(NOISE)); break;
      case 4: toks[i] = pick(NOISE); break;
      case 5: toks.splice(i, 0, String.fromCharCode(Math.floor(r() * 0x250))); break;
      default: toks.length = i; break;
    }
  }
  return toks.join('');
}

export interface FuzzReport { ran: number; crashes: { query: string; error: string }[]; slow: { query: string; ms: number }[]; maxMs: number }

export function seedQueries(): string[] {
  const path = new URL('../conformance/cases.jsonl', import.meta.url);
  const cases = readFileSync(path, 'utf8').split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { query: string }).query);
  return [...cases, ...HUNTING];
}

export async function fuzzWorkspace(): Promise<Workspace> {
  return openWorkspace([new URL('../fixtures/nanocore-ws', import.meta.url).pathname]);
}

/** Runs `count` mutated queries (plus the pathological set) with the given seed. */
export async function runFuzz(count: number, seed: number, hangMs = 1000, onProgress?: (i: number) => void): Promise<FuzzReport> {
  const ws = await fuzzWorkspace();
  const seeds = seedQueries();
  const r = rng(seed);
  const inputs = [...pathological()];
  for (let i = 0; i < count; i++) inputs.push(mutate(seeds[Math.floor(r() * seeds.length)]!, r));
  const report: FuzzReport = { ran: 0, crashes: [], slow: [], maxMs: 0 };
  for (const q of inputs) {
    const t0 = Date.now();
    try {
      ws.analyze(q);
      await ws.query(q, { now: '2026-01-01T00:00:00Z', seed: 1, timeoutMs: hangMs, maxRows: 10_000 });
    } catch (e) {
      const code = (e as { code?: unknown }).code;
      if (!(e instanceof Error) || e.name !== 'KqliteError' || typeof code !== 'string' || !/^[A-Z]+\d{4}$/.test(code)) {
        report.crashes.push({ query: q.slice(0, 400), error: e instanceof Error ? `${e.name}: ${e.message}\n${e.stack?.split('\n').slice(1, 4).join('\n')}` : String(e) });
      }
    }
    const ms = Date.now() - t0;
    report.maxMs = Math.max(report.maxMs, ms);
    if (ms > hangMs * 1.5) report.slow.push({ query: q.slice(0, 20000), ms });
    report.ran++;
    onProgress?.(report.ran);
  }
  return report;
}
