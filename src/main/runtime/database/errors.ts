/** Base class of every error the ORM throws on purpose (never a raw driver error for bad input). */
export class DatabaseError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DatabaseError';
  }
}

/** A model, field or name that cannot be defined (bad identifier, two auto-increments, …). */
export class ModelDefinitionError extends DatabaseError {
  constructor(message: string) {
    super(message);
    this.name = 'ModelDefinitionError';
  }
}

/**
 * The table on disk and the model disagree in a way the ORM will not fix on its own
 * (type change, removed primary key, new NOT NULL column without a default, …).
 */
export class SchemaError extends DatabaseError {
  constructor(
    readonly model: string,
    readonly column: string | null,
    message: string,
  ) {
    super(message);
    this.name = 'SchemaError';
  }
}

/** A record's values are not acceptable (type, null, length, custom validator). */
export class ValidationError extends DatabaseError {
  constructor(
    readonly model: string,
    readonly problems: { field: string; message: string }[],
  ) {
    super(`invalid ${model}: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`);
    this.name = 'ValidationError';
  }
}

/** A query that cannot be built (unknown field, bad filter value, bad limit). */
export class QueryError extends DatabaseError {
  constructor(message: string) {
    super(message);
    this.name = 'QueryError';
  }
}

/** An operation that needs a record stored in the database (delete) on one that is not. */
export class UnboundRecordError extends DatabaseError {
  constructor(message: string) {
    super(message);
    this.name = 'UnboundRecordError';
  }
}

/** The row a bound record stands for is gone (deleted by another command meanwhile). */
export class StaleRecordError extends DatabaseError {
  constructor(message: string) {
    super(message);
    this.name = 'StaleRecordError';
  }
}

/**
 * A save of a record with a versionField whose row was saved by someone else since the record
 * was loaded: reload it, apply the change again, save again.
 */
export class ConflictError extends DatabaseError {
  constructor(message: string) {
    super(message);
    this.name = 'ConflictError';
  }
}

/** A transaction handle used after its transaction ended, or a transaction that timed out. */
export class TransactionError extends DatabaseError {
  constructor(message: string) {
    super(message);
    this.name = 'TransactionError';
  }
}

/**
 * A database that cannot be opened or used (damaged or unreadable file, closed). `message` is
 * for the log (it names the file); `userMessage` is what a chat user is told.
 */
export class DatabaseUnavailableError extends DatabaseError {
  readonly userMessage: string;

  constructor(
    readonly dbId: string,
    message: string,
    options?: { cause?: unknown; reason?: string },
  ) {
    super(message, options);
    this.name = 'DatabaseUnavailableError';
    this.userMessage = `The database "${dbId}" cannot be used right now (${options?.reason ?? 'it cannot be opened'}); the bot's owner finds the details in the log.`;
  }
}

/** The database refused a write for a constraint (UNIQUE, PRIMARY KEY, NOT NULL, …). */
export class ConstraintError extends DatabaseError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ConstraintError';
  }
}
