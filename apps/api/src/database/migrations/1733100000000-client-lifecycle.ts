import { MigrationInterface, QueryRunner } from 'typeorm';

/** Soft-deleted service clients and the last use of each access key. */
export class ClientLifecycle1733100000000 implements MigrationInterface {
  name = 'ClientLifecycle1733100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "service_clients" ADD "deleted_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "service_client_keys" ADD "last_used_at" TIMESTAMP WITH TIME ZONE`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "service_client_keys" DROP COLUMN "last_used_at"`);
    await queryRunner.query(`ALTER TABLE "service_clients" DROP COLUMN "deleted_at"`);
  }
}
