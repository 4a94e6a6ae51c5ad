// Signatures of the geo-shapes geospatial functions (filled in by the geo-shapes work).
import type { ScalarFunctionSig } from '../function-sig.js';

export const signatures: ScalarFunctionSig[] = [];
