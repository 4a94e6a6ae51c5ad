// Source text with line/column lookup and the caret-snippet renderer for diagnostics.
import type { Diagnostic } from './diagnostics.js';

export class SourceText {
  private lineStarts: number[] | undefined;
  constructor(readonly text: string, readonly name = '<query>') {}

  private starts(): number[] {
    if (!this.lineStarts) {
      const ls = [0];
      for (let i = 0; i < this.text.length; i++) if (this.text.charCodeAt(i) === 10) ls.push(i + 1);
      this.lineStarts = ls;
    }
    return this.lineStarts;
  }

  /** 1-based line and column of an offset. */
  position(offset: number): { line: number; col: number } {
    const ls = this.starts();
    let lo = 0, hi = ls.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (ls[mid]! <= offset) lo = mid; else hi = mid - 1;
    }
    return { line: lo + 1, col: offset - ls[lo]! + 1 };
  }

  lineText(line: number): string {
    const ls = this.starts();
    const start = ls[line - 1] ?? this.text.length;
    const end = ls[line] !== undefined ? ls[line]! - 1 : this.text.length;
    return this.text.slice(start, end).replace(/\r$/, '');
  }
}

/** `line:col: error KQL1001 message` */
export function formatDiagnostic(d: Diagnostic, src: SourceText, prefix = ''): string {
  const { line, col } = src.position(d.span.start);
  return `${prefix}${line}:${col}: ${d.severity} ${d.code} ${d.message}`;
}

/** The diagnostic line followed by the offending source line and a caret marker under the span. */
export function renderDiagnostic(d: Diagnostic, src: SourceText, prefix = ''): string {
  const { line, col } = src.position(d.span.start);
  const text = src.lineText(line);
  const endPos = src.position(Math.max(d.span.start, d.span.end - 1));
  const width = endPos.line === line ? Math.max(1, endPos.col - col + 1) : Math.max(1, text.length - col + 1);
  const gutter = String(line);
  const shown = text.replace(/\t/g, ' ');
  return [
    formatDiagnostic(d, src, prefix),
    `${gutter} | ${shown}`,
    `${' '.repeat(gutter.length)} | ${' '.repeat(col - 1)}${'^'.repeat(Math.min(width, Math.max(1, shown.length - col + 2)))}`,
  ].join('\n');
}
