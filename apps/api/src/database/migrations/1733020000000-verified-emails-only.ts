import { MigrationInterface, QueryRunner } from 'typeorm';

/** Sign-in no longer stores an address its issuer did not verify; drops those stored before. */
export class VerifiedEmailsOnly1733020000000 implements MigrationInterface {
  name = 'VerifiedEmailsOnly1733020000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`UPDATE "users" SET "email" = NULL WHERE "email" IS NOT NULL AND NOT "email_verified"`);
  }

  async down(): Promise<void> {
    // The dropped addresses are not kept: nothing to restore.
  }
}
