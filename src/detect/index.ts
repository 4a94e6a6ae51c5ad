// Public entry of src/detect: IOC set → detection package (hunts, rules, report) and the pieces `hunt` needs.
export { buildPackage, familyLabel, SENTINEL_QUERY_LIMIT, type BuildOptions } from './package.js';
export { writePackage } from './write.js';
export type { DetectionPackage, Hunt, HuntKind, Flavour, Tier, PackageFile, PackageSummary } from './model.js';
export {
  parseExclusions, loadExclusionFile, loadDefaultExclusions, mergeExclusions, compileScenario, exclusionWhere,
  ExclusionFileError, DEFAULT_EXCLUSIONS_PATH, CONDITION_KEYS, type ExclusionScenario, type ConditionKey,
} from './exclusions.js';
export { kqlString } from './kql-literal.js';
export { defang } from './markdown.js';
export { processNameForFamily } from './hunt-files.js';
export { validateAnalyticsRule, validateHuntingQuery } from './sentinel-validate.js';
