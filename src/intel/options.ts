// Options and statistics of an intel import.
import type { IocType } from './model.js';
import type { FileStats } from './collector.js';
import type { IntelFormat } from './detect-format.js';
import type { Warninglist } from './warninglists.js';

export interface ImportOptions {
  /** Force one reader for every file instead of detecting it from content. */
  format?: IntelFormat;
  /** Keep IOCs whose confidence is at least this (IOCs without a confidence are dropped). */
  minConfidence?: number;
  /** Keep IOCs seen since this date (lastSeen, else firstSeen; undated IOCs are dropped). ISO date or date-time. */
  since?: string;
  /** Keep IOCs of these families (case-insensitive; `nanocore` also matches `Nanocore RAT`). */
  family?: string | string[];
  /** Keep IOCs of these types. */
  types?: IocType[];
  /** Screen with the bundled MISP warninglists (default true). */
  bundledWarninglists?: boolean;
  /** Extra warninglist files (MISP format). */
  warninglistFiles?: string[];
  /** Extra warninglists already loaded. */
  warninglists?: Warninglist[];
  /** Base directory for relative paths (default process.cwd()). */
  cwd?: string;
}

export interface ImportStats {
  files: FileStats[];
  /** IOCs in the result, after merging and filtering. */
  total: number;
  byType: Partial<Record<IocType, number>>;
  /** Result IOCs with at least one warning, and the count per list. */
  flagged: number;
  flaggedByList: Record<string, number>;
  rejected: number;
  /** MISP attributes rejected because to_ids=false. */
  contextOnly: number;
  /** Accepted values that were duplicates of another (merged). */
  merged: number;
  /** IOCs removed by each filter (a value is counted under the first filter that removed it). */
  filtered: { type: number; minConfidence: number; since: number; family: number };
}
