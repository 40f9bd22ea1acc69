import { MigrationInterface, QueryRunner } from 'typeorm';

/** The console's one-time sign-in codes (hashes only) and its short-lived sessions. */
export class ConsoleSignIn1733430000000 implements MigrationInterface {
  name = 'ConsoleSignIn1733430000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "console_sign_in_codes" ("code_hash" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_console_sign_in_codes" PRIMARY KEY ("code_hash"))`);
    await queryRunner.query(`CREATE TABLE "console_sessions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "method" text NOT NULL, "operator" text NOT NULL, "permissions" text array NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ended_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_console_sessions" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_console_sessions_expires_at" ON "console_sessions" ("expires_at")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "console_sessions"`);
    await queryRunner.query(`DROP TABLE "console_sign_in_codes"`);
  }
}
