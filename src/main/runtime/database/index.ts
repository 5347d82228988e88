// The ORM: what command files get from 'cmdsys' (re-exported there) and what the runtime uses.
export {
  Model,
  defineModel,
  type FieldName,
  type FieldsOf,
  type Insertable,
  type ModelClass,
  type ModelInstance,
  type ModelValues,
} from './model';
export type { ColumnDef, ModelOptions, ModelSchema } from './model-schema';
export type { ConvertValue, MigrationBuilder, MigrationStep } from './migration-steps';
export {
  Field,
  type AnyField,
  type FieldOptions,
  type FieldValidator,
  type FieldValue,
  type StorageType,
  type StorageValue,
} from './fields/field';
export {
  BlobField,
  BlobFieldType,
  BooleanField,
  BooleanFieldType,
  DateTimeField,
  DateTimeFieldType,
  FloatField,
  FloatFieldType,
  IntegerField,
  IntegerFieldType,
  JsonField,
  JsonFieldType,
  TextField,
  TextFieldType,
} from './fields/builtin';
export {
  AIConstraint,
  AutoIncrement,
  Default,
  DefaultConstraint,
  PK,
  PKConstraint,
  Unique,
  UniqueConstraint,
  type Constraint,
} from './constraints';
export {
  And,
  Eq,
  Equals,
  Filter,
  Ge,
  Gt,
  In,
  IsNull,
  Le,
  Like,
  Lt,
  Ne,
  Not,
  Or,
  escapeLike,
} from './filters';
export { Query, type Where } from './query';
export {
  DatabaseEngine,
  type CreateHook,
  type DatabaseHandle,
  type Transaction,
  type TransactionOptions,
} from './engine';
export type { DatabaseManagerApi } from './database-manager-api';
// for engines: queries arrive as structured, checked plans (see plan.ts), never as SQL text
export type { Assignment, Condition, OrderTerm } from './plan';
export type { QueryPlan, Session, SqlDialect } from './session';
export {
  ConflictError,
  ConstraintError,
  DatabaseError,
  DatabaseUnavailableError,
  ModelDefinitionError,
  QueryError,
  SchemaError,
  StaleRecordError,
  TransactionError,
  UnboundRecordError,
  ValidationError,
} from './errors';
