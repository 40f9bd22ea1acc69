import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateTenants1732600000000 implements MigrationInterface {
  name = 'CreateTenants1732600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "tenants" ("tenant_id" text NOT NULL, "lookup_identifier" text, "name" text, "domains" text array NOT NULL DEFAULT '{}', "connection_id" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_tenants_lookup_identifier" UNIQUE ("lookup_identifier"), CONSTRAINT "PK_2bc5fb666b382723700bb4c1e76" PRIMARY KEY ("tenant_id"))`);
    await queryRunner.query(`CREATE TABLE "tenant_users" ("user_id" uuid NOT NULL, "tenant_id" text NOT NULL, "linked_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d53e87bfe2cfc2bf22180bb5f73" PRIMARY KEY ("user_id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_tenant_users_tenant_id" ON "tenant_users" ("tenant_id")`);
    await queryRunner.query(`ALTER TABLE "tenant_users" ADD CONSTRAINT "FK_d53e87bfe2cfc2bf22180bb5f73" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "tenant_users" ADD CONSTRAINT "FK_85a7f13b3f434940151fb44f4c1" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("tenant_id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    // The list order of GET /v1/users: keyset pagination on (created_at, id) walks this index.
    await queryRunner.query(`CREATE INDEX "IDX_users_created_at_id" ON "users" ("created_at", "id")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_users_created_at_id"`);
    await queryRunner.query(`DROP TABLE "tenant_users", "tenants"`);
  }
}
