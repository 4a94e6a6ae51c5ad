// Public surface of src/data: the workspace catalog, built-in schemas, reader errors and the load report.
export { openCatalog, type Catalog, type LoadOptions } from './catalog.js';
export { builtinSchema, builtinTableNames, isDefenderTable } from './builtin-schemas.js';
export { ReaderError, RDR } from './errors.js';
export { formatLoadReport, type FileReport, type Problem, type ProblemKind } from './report.js';
export { coerce, FAIL } from './coerce.js';
export { parseLogDatetime } from './datetime.js';
export type { ReadItem, RecordReader, Format } from './record-reader.js';
export { findExternalFile } from './config.js';
export { readExternalFile, type ExternalRead } from './external.js';
