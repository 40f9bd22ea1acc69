/**
 * SQL that reads as SQL. A statement is defined once, by name, as a tagged template over its named parameters:
 *
 *   const findById = defineStatement('users.findById', (p: Params<{ id: string }>) => sql`SELECT * FROM users WHERE id = ${p.id}`);
 *   runner.query(findById, { id });
 *
 * The template is evaluated once, at definition, with opaque parameter markers: each parameter becomes a numbered
 * placeholder where it stands ($1, $2, …; the same parameter twice is the same placeholder), so every statement has
 * one fixed text (one prepared form) and no caller can splice SQL into it. Every defined statement is listed by
 * `definedStatements()`, which the `sql` CLI command writes to apps/api/src/queries/ for review (CI checks they are current).
 */

const PARAMETER = Symbol('sql parameter');

interface Parameter {
  readonly [PARAMETER]: string;
}

/** What a statement's template receives: one marker per named parameter. */
export type Params<P> = { readonly [K in keyof P]: Parameter };

/** A template's result: its text pieces and the parameters between them. */
export interface SqlTemplate {
  readonly strings: readonly string[];
  readonly parameters: readonly string[];
}

export function sql(strings: TemplateStringsArray, ...values: Parameter[]): SqlTemplate {
  const parameters = values.map((value) => {
    if (!value || typeof value !== 'object' || !(PARAMETER in value)) throw new Error('sql``: only statement parameters may be interpolated; write everything else as SQL');
    return value[PARAMETER];
  });
  return { strings: [...strings], parameters };
}

export interface Statement<P> {
  /** Also the prepared statement's name: readable in pg_prepared_statements and in the queries/ files. */
  readonly name: string;
  readonly text: string;
  /** The values for $1, $2, … in order. */
  values(params: P): unknown[];
}

const statements = new Map<string, Statement<never>>();

export function defineStatement<P extends object = Record<string, never>>(name: string, template: (p: Params<P>) => SqlTemplate): Statement<P> {
  if (!/^[a-z][A-Za-z]*\.[a-z][A-Za-z]*$/.test(name)) throw new Error(`statement name ${name} is not area.operation`);
  const markers = new Proxy({}, { get: (_, key) => ({ [PARAMETER]: String(key) }) }) as Params<P>;
  const { strings, parameters } = template(markers);
  const order: string[] = [];
  const text = strings
    .map((piece, index) => {
      if (index === parameters.length) return piece;
      let position = order.indexOf(parameters[index]);
      if (position < 0) position = order.push(parameters[index]) - 1;
      return `${piece}$${position + 1}`;
    })
    .join('')
    .replace(/\n\s*/g, '\n  ')
    .trim();
  const statement: Statement<P> = { name, text, values: (params) => order.map((key) => (params as Record<string, unknown>)[key]) };
  const existing = statements.get(name);
  if (existing && existing.text !== text) throw new Error(`two statements are named ${name}`);
  statements.set(name, statement as Statement<never>);
  return statement;
}

/** Every statement defined so far, by name. */
export function definedStatements(): ReadonlyArray<Statement<never>> {
  return [...statements.values()].sort((a, b) => a.name.localeCompare(b.name));
}
