// Kernels of the geo-shapes geospatial functions (filled in by the geo-shapes work).
import type { ScalarKernel } from './kernel.js';

export const kernels: ScalarKernel[] = [];
