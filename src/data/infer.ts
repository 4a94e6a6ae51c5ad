// Type inference for columns of unknown tables and extra fields (rules documented in README.md).
import type { ScalarType } from '../kql/types/index.js';
import { parseLogDatetime } from './datetime.js';

const BOOL_TEXT = /^(?:true|false)$/i;
const LONG_TEXT = /^-?(?:0|[1-9]\d{0,18})$/;
const REAL_TEXT = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/** What has been seen in one field; `text` says values came as untyped text (CSV, CEF). */
export class FieldInference {
  private seen = 0;
  private bools = 0; private ints = 0; private reals = 0; private objects = 0; private strings = 0;
  // among strings: how many parse as each text form
  private tBool = 0; private tLong = 0; private tReal = 0; private tDate = 0;

  add(v: unknown, text: boolean): void {
    if (v === undefined || v === null) return;
    switch (typeof v) {
      case 'boolean': this.seen++; this.bools++; return;
      case 'number': this.seen++; if (Number.isInteger(v)) this.ints++; else this.reals++; return;
      case 'bigint': this.seen++; this.ints++; return;
      case 'object': this.seen++; this.objects++; return;
      case 'string': {
        const s = v.trim();
        if (s === '') return;
        this.seen++; this.strings++;
        if (text) {
          if (BOOL_TEXT.test(s)) { this.tBool++; return; }
          if (LONG_TEXT.test(s)) { this.tLong++; return; }
          if (REAL_TEXT.test(s)) { this.tReal++; return; }
        }
        if (looksLikeDate(s) && parseLogDatetime(s) !== null) this.tDate++;
        return;
      }
    }
  }

  type(): ScalarType {
    if (this.seen === 0) return 'string';
    if (this.objects > 0) return 'dynamic';
    const n = this.seen;
    if (this.bools === n) return 'bool';
    if (this.ints === n) return 'long';
    if (this.ints + this.reals === n) return 'real';
    if (this.strings === n) {
      if (this.tBool === n) return 'bool';
      if (this.tLong === n) return 'long';
      if (this.tLong + this.tReal === n) return 'real';
      if (this.tDate === n) return 'datetime';
      return 'string';
    }
    return 'string';
  }
}

// Digit-only text is a number, not a compact date; a date needs a separator.
function looksLikeDate(s: string): boolean {
  return s.length >= 8 && s.length <= 40 && /\d/.test(s.charAt(0) + s.charAt(s.length - 1)) && /[-/:]/.test(s) && /^[\d\sA-Za-z,:./+-]+$/.test(s);
}
