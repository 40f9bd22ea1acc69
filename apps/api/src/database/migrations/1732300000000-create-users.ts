import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateUsers1732300000000 implements MigrationInterface {
  name = 'CreateUsers1732300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(`
      CREATE TABLE "users" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "user_id" text NOT NULL,
        "email" text,
        "email_verified" boolean NOT NULL DEFAULT false,
        "name" text,
        "username" text,
        "picture" text,
        "vanityname" text,
        "aesthetics" jsonb NOT NULL DEFAULT '{}',
        "beta" jsonb,
        "metadata" jsonb,
        "tokens_valid_after" timestamptz,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        "version" integer NOT NULL DEFAULT 1,
        "deleting_at" timestamptz,
        CONSTRAINT "PK_users_id" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_users_user_id" UNIQUE ("user_id")
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX "users_vanityname_lower_key" ON "users" (lower("vanityname"))`);
    // One trigram index over every searchable text field; fields are joined by a newline, which filters may not contain.
    await queryRunner.query(`
      CREATE INDEX "users_search_trgm" ON "users" USING gin (
        (lower("user_id" || E'\\n' || coalesce("name", '') || E'\\n' || coalesce("email", '') || E'\\n' || coalesce("username", '') || E'\\n' || coalesce("vanityname", ''))) gin_trgm_ops
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "users"`);
  }
}
