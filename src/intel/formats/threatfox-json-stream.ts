// Streaming reader for ThreatFox JSON exports ({"<id>": [ {record} ], ...}) too large to parse whole:
// a character scanner tracks depth and strings, cuts out each record object and parses just that.
import type { IocCollector } from '../collector.js';
import { offerThreatFoxRecord } from './threatfox.js';

export class ThreatFoxJsonStream {
  private depth = 0;
  private inString = false;
  private escape = false;
  /** Text of the current top-level key or record, accumulated across chunks. */
  private buf = '';
  private capturing: 'key' | 'record' | undefined;
  private key = '';
  private records = 0;
  constructor(private readonly col: IocCollector) {}

  feed(chunk: string): void {
    let start = this.capturing ? 0 : -1;
    const n = chunk.length;
    /** Next backslash at or after the scan position (n when none): string bodies are skipped with indexOf. */
    let bs = -1;
    for (let i = 0; i < n; i++) {
      if (this.inString) {
        if (this.escape) { this.escape = false; continue; }
        if (bs < i) { bs = chunk.indexOf('\\', i); if (bs < 0) bs = n; }
        const q = chunk.indexOf('"', i);
        if (bs < (q < 0 ? n : q)) { this.escape = true; i = bs; continue; } // the loop's i++ lands on the escaped char
        if (q < 0) break; // the string continues in the next chunk
        i = q; // closing quote
        this.inString = false;
        if (this.capturing === 'key') { this.key = this.finish(chunk, start, i + 1); start = -1; }
        continue;
      }
      const c = chunk.charCodeAt(i);
      if (c === 34) {
        this.inString = true;
        if (this.depth === 1 && !this.capturing) { this.capturing = 'key'; start = i; this.buf = ''; }
      } else if (c === 123 || c === 91) { // { [
        this.depth++;
        if (c === 123 && this.depth === 3 && !this.capturing) { this.capturing = 'record'; start = i; this.buf = ''; }
      } else if (c === 125 || c === 93) { // } ]
        if (c === 125 && this.depth === 3 && this.capturing === 'record') {
          const text = this.finish(chunk, start, i + 1);
          start = -1;
          this.record(text);
        }
        this.depth--;
      }
    }
    if (this.capturing && start >= 0) this.buf += chunk.slice(start);
  }

  private finish(chunk: string, start: number, end: number): string {
    const text = this.buf + chunk.slice(Math.max(0, start), end);
    this.buf = '';
    this.capturing = undefined;
    return text;
  }

  private record(text: string): void {
    this.records++;
    let rec: unknown;
    let key = this.key;
    try { key = JSON.parse(this.key) as string; } catch { /* keep raw */ }
    try { rec = JSON.parse(text); } catch {
      this.col.reject(key || `record ${this.records}`, text.slice(0, 200), 'invalid JSON record');
      return;
    }
    if (typeof rec === 'object' && rec !== null && !Array.isArray(rec)) offerThreatFoxRecord(rec as Record<string, unknown>, this.col, key || `record ${this.records}`);
  }
}
