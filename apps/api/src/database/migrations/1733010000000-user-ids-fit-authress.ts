import { randomBytes } from 'node:crypto';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { userIdFor } from '../../users/authress-user-id';

const BATCH = 500;

/**
 * userIds used to be the creating identity's raw `sub`: rewrites those the Authress contract refuses or that
 * read as a uuid, by the rule sign-in now applies (userIdFor). The raw subject stays on the identity.
 * Idempotent: a rewritten userId fits, so a repeated run finds nothing.
 */
export class UserIdsFitAuthress1733010000000 implements MigrationInterface {
  name = 'UserIdsFitAuthress1733010000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (;;) {
      const rows: Array<{ id: string; user_id: string }> = await queryRunner.query(
        `SELECT "id", "user_id" FROM "users"
          WHERE "user_id" !~ '^[A-Za-z0-9+._|/~:@ -]{1,128}$' OR regexp_replace("user_id", '[-{}[:space:]]', '', 'g') ~* '^[0-9a-f]{32}$'
          ORDER BY "id" LIMIT ${BATCH}`,
      );
      for (const row of rows) {
        const derived = userIdFor(row.user_id);
        const [taken] = await queryRunner.query(`SELECT 1 FROM "users" WHERE "user_id" = $1`, [derived]);
        const userId = taken ? `${derived.slice(0, 119)}~${randomBytes(4).toString('hex')}` : derived;
        await queryRunner.query(`UPDATE "users" SET "user_id" = $2 WHERE "id" = $1`, [row.id, userId]);
      }
      if (rows.length < BATCH) return;
    }
  }

  async down(): Promise<void> {
    // The old userIds are not kept: nothing to restore.
  }
}
