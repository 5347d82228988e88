import { DatabaseError } from '../errors';
import { isModelClass, pinShape, type ModelClass } from '../model';
import type { ModelSchema } from '../model-schema';

/** What every engine keeps per registered model, at the least. */
export interface TableStateBase {
  schema: ModelSchema;
}

/** Throws unless `model` was made with defineModel. */
export function assertModelClass(model: ModelClass): void {
  if (!isModelClass(model))
    throw new DatabaseError(`not a model class: ${String(model)} (define models with defineModel)`);
}

/**
 * The models registered on one database and the engine's state for each, found by class (a
 * WeakMap, plus the last one looked up so loops over one model skip even that) or by table
 * name (case-insensitive, as both engines compare names). A model the database refused is
 * remembered with its error: using that very definition throws the error again.
 */
export class ModelTables<S extends TableStateBase> {
  private readonly byModel = new WeakMap<ModelClass, S>();
  private readonly byTable = new Map<string, S>();
  private readonly failures = new Map<string, { signature: string; error: Error }>();
  private lastModel: ModelClass | null = null;
  private lastState: S | null = null;

  constructor(private readonly dbId: string) {}

  /** The state of a registered model; DatabaseError (or the recorded refusal) otherwise. */
  get(model: ModelClass): S {
    if (model === this.lastModel) return this.lastState!;
    const state = this.byModel.get(model) ?? this.lookup(model);
    this.lastModel = model;
    this.lastState = state;
    return state;
  }

  private lookup(model: ModelClass): S {
    assertModelClass(model);
    const schema = model.schema;
    const key = schema.table.toLowerCase();
    const failure = this.failures.get(key);
    if (failure && failure.signature === schema.signature) throw failure.error;
    const known = this.byTable.get(key);
    if (known && known.schema.signature === schema.signature) {
      this.byModel.set(model, known);
      return known;
    }
    if (known)
      throw new DatabaseError(
        `model ${schema.name} is not the definition registered on database ${this.dbId} (it changed): register it again`,
      );
    throw new DatabaseError(
      `model ${schema.name} is not registered on database ${this.dbId}: call this.env.database.registerModel(${schema.name}) (every database) or db.register(${schema.name}) (this one) first`,
    );
  }

  has(model: ModelClass): boolean {
    try {
      this.get(model);
      return true;
    } catch {
      return false;
    }
  }

  /** Table names of the registered models, sorted. */
  tableNames(): string[] {
    return [...this.byTable.values()].map((s) => s.schema.table).sort();
  }

  states(): IterableIterator<S> {
    return this.byTable.values();
  }

  /**
   * Starts a registration: forgets the last lookup, checks the class, and binds `model` to the
   * table's state when that very definition is registered already (true: nothing to do).
   */
  reuse(model: ModelClass): boolean {
    this.lastModel = null;
    assertModelClass(model);
    const known = this.byTable.get(model.schema.table.toLowerCase());
    if (known === undefined || known.schema.signature !== model.schema.signature) return false;
    this.byModel.set(model, known);
    pinShape(model);
    return true;
  }

  /** Ends a registration: the model's table now has this state (any refusal is forgotten). */
  store(model: ModelClass, state: S): void {
    const key = model.schema.table.toLowerCase();
    this.byTable.set(key, state);
    this.byModel.set(model, state);
    this.failures.delete(key);
    pinShape(model);
  }

  /** Remembers why the database refused a model (when it is one). */
  refuse(model: ModelClass, error: Error): void {
    this.lastModel = null;
    if (isModelClass(model))
      this.failures.set(model.schema.table.toLowerCase(), { signature: model.schema.signature, error });
  }
}
