// INT5xxx: intel import errors (a whole file or option is unusable). Bad IOC values are not errors: they are `rejected` rows.
// IntelError is a KqliteError, so every command (intel, hunt, …) reports it as `error INT5xxx: message`, exit 2.
import { KqliteError } from '../kql/text/index.js';

export const IntelErrors = {
  unreadable: 'INT5001',
  unknownFormat: 'INT5002',
  malformed: 'INT5003',
  tooLarge: 'INT5004',
  badWarninglist: 'INT5005',
  badOption: 'INT5006',
  badIocSet: 'INT5007',
} as const;

export class IntelError extends KqliteError {
  constructor(code: string, message: string, cause?: unknown) {
    super(code, message, cause === undefined ? {} : { cause });
    this.name = 'IntelError';
  }
}

export function intelError(code: string, message: string, cause?: unknown): IntelError {
  return new IntelError(code, message, cause);
}
