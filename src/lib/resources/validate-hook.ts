// Bridge to the validation library (src/lib/validation), which calicoctl runs inside clientv3 before
// every write. Resolved at run time so writes keep working while that library is absent or changing.
import {ValidationFailedError} from '../datastore/errors.js';
import type {CalicoResource} from '../resource.js';

type Validator = (resource: CalicoResource) => Error | undefined;

interface ValidationModule {
  /** Preferred: returns issues for one resource. */
  validateResource?: (resource: CalicoResource) => unknown;
}

function toError(result: unknown): Error | undefined {
  if (!result) return undefined;
  if (result instanceof Error) return result;
  if (Array.isArray(result)) {
    if (result.length === 0) return undefined;
    return new ValidationFailedError(
      result.map((i: {path?: string; message?: string; value?: unknown}) => ({name: i.path ?? '', value: i.value, reason: i.message})),
    );
  }
  if (typeof result === 'object' && 'valid' in (result as object)) {
    const r = result as {valid: boolean; error?: Error; message?: string};
    return r.valid ? undefined : (r.error ?? new Error(r.message ?? 'invalid resource'));
  }
  return undefined;
}

/** The validator to run before writing, or a no-op when the validation library offers none. */
export async function resourceValidator(): Promise<Validator> {
  let mod: ValidationModule | undefined;
  try {
    const path = '../validation/index.js';
    mod = (await import(path)) as ValidationModule;
  } catch {
    mod = undefined;
  }
  const fn = mod?.validateResource;
  if (typeof fn !== 'function') return () => undefined;
  return (resource) => {
    try {
      return toError(fn(resource));
    } catch (err) {
      return err as Error;
    }
  };
}
