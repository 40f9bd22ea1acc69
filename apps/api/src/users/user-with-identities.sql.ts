import { DataSource, EntityMetadata } from 'typeorm';
import { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { PreparedStatements } from '../database/prepared-statements';
import { IdentityEntity } from './identity.entity';
import { UserEntity } from './user.entity';

interface Shape {
  metadata: EntityMetadata;
  columns: ColumnMetadata[];
}

/**
 * One live user and their identities in one statement: the user row joined with each identity, columns
 * taken from the entities' metadata and hydrated as TypeORM hydrates them. The hottest reads (a profile, a
 * UserIdentity) took two TypeORM queries, whose query building cost more CPU than PostgreSQL spent on them.
 */
export class UserWithIdentitiesReader {
  private shapes?: { user: Shape; identity: Shape; select: string };
  /** Each statement's text, built once: the same string every call, so naming it costs one short lookup. */
  private readonly texts = new Map<string, string>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly statements: PreparedStatements,
  ) {}

  /** `where` and `order` are SQL over the users table's columns, with `parameters` as $1, $2, ... */
  async read(where: string, parameters: unknown[], order = ''): Promise<{ user: UserEntity; identities: IdentityEntity[] } | null> {
    const text = this.text(`read\0${where}\0${order}`, (select) =>
      `SELECT ${select} FROM (SELECT * FROM "users" WHERE (${where}) AND "deleting_at" IS NULL ${order} LIMIT 1) u
         LEFT JOIN "identities" i ON i."user_id" = u."id" ORDER BY i."created_at"`,
    );
    const rows = await this.statements.query(text, parameters);
    return this.fromRows(rows);
  }

  /**
   * One statement: updates the live user `id` ($1) with `set` (SQL over the users table's columns, values
   * from $2), bumps its version, and returns it with its identities. `returning` adds expressions over the
   * new row to RETURNING, evaluated once when a row changed (a NOTIFY, say). Null when no row matched.
   */
  async update(id: string, set: string, parameters: unknown[], condition = '', returning = ''): Promise<{ user: UserEntity; identities: IdentityEntity[] } | null> {
    const text = this.text(`update\0${set}\0${condition}\0${returning}`, (select) =>
      `WITH u AS (UPDATE "users" SET ${set}, "updated_at" = now(), "version" = "version" + 1
                   WHERE "id" = $1 AND "deleting_at" IS NULL ${condition} RETURNING *${returning ? `, ${returning}` : ''})
       SELECT ${select} FROM u LEFT JOIN "identities" i ON i."user_id" = u."id" ORDER BY i."created_at"`,
    );
    const rows = await this.statements.query(text, [id, ...parameters]);
    return this.fromRows(rows);
  }

  private text(key: string, build: (select: string) => string): string {
    let text = this.texts.get(key);
    if (text === undefined) this.texts.set(key, (text = build(this.shape().select)));
    return text;
  }

  private fromRows(rows: Array<Record<string, unknown>>): { user: UserEntity; identities: IdentityEntity[] } | null {
    const { user, identity } = this.shape();
    if (rows.length === 0) return null;
    return {
      user: this.hydrate<UserEntity>(user, rows[0], 'u.'),
      identities: rows.filter((row) => row['i.id'] !== null).map((row) => this.hydrate<IdentityEntity>(identity, row, 'i.')),
    };
  }

  private shape() {
    if (!this.shapes) {
      const shape = (target: typeof UserEntity | typeof IdentityEntity): Shape => {
        const metadata = this.dataSource.getMetadata(target);
        return { metadata, columns: metadata.columns.filter((column) => !column.relationMetadata || column.propertyName !== column.relationMetadata.propertyName) };
      };
      const user = shape(UserEntity);
      const identity = shape(IdentityEntity);
      const list = (alias: string, { columns }: Shape) => columns.map((column) => `${alias}."${column.databaseName}" AS "${alias}.${column.propertyName}"`);
      this.shapes = { user, identity, select: [...list('u', user), ...list('i', identity)].join(', ') };
    }
    return this.shapes;
  }

  private hydrate<T>({ metadata, columns }: Shape, row: Record<string, unknown>, prefix: string): T {
    const entity = metadata.create() as Record<string, unknown>;
    const driver = this.dataSource.driver;
    for (const column of columns) entity[column.propertyName] = driver.prepareHydratedValue(row[`${prefix}${column.propertyName}`], column);
    return entity as T;
  }
}
