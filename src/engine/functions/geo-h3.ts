// Kernels of the geo-h3 geospatial functions (filled in by the geo-h3 work).
import type { ScalarKernel } from './kernel.js';

export const kernels: ScalarKernel[] = [];
