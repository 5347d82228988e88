/**
 * Column constraints. `PK()` and friends are the short forms; the classes carry the seed's
 * names (`new PKConstraint()`, `new AIConstraint()`). The ORM adds NOT NULL itself: every field
 * is NOT NULL unless it is declared with `null: true`.
 */
export class PKConstraint {
  readonly kind = 'pk' as const;
}

/** AUTOINCREMENT: only on a single INTEGER primary key; the database assigns it on insert. */
export class AIConstraint {
  readonly kind = 'autoincrement' as const;
}

export class UniqueConstraint {
  readonly kind = 'unique' as const;
}

/** A default used for new instances and for columns added to an existing table. */
export class DefaultConstraint<T = unknown> {
  readonly kind = 'default' as const;
  constructor(readonly value: T) {}
}

export type Constraint = PKConstraint | AIConstraint | UniqueConstraint | DefaultConstraint;

export const PK = (): PKConstraint => new PKConstraint();
export const AutoIncrement = (): AIConstraint => new AIConstraint();
export const Unique = (): UniqueConstraint => new UniqueConstraint();
export const Default = <T>(value: T): DefaultConstraint<T> => new DefaultConstraint(value);

/** Type level: does a constraint list contain a PKConstraint? */
export type HasPKConstraint<C> = C extends readonly unknown[]
  ? [Extract<C[number], PKConstraint>] extends [never]
    ? false
    : true
  : false;
