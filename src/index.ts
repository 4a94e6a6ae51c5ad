// kqlite's public library surface. Everything else is internal.
export { openWorkspace, analyze, Workspace, KqliteError } from './hunt/workspace.js';
export type { QueryResult, WorkspaceOptions, AnalyzeOptions } from './hunt/workspace.js';
export type { QueryOptions } from './engine/index.js';
export type { Diagnostic, Span, Severity } from './kql/text/index.js';
export type { ColumnSchema, ScalarType } from './kql/types/index.js';
