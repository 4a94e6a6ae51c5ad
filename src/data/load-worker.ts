// Worker thread entry: loads one byte range (workerData: RangeJob) and posts the RangeResult, buffers transferred.
import { parentPort, workerData } from 'node:worker_threads';
import { loadRange, type RangeJob } from './range-load.js';
import { transferables } from './column-encoder.js';

const result = await loadRange(workerData as RangeJob);
parentPort!.postMessage(result, transferables(result.columns));
