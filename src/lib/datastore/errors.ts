// Datastore errors with libcalico-go's exact texts (calicoctl prints them verbatim).
// Identifiers print as `Kind(name)` or `Kind(namespace/name)`.

export class DatastoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatastoreError';
  }
}

export class ResourceDoesNotExistError extends DatastoreError {
  constructor(readonly identifier: string) {
    super(`resource does not exist: ${identifier} with error: <nil>`);
    this.name = 'ResourceDoesNotExistError';
  }
}

export class ResourceAlreadyExistsError extends DatastoreError {
  constructor(
    readonly identifier: string,
    cause = '<nil>',
  ) {
    super(`resource already exists: ${identifier} with error: ${cause}`);
    this.name = 'ResourceAlreadyExistsError';
  }
}

export class UpdateConflictError extends DatastoreError {
  constructor(readonly identifier: string) {
    super(`update conflict: ${identifier}`);
    this.name = 'UpdateConflictError';
  }
}

export class OperationNotSupportedError extends DatastoreError {
  constructor(
    readonly operation: string,
    readonly identifier: string,
    readonly reason?: string,
  ) {
    super(reason ? `operation ${operation} is not supported on ${identifier}: ${reason}` : `operation ${operation} is not supported on ${identifier}`);
    this.name = 'OperationNotSupportedError';
  }
}

export class UnauthorizedError extends DatastoreError {
  constructor(cause: string) {
    super(`connection is unauthorized: ${cause}`);
    this.name = 'UnauthorizedError';
  }
}

/** No endpoint answered within the request timeout (connection refused, TLS failure, timeouts). */
export class EtcdUnreachableError extends DatastoreError {
  constructor(
    message: string,
    /** An attempt may have reached etcd: a write may have been applied after all. */
    readonly maybeApplied = false,
  ) {
    super(message);
    this.name = 'EtcdUnreachableError';
  }
}

/** An all-or-nothing write that wrote nothing: the errors of the items that prevented it, in input order. */
export class AtomicWriteError extends DatastoreError {
  constructor(readonly failures: ReadonlyArray<{index: number; error: Error}>) {
    super(failures.map((f) => f.error.message).join('; '));
    this.name = 'AtomicWriteError';
  }
}

export class InsufficientIdentifiersError extends DatastoreError {
  constructor(field: string) {
    super(`insufficient identifiers, missing '${field}'`);
    this.name = 'InsufficientIdentifiersError';
  }
}

export interface ErroredField {
  name: string;
  value?: unknown;
  reason?: string;
}

/** libcalico-go's ErrorValidation text: one field inline, several as a list. */
export class ValidationFailedError extends DatastoreError {
  constructor(readonly fields: ErroredField[]) {
    super(formatValidation(fields));
    this.name = 'ValidationFailedError';
  }
}

function fieldText(f: ErroredField): string {
  let s = f.name;
  if (f.value !== undefined && f.value !== null) s += ` = '${typeof f.value === 'object' ? JSON.stringify(f.value) : String(f.value)}'`;
  if (f.reason) s += ` (${f.reason})`;
  return s;
}

function formatValidation(fields: ErroredField[]): string {
  if (fields.length === 0) return 'unknown validation error';
  if (fields.length === 1) return `error with field ${fieldText(fields[0])}`;
  return 'error with the following fields:\n' + fields.map((f) => `-  ${fieldText(f)}\n`).join('');
}
