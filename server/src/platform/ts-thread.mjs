// A worker_threads entry that runs a TypeScript module through tsx: a worker's entry must be JavaScript, and
// the parent's `--import tsx` hooks do not reach a worker on Node 20. workerData: { entry: file URL, data }.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
