// Signatures of the geo-h3 geospatial functions (filled in by the geo-h3 work).
import type { ScalarFunctionSig } from '../function-sig.js';

export const signatures: ScalarFunctionSig[] = [];
