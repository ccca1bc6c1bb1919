import { parentPort } from 'node:worker_threads';
import { checkRows, type RowCheckInput } from './row-checks';

/** A worker thread of the validation (row-checkers.ts): checks each batch of rows it is sent and sends the results back. */
parentPort!.on('message', ({ id, input }: { id: number; input: RowCheckInput }) => {
  try {
    parentPort!.postMessage({ id, results: checkRows(input) });
  } catch (error) {
    parentPort!.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
