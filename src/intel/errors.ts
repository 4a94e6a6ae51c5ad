// INT5xxx: intel import errors (a whole file or option is unusable). Bad IOC values are not errors: they are `rejected` rows.
// Own error class: intel must not import kql/ (see ARCHITECTURE.md import flow); same shape as KqliteError (code + message).

export const IntelErrors = {
  unreadable: 'INT5001',
  unknownFormat: 'INT5002',
  malformed: 'INT5003',
  tooLarge: 'INT5004',
  badWarninglist: 'INT5005',
  badOption: 'INT5006',
  badIocSet: 'INT5007',
} as const;

export class IntelError extends Error {
  readonly code: string;
  constructor(code: string, message: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'IntelError';
    this.code = code;
  }
}

export function intelError(code: string, message: string, cause?: unknown): IntelError {
  return new IntelError(code, message, cause);
}
