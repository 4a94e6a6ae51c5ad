// Parallel loading of one large uncompressed NDJSON file: byte ranges cut at line starts, one worker thread each.
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { promises as fsp } from 'node:fs';
import type { RangeJob, RangeResult } from './range-load.js';
import { binaryOffset } from './source.js';
import type { DataFile } from './workspace.js';

/** Files below this size load on the main thread (a worker costs tens of milliseconds to start). */
export const DEFAULT_MIN_PARALLEL_BYTES = 64 << 20;
/** How far past a cut point a line end is looked for before the cut is dropped. */
const MAX_CUT_SEARCH = 16 << 20;

/** Counts of worker runs, so tests can tell the parallel path ran (not a silent serial fallback). */
export const parallelStats = { files: 0, workers: 0, fallbacks: 0 };

/** Number of ranges to load `file` in (1 = on the main thread). */
export async function plannedWorkers(file: DataFile, opts: { workers?: number; minParallelBytes?: number }): Promise<number> {
  const max = Math.floor(opts.workers ?? availableParallelism());
  const min = Math.max(0, opts.minParallelBytes ?? DEFAULT_MIN_PARALLEL_BYTES);
  if (max < 2 || file.format !== 'ndjson' || file.size < Math.max(min, 2) || file.size === 0) return 1;
  try {
    // the raw first bytes: gzip and UTF-16 (transcoded as a stream) cannot be cut into ranges; binary data is
    // reported by the single-threaded reader
    const fh = await fsp.open(file.path, 'r');
    let head: Buffer;
    try {
      const b = Buffer.alloc(65536);
      head = b.subarray(0, (await fh.read(b, 0, b.length, 0)).bytesRead);
    } finally {
      await fh.close();
    }
    if (head.length >= 2 && ((head[0] === 0x1f && head[1] === 0x8b) || (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff))) return 1;
    if (head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) head = head.subarray(3);
    if (binaryOffset(head) >= 0) return 1;
  } catch {
    return 1;
  }
  const per = Math.max(min, 1);
  return Math.max(1, Math.min(max, Math.floor(file.size / per) || 1));
}

/** Byte ranges [start, end) covering the file, each starting at a line start; the last one reads to the end. */
export async function splitRanges(path: string, n: number): Promise<{ start: number; end?: number }[]> {
  const cuts: number[] = [0];
  const fh = await fsp.open(path, 'r');
  let size: number;
  try {
    size = (await fh.stat()).size;
    const block = Buffer.allocUnsafe(1 << 16);
    for (let k = 1; k < n; k++) {
      let pos = Math.max(Math.floor((size * k) / n) - 1, cuts[cuts.length - 1]!);
      const limit = Math.min(size, pos + MAX_CUT_SEARCH);
      let cut = -1;
      while (pos < limit) {
        const { bytesRead } = await fh.read(block, 0, Math.min(block.length, limit - pos), pos);
        if (bytesRead <= 0) break;
        const nl = block.subarray(0, bytesRead).indexOf(10);
        if (nl >= 0) { cut = pos + nl + 1; break; }
        pos += bytesRead;
      }
      if (cut > cuts[cuts.length - 1]! && cut < size) cuts.push(cut);
    }
  } finally {
    await fh.close();
  }
  return cuts.map((start, i) => (i + 1 < cuts.length ? { start, end: cuts[i + 1]! } : { start }));
}

/**
 * The worker entry, beside this module: load-worker.js when built; under tsx (sources), a bootstrap that registers
 * tsx in the worker first (tsx registers itself in the main thread only on Node 20).
 */
function newWorker(job: RangeJob): Worker {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new Worker(new URL('./load-worker.js', here), { workerData: job });
  const api = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./load-worker.ts', here).href;
  const boot = `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); })`;
  return new Worker(boot, { eval: true, workerData: job, execArgv: [] });
}

function runWorker(job: RangeJob): Promise<RangeResult> {
  return new Promise((resolve, reject) => {
    const w = newWorker(job);
    let done = false;
    w.once('message', (r: RangeResult) => { done = true; resolve(r); void w.terminate(); });
    w.once('error', (e) => { if (!done) { done = true; reject(e); } });
    w.once('exit', (code) => { if (!done) { done = true; reject(new Error(`load worker exited with code ${code}`)); } });
  });
}

/** Loads the ranges in worker threads; undefined when a worker could not run (the caller loads serially). */
export async function loadInWorkers(jobs: RangeJob[]): Promise<RangeResult[] | undefined> {
  const runs = jobs.map((j) => runWorker(j));
  const settled = await Promise.allSettled(runs);
  if (settled.some((s) => s.status === 'rejected')) { parallelStats.fallbacks++; return undefined; }
  parallelStats.files++;
  parallelStats.workers += jobs.length;
  return settled.map((s) => (s as PromiseFulfilledResult<RangeResult>).value);
}
