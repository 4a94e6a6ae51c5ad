// Streaming JSON splitter: finds the containers at chosen paths and hands out their text, without holding the file.
// It tracks structure only (brackets, strings, keys near the root); JSON.parse validates each captured value.

export interface Frame { kind: 'o' | 'a'; key: string | null; index: number; expectKey: boolean }

export interface ScanHandler {
  /** Should the container (or scalar) that starts here be captured? `stack` is the path to it. */
  capture(stack: readonly Frame[], isContainer: boolean): boolean;
  value(text: string, line: number, stack: readonly Frame[]): void;
  /** A scalar at a captured position (e.g. a number where a record was expected). */
  scalar(line: number, stack: readonly Frame[]): void;
  /** Structural damage (bracket mismatch, text after the end); scanning stops. */
  broken(line: number, message: string): void;
}

const KEY_DEPTH = 4;
/** Largest single captured value (a V8 string must hold it and JSON.parse must build it). */
export const MAX_CAPTURE_CHARS = 256 << 20;

export class JsonScanner {
  private stack: Frame[] = [];
  /** Current physical line (1-based). */
  line = 1;
  private inString = false;
  private escape = false;
  private keyParts: string[] | null = null;
  private capDepth = -1;
  private capParts: string[] = [];
  private capLine = 0;
  private capChars = 0;
  private done = false;
  private rootSeen = false;

  constructor(private readonly h: ScanHandler) {}

  get stopped(): boolean { return this.done; }

  feed(text: string): void {
    if (this.done) return;
    const n = text.length;
    let segStart = 0; // start of the captured part of this chunk
    let i = 0;
    while (i < n) {
      if (this.inString) {
        // jump to the next quote or backslash
        let j = i;
        for (; j < n; j++) {
          const c = text.charCodeAt(j);
          if (this.escape) { this.escape = false; continue; }
          if (c === 92) { this.escape = true; continue; }
          if (c === 34) break;
        }
        if (this.keyParts) this.keyParts.push(text.slice(i, j));
        if (j >= n) { i = n; break; }
        this.inString = false;
        if (this.keyParts) {
          const top = this.stack[this.stack.length - 1]!;
          top.key = this.keyParts.join('');
          this.keyParts = null;
        }
        i = j + 1;
        continue;
      }
      const c = text.charCodeAt(i);
      if (c === 10) { this.line++; i++; continue; }
      if (c === 32 || c === 9 || c === 13) { i++; continue; }
      const top = this.stack[this.stack.length - 1];
      if (c === 34 && top && top.kind === 'o' && top.expectKey) {
        top.expectKey = false;
        this.inString = true;
        this.keyParts = this.stack.length <= KEY_DEPTH && this.capDepth < 0 ? [] : null;
        if (!this.keyParts) top.key = null;
        i++;
        continue;
      }
      if (c === 58) { i++; continue; } // ':'
      if (c === 44) { // ','
        if (top) { if (top.kind === 'o') top.expectKey = true; else top.index++; }
        i++;
        continue;
      }
      if (c === 125 || c === 93) { // '}' ']'
        if (!top || (c === 125) !== (top.kind === 'o')) { this.fail(`unexpected '${String.fromCharCode(c)}'`); return; }
        this.stack.pop();
        i++;
        if (this.capDepth === this.stack.length) {
          this.capParts.push(text.slice(segStart, i));
          this.emit();
        }
        if (this.stack.length === 0) this.rootSeen = true;
        continue;
      }
      // a value starts here
      if (this.stack.length === 0 && this.rootSeen) { this.fail('unexpected text after the end of the JSON value'); return; }
      const container = c === 123 || c === 91;
      if (top && top.kind === 'a' && top.index < 0) top.index = 0;
      if (this.capDepth < 0 && this.h.capture(this.stack, container)) {
        if (!container) this.h.scalar(this.line, this.stack);
        else { this.capDepth = this.stack.length; segStart = i; this.capLine = this.line; this.capParts = []; this.capChars = 0; }
      }
      if (container) {
        this.stack.push({ kind: c === 123 ? 'o' : 'a', key: null, index: c === 91 ? -1 : 0, expectKey: c === 123 });
        i++;
        continue;
      }
      if (c === 34) { this.inString = true; this.keyParts = null; i++; continue; }
      // number / literal: skip to a delimiter
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d === 44 || d === 125 || d === 93 || d === 32 || d === 10 || d === 13 || d === 9) break;
        i++;
      }
      if (this.stack.length === 0) this.rootSeen = true;
    }
    if (this.capDepth >= 0) {
      const part = text.slice(segStart);
      this.capChars += part.length;
      if (this.capChars > MAX_CAPTURE_CHARS) { this.fail(`a single JSON value is larger than ${MAX_CAPTURE_CHARS} characters`); return; }
      this.capParts.push(part);
    }
  }

  end(): void {
    if (this.done) return;
    if (this.stack.length > 0 || this.inString) this.fail('unexpected end of file (unclosed JSON value)');
  }

  private emit(): void {
    const text = this.capParts.join('');
    this.capParts = [];
    this.capDepth = -1;
    this.h.value(text, this.capLine, this.stack);
  }

  private fail(message: string): void {
    this.done = true;
    this.h.broken(this.capDepth >= 0 ? this.capLine : this.line, message);
  }
}
