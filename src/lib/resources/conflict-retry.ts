// Read-modify-write commands (label, patch) re-read and retry when another writer got in between, as
// calicoctl's apply/replace without a resourceVersion do (5 attempts); the last conflict is reported.
import {UpdateConflictError} from '../datastore/errors.js';

const ATTEMPTS = 5;

/** Runs `attempt` until it does not throw UpdateConflictError, at most 5 times, with short random pauses. */
export async function retryOnConflict<T>(attempt: () => Promise<T>, sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (err) {
      if (!(err instanceof UpdateConflictError) || i >= ATTEMPTS) throw err;
      // Random spread so that writers who collided do not collide again.
      await sleep(20 + Math.floor(Math.random() * 80 * i));
    }
  }
}
