// The detection package model: what `detect` writes and what `hunt` runs.
import type { IocType } from '../intel/model.js';

export type Flavour = 'sentinel' | 'defender';
export type Tier = 'high' | 'medium' | 'low';
/** What a hunt looks for; `process` is the family's executable name (derived, not an IOC type). */
export type HuntKind = 'ip' | 'cidr' | 'domain' | 'url' | 'hash' | 'process';

/** One runnable query. Output columns follow the contract in src/detect/README.md. */
export interface Hunt {
  /** Stable file-name-safe id, e.g. `ip-commonsecuritylog-sentinel` or `…-part-2-of-3`. */
  id: string;
  title: string;
  kind: HuntKind;
  table: string;
  flavour: Flavour;
  /** IOC types this query matches (for `process`: the types of the IOCs that named the family). */
  iocTypes: (IocType | 'process-name')[];
  /** `TimeGenerated` (sentinel) or `Timestamp` (defender). */
  timeColumn: string;
  kql: string;
  /** Tiers the query can emit, with what each means. */
  tiers: { tier: Tier; meaning: string }[];
  description: string;
  /** Names of the false-positive scenarios compiled into the query. */
  exclusionsApplied: string[];
  /** Columns the query matches on (raw evidence). */
  matchColumns: string[];
  /** Entity columns in the output. */
  entityColumns: string[];
  /** How many IOC values this query carries, and its part number when a hunt was split. */
  iocCount: number;
  part: { index: number; of: number };
  /** ATT&CK tactics and techniques for rules built from this hunt. */
  tactics: string[];
  techniques: string[];
  /** For long or split hunts: the same query with its first three values only (the report shows it). */
  preview?: string;
}

export interface PackageFile {
  path: string;
  content: string;
}

export interface PackageSummary {
  families: string[];
  countsByType: Record<string, number>;
  confidence: { min: number; max: number } | null;
  firstSeen: string | null;
  lastSeen: string | null;
  huntedIocs: number;
  flaggedLeftOut: number;
  flaggedIncluded: number;
  invalidSkipped: number;
  /** Entries of the IOC set's own `rejected` list (refused at import). */
  rejectedAtImport: number;
}

export interface DetectionPackage {
  hunts: Hunt[];
  files: PackageFile[];
  summary: PackageSummary;
  /** Problems found while building (e.g. skipped IOCs); never fatal. */
  notes: string[];
}
