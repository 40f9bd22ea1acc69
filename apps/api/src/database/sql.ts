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
 * A template may also interpolate another sql`` template (a fragment), so statements of several shapes can share
 * their parts; each shape is still defined once, under its own name, with one fixed text.
 */

const PARAMETER = Symbol('sql parameter');
/** Marks what sql`` made: a look-alike object cannot pass for a fragment. */
const TEMPLATE = Symbol('sql template');

interface Parameter {
  readonly [PARAMETER]: string;
}

/** What a statement's template receives: one marker per named parameter. */
export type Params<P> = { readonly [K in keyof P]-?: Parameter };

/** A template's result: its text pieces and the parameters between them. */
export interface SqlTemplate {
  readonly strings: readonly string[];
  readonly parameters: readonly string[];
  readonly [TEMPLATE]: true;
}

export function sql(strings: TemplateStringsArray, ...values: Array<Parameter | SqlTemplate>): SqlTemplate {
  const pieces = [strings[0]];
  const parameters: string[] = [];
  values.forEach((value, index) => {
    if (isTemplate(value)) {
      // A fragment (another sql`` template) is spliced in with its own parameters: still no text from a caller.
      pieces[pieces.length - 1] += value.strings[0];
      value.parameters.forEach((parameter, at) => (parameters.push(parameter), pieces.push(value.strings[at + 1])));
      pieces[pieces.length - 1] += strings[index + 1];
      return;
    }
    if (!value || typeof value !== 'object' || !(PARAMETER in value)) throw new Error('sql``: only statement parameters and sql`` fragments may be interpolated; write everything else as SQL');
    parameters.push(value[PARAMETER]);
    pieces.push(strings[index + 1]);
  });
  return { strings: pieces, parameters, [TEMPLATE]: true };
}

/** Nothing: for a fragment a statement's shape leaves out (`${tenant ? sql`AND …` : empty}`). */
export const empty: SqlTemplate = sql``;

function isTemplate(value: unknown): value is SqlTemplate {
  return typeof value === 'object' && value !== null && (value as SqlTemplate)[TEMPLATE] === true;
}

export interface Statement<P> {
  /** Also the prepared statement's name: readable in pg_prepared_statements and in the queries/ files. */
  readonly name: string;
  readonly text: string;
  /**
   * Planned anew for each call's values, never prepared: for statements whose best plan depends on the values
   * (how common a search term is, how large a tenant, how deep a cursor). A named prepared statement switches
   * to one generic plan after five calls when that looks no dearer on average, and at 1M users such a plan
   * was 15× slower for some values.
   */
  readonly planPerCall: boolean;
  /** The values for $1, $2, … in order. */
  values(params: P): unknown[];
}

const statements = new Map<string, Statement<never>>();

export interface StatementOptions {
  /** See Statement.planPerCall. */
  planPerCall?: boolean;
}

export function defineStatement<P extends object = Record<string, never>>(name: string, template: (p: Params<P>) => SqlTemplate, options: StatementOptions = {}): Statement<P> {
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
  const planPerCall = options.planPerCall === true;
  const statement: Statement<P> = { name, text, planPerCall, values: (params) => order.map((key) => (params as Record<string, unknown>)[key]) };
  const existing = statements.get(name);
  if (existing && (existing.text !== text || existing.planPerCall !== planPerCall)) throw new Error(`two statements are named ${name}`);
  statements.set(name, statement as Statement<never>);
  return statement;
}

/** Every statement defined so far, by name. */
export function definedStatements(): ReadonlyArray<Statement<never>> {
  return [...statements.values()].sort((a, b) => a.name.localeCompare(b.name));
}
