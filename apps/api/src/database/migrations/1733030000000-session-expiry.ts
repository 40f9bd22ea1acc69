import { MigrationInterface, QueryRunner } from 'typeorm';

/** The latest `exp` of a session's tokens: an ended session may be pruned only after it (null: unknown, kept). */
export class SessionExpiry1733030000000 implements MigrationInterface {
  name = 'SessionExpiry1733030000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "sessions" ADD "expires_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`CREATE INDEX "IDX_sessions_expires_at" ON "sessions" ("expires_at")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_sessions_expires_at"`);
    await queryRunner.query(`ALTER TABLE "sessions" DROP COLUMN "expires_at"`);
  }
}
