// `kqlite sample`: a deterministic synthetic workspace (NDJSON per table) with optional planted IOC activity and a
// manifest of what was planted. Rows are written in time order, streamed, so millions of rows take seconds.
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Ioc } from '../../intel/index.js';
import { processNameForFamily } from '../../detect/index.js';
import { formatDatetime, parseDatetime, TICKS_PER_DAY } from '../../kql/types/index.js';
import { Rng, makePools } from './random.js';
import { background, TABLE_SHARE, TIME_COLUMN, type Row } from './background.js';
import { plantIoc, type Planted } from './plant.js';

export interface SampleOptions {
  rows?: number;
  seed?: number;
  /** End of the time window (default 2026-05-24T00:00:00Z) and its length in days (default 7). */
  end?: string;
  days?: number;
  iocs?: Ioc[];
  /** family names for process-name plants (e.g. nanocore → nanocore.exe) */
  families?: string[];
}

export interface SampleManifest {
  generator: string;
  seed: number;
  rows: number;
  window: { start: string; end: string };
  tables: Record<string, { file: string; rows: number }>;
  planted: (Omit<Planted, 'row'> & { time: string })[];
}

async function writeLines(ws: WriteStream, lines: string[]): Promise<void> {
  const chunk = lines.join('');
  if (!ws.write(chunk)) await new Promise<void>((r) => ws.once('drain', () => r()));
}

export async function writeSample(dir: string, opts: SampleOptions = {}): Promise<SampleManifest> {
  const seed = opts.seed ?? 42;
  const total = Math.max(0, Math.floor(opts.rows ?? 10_000));
  const days = opts.days ?? 7;
  const end = parseDatetime(opts.end ?? '2026-05-24T00:00:00Z');
  if (end === null) throw new Error(`invalid end time: ${opts.end}`);
  const start = end - BigInt(days) * TICKS_PER_DAY;
  const span = end - start;
  const rng = new Rng(seed);
  const pools = makePools(rng, total > 1_000_000 ? 4 : 1);
  await mkdir(dir, { recursive: true });

  // planted rows, each at its own deterministic time
  const seqBase = 9_000_000_000;
  let seq = 0;
  const make = (table: string) => background[table]!(rng, pools, '', seqBase + seq++);
  const planted: (Planted & { ticks: bigint })[] = [];
  for (const ioc of opts.iocs ?? []) {
    for (const p of plantIoc(ioc, rng, pools, make)) {
      const ticks = start + (span * BigInt(1 + rng.int(999_983))) / 1_000_000n;
      planted.push({ ...p, ticks });
    }
  }
  for (const fam of opts.families ?? []) {
    const exe = processNameForFamily(fam);
    if (!exe) continue;
    const row = make('DeviceProcessEvents');
    Object.assign(row, { FileName: exe, FolderPath: `C:\\Users\\Public\\${exe}`, ProcessCommandLine: `"${exe}"`, InitiatingProcessFileName: 'explorer.exe', InitiatingProcessParentFileName: 'userinit.exe' });
    planted.push({ table: 'DeviceProcessEvents', kind: 'hit', ioc: { type: 'process', value: exe }, tier: 'medium', column: 'FileName', value: exe, note: 'malware process name run from a user folder', row, ticks: start + span / 3n });
    const fp = make('DeviceProcessEvents');
    Object.assign(fp, { FileName: exe, FolderPath: `C:\\Windows\\System32\\${exe}`, ProcessCommandLine: `"${exe}"`, InitiatingProcessFileName: 'schtasks.exe' });
    planted.push({ table: 'DeviceProcessEvents', kind: 'decoy', ioc: { type: 'process', value: exe }, column: 'FileName', value: exe, note: 'false-positive scenario: scheduled job from System32 under schtasks.exe (excluded)', row: fp, ticks: start + span / 2n });
  }

  const manifest: SampleManifest = {
    generator: 'kqlite sample', seed, rows: total, window: { start: formatDatetime(start), end: formatDatetime(end) }, tables: {}, planted: [],
  };
  for (const [table, share] of Object.entries(TABLE_SHARE)) {
    const n = Math.round(total * share);
    const timeCol = TIME_COLUMN[table]!;
    const mine = planted.filter((p) => p.table === table).sort((a, b) => (a.ticks < b.ticks ? -1 : a.ticks > b.ticks ? 1 : 0));
    const file = `${table}.ndjson`;
    const ws = createWriteStream(join(dir, file));
    let buf: string[] = [];
    let k = 0;
    let written = 0;
    const emit = async (row: Row) => {
      buf.push(JSON.stringify(row) + '\n');
      written++;
      if (buf.length >= 4096) { await writeLines(ws, buf); buf = []; }
    };
    for (let i = 0; i < n; i++) {
      const ticks = start + (span * BigInt(i)) / BigInt(Math.max(1, n)) + BigInt(rng.int(10_000_000));
      while (k < mine.length && mine[k]!.ticks <= ticks) {
        const p = mine[k++]!;
        p.row[timeCol] = formatDatetime(p.ticks);
        await emit(p.row);
      }
      const row = background[table]!(rng, pools, formatDatetime(ticks), i + 1);
      await emit(row);
    }
    while (k < mine.length) {
      const p = mine[k++]!;
      p.row[timeCol] = formatDatetime(p.ticks);
      await emit(p.row);
    }
    if (buf.length) await writeLines(ws, buf);
    await new Promise<void>((resolve, reject) => ws.end((err?: Error | null) => (err ? reject(err) : resolve())));
    manifest.tables[table] = { file, rows: written };
  }
  manifest.planted = planted
    .sort((a, b) => (a.ticks < b.ticks ? -1 : a.ticks > b.ticks ? 1 : 0))
    .map(({ row: _row, ticks, ...rest }) => ({ ...rest, time: formatDatetime(ticks) }));
  await writeFile(join(dir, 'sample-manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  return manifest;
}
