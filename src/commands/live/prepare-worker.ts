import { parentPort, workerData } from 'node:worker_threads'
import { KitError } from '../../core/problems.ts'
import { type Address, type PrepareInput, prepareRoom } from './prepare.ts'

/**
 * Runs `prepareRoom` in a worker thread (live.ts starts it from lib/): the
 * pipeline it loads (marp-core, the font subsetter and its WebAssembly
 * memory, the build) goes away with the worker, and the server keeps only
 * the plain data it returns. Messages: the worker says what it picked,
 * the server answers where the room is, the worker sends what it prepared
 * or the problems it found.
 */
const port = parentPort
if (!port) throw new Error('prepare-worker runs as a worker thread')
const placed = new Promise<Address>((resolve) => port.once('message', (address: Address) => resolve(address)))
prepareRoom(workerData as PrepareInput, async (picked) => {
  port.postMessage({ type: 'picked', picked })
  return placed
})
  .then((prepared) => port.postMessage({ type: 'prepared', prepared }))
  .catch((error: unknown) =>
    port.postMessage({
      type: 'error',
      error: error instanceof KitError ? { problems: error.problems, exitCode: error.exitCode } : { message: error instanceof Error ? (error.stack ?? error.message) : String(error) },
    }),
  )
