// Diagnostics: coded, never thrown by the front end. Codes by range:
//   KQL1xxx syntax, KQL2xxx binding/semantic, KQL3xxx runtime, RDR4xxx readers, INT5xxx intel.
export type Severity = 'error' | 'warning' | 'info';

/** Half-open character offsets into the source text. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export interface Diagnostic {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly span: Span;
}

export function diag(code: string, message: string, span: Span, severity: Severity = 'error'): Diagnostic {
  return { code, severity, message, span };
}

export function hasErrors(ds: readonly Diagnostic[]): boolean {
  return ds.some((d) => d.severity === 'error');
}

/** An error raised by a later phase (runtime, reader, intel); carries a code and where it happened. */
export class KqliteError extends Error {
  readonly code: string;
  readonly span?: Span;
  readonly diagnostics: readonly Diagnostic[];
  constructor(code: string, message: string, opts: { span?: Span; cause?: unknown; diagnostics?: readonly Diagnostic[] } = {}) {
    super(message, opts.cause !== undefined ? { cause: opts.cause } : undefined);
    this.name = 'KqliteError';
    this.code = code;
    if (opts.span) this.span = opts.span;
    this.diagnostics = opts.diagnostics ?? (opts.span ? [diag(code, message, opts.span)] : []);
  }
}
