// Reader error codes (RDR4xxx) and the error thrown in strict mode or for unusable inputs.
import { KqliteError } from '../kql/text/index.js';

export const RDR = {
  rejected: 'RDR4001',
  binary: 'RDR4002',
  gzip: 'RDR4003',
  nulled: 'RDR4004',
  utf8: 'RDR4005',
  lineTooLong: 'RDR4006',
  io: 'RDR4007',
  config: 'RDR4008',
  noTable: 'RDR4009',
} as const;

/** A reader problem; message is `file:line: reason` (or `file: reason` for whole-file problems). */
export class ReaderError extends KqliteError {
  constructor(code: string, message: string, opts: { cause?: unknown } = {}) {
    super(code, message, opts);
    this.name = 'ReaderError';
  }
}

/** `file:line: reason`, or `file: reason` when the problem has no line (line 0). */
export function where(file: string, line: number, reason: string): string {
  return line > 0 ? `${file}:${line}: ${reason}` : `${file}: ${reason}`;
}
