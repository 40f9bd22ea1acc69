import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateDeletedIdentities1732700000000 implements MigrationInterface {
  name = 'CreateDeletedIdentities1732700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "deleted_identities" ("issuer" text NOT NULL, "subject" text NOT NULL, "deleted_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_deleted_identities" PRIMARY KEY ("issuer", "subject"))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "deleted_identities"`);
  }
}
