// Timelines of the user-analytics plugins: rows arrive as dynamic values (datetimes/timespans as text) and are
// measured in numbers relative to the analysis start, so datetime ticks (beyond 2^53) keep their precision.
// Windows start at Start and step by a fixed size, or follow startofweek/startofmonth/startofyear.
import type { DynamicValue, Value } from '../../kql/types/index.js';
import { civilFromDays, daysFromCivil, formatDatetime, formatTimespan, parseDatetime, parseTimespan, TICKS_PER_DAY } from '../../kql/types/index.js';
import { KernelError } from '../functions/kernel.js';

/** Most windows a plugin may build (a huge End - Start over a tiny step must not hang). */
export const MAX_WINDOWS = 100_000;

export type TimeKind = 'datetime' | 'timespan' | 'number';
type Calendar = 'week' | 'month' | 'year';

export class Timeline {
  /** window starts, relative to the origin, ascending */
  readonly starts: number[] = [];
  private readonly calendar: Calendar | null;
  private readonly step: number;

  constructor(readonly kind: TimeKind, readonly origin: bigint | number, step: Value, readonly endRel: number, plugin: string) {
    const cal = typeof step === 'string' ? step.trim().toLowerCase() : null;
    if (cal !== null) {
      if (cal !== 'week' && cal !== 'month' && cal !== 'year') throw new KernelError('KQL3014', `${plugin}: the step must be a size or 'week', 'month' or 'year', got '${step}'`);
      if (kind !== 'datetime') throw new KernelError('KQL3014', `${plugin}: a '${cal}' step needs a datetime timeline`);
    }
    this.calendar = cal as Calendar | null;
    this.step = cal ? 0 : this.size(step, `${plugin}: the step`);
    let w = this.calendar ? this.calStart(0) : 0;
    while (w <= endRel) {
      if (this.starts.length >= MAX_WINDOWS) throw new KernelError('KQL3011', `${plugin}: the range Start..End holds more than ${MAX_WINDOWS} windows; use a larger step or a shorter range`);
      this.starts.push(w);
      w = this.calendar ? this.calNext(w) : w + this.step;
    }
  }

  /** A positive size (timespan or number) as a relative amount. */
  size(v: Value, what: string): number {
    const n = typeof v === 'bigint' ? Number(v) : typeof v === 'number' ? v : NaN;
    if (!(n > 0) || !Number.isFinite(n)) throw new KernelError('KQL3014', `${what} must be positive, got ${v === null ? 'null' : String(v)}`);
    return n;
  }

  /** A row's time (dynamic text or number) relative to the origin; null when missing or unreadable. */
  rel(v: DynamicValue): number | null {
    if (this.kind === 'number') {
      const n = typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : null;
      return n === null || Number.isNaN(n) ? null : n - (this.origin as number);
    }
    let t: bigint | null = null;
    if (typeof v === 'string') t = this.kind === 'datetime' ? parseDatetime(v) : parseTimespan(v);
    else if (typeof v === 'bigint') t = v;
    return t === null ? null : Number(t - (this.origin as bigint));
  }

  /** A scalar argument (typed value) relative to the origin. */
  relOf(v: Value): number | null {
    if (v === null || v === undefined) return null;
    if (typeof v === 'bigint') return this.kind === 'number' ? Number(v) - (this.origin as number) : Number(v - (this.origin as bigint));
    return typeof v === 'number' ? v - (this.origin as number) : null;
  }

  /** A relative time back to the timeline's type, as a dynamic value the output cast reads. */
  out(rel: number): DynamicValue {
    if (this.kind === 'number') return rel + (this.origin as number);
    const t = (this.origin as bigint) + BigInt(Math.round(rel));
    return this.kind === 'datetime' ? formatDatetime(t) : formatTimespan(t);
  }

  /** Index of the window holding rel, or -1 outside Start..End. */
  window(rel: number): number {
    const s = this.starts;
    if (!s.length || rel < s[0]! || rel > this.endRel) return -1;
    if (!this.calendar) return Math.min(s.length - 1, Math.floor((rel - s[0]!) / this.step));
    let lo = 0, hi = s.length - 1;
    while (lo < hi) { const mid = (lo + hi + 1) >> 1; if (s[mid]! <= rel) lo = mid; else hi = mid - 1; }
    return lo;
  }

  private ticksAt(rel: number): bigint { return (this.origin as bigint) + BigInt(Math.round(rel)); }
  private relAt(ticks: bigint): number { return Number(ticks - (this.origin as bigint)); }

  private calStart(rel: number): number {
    const t = this.ticksAt(rel);
    let days = t / TICKS_PER_DAY;
    if (t % TICKS_PER_DAY < 0n) days -= 1n;
    const d = Number(days);
    const c = civilFromDays(d);
    if (this.calendar === 'year') return this.relAt(BigInt(daysFromCivil(c.y, 1, 1)) * TICKS_PER_DAY);
    if (this.calendar === 'month') return this.relAt(BigInt(daysFromCivil(c.y, c.m, 1)) * TICKS_PER_DAY);
    // 1970-01-01 was a Thursday: weeks start on Sunday
    const dow = (((d + 4) % 7) + 7) % 7;
    return this.relAt(BigInt(d - dow) * TICKS_PER_DAY);
  }

  private calNext(rel: number): number {
    const d = Number(this.ticksAt(rel) / TICKS_PER_DAY);
    const c = civilFromDays(d);
    if (this.calendar === 'week') return this.relAt(BigInt(d + 7) * TICKS_PER_DAY);
    if (this.calendar === 'month') return this.relAt(BigInt(c.m === 12 ? daysFromCivil(c.y + 1, 1, 1) : daysFromCivil(c.y, c.m + 1, 1)) * TICKS_PER_DAY);
    return this.relAt(BigInt(daysFromCivil(c.y + 1, 1, 1)) * TICKS_PER_DAY);
  }
}

/** The timeline kind of a column type. */
export function timeKind(type: string): TimeKind {
  return type === 'datetime' ? 'datetime' : type === 'timespan' ? 'timespan' : 'number';
}

/** The origin of a timeline from a typed scalar (Start). */
export function originOf(kind: TimeKind, v: Value): bigint | number | null {
  if (v === null || v === undefined) return null;
  if (kind === 'number') return typeof v === 'bigint' ? Number(v) : typeof v === 'number' ? v : null;
  return typeof v === 'bigint' ? v : null;
}
