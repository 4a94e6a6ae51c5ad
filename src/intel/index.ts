// Public surface of intel: import, canonicalization helpers (reused by detect/hunt), warninglists, IOC-set files.
export type { Ioc, IocSet, IocType, RejectedIoc } from './model.js';
export { IOC_TYPES } from './model.js';
export { importIntel, importIntelText, readDocument } from './import.js';
export type { ImportOptions, ImportStats } from './options.js';
export type { FileStats } from './collector.js';
export { FORMATS, isFormat, type IntelFormat } from './detect-format.js';
export {
  canonicalize, canonicalDomain, canonicalIp, canonicalIpv4, canonicalIpv6, canonicalCidr, canonicalUrl, canonicalHash,
  canonicalEmail, splitHostPort, parsePort, looksLikeFileName, type Canonical, type ValueHint,
} from './canonical/index.js';
export { refang } from './refang.js';
export { toIsoUtc } from './time.js';
export { WarninglistSet, bundledWarninglists, loadWarninglistFile, validateWarninglist, type Warninglist } from './warninglists.js';
export { iocSetJsonChunks, parseIocSet } from './ioc-set-json.js';
export { importSummary, showSummary } from './summary.js';
export { IntelError, IntelErrors } from './errors.js';
export { compareIocs } from './collector.js';
