import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateAuth1732400000000 implements MigrationInterface {
  name = 'CreateAuth1732400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "identities" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "issuer" text NOT NULL, "subject" text NOT NULL, "provider" text NOT NULL DEFAULT 'UNKNOWN', "connection" text, "is_social" boolean NOT NULL DEFAULT false, "profile_data" jsonb, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_identities_issuer_subject" UNIQUE ("issuer", "subject"), CONSTRAINT "PK_7b2f8cccf4ac6a2d7e6e9e8b1f6" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_identities_user_id" ON "identities" ("user_id")`);
    await queryRunner.query(`ALTER TABLE "identities" ADD CONSTRAINT "FK_88e77c008cfcfa6a87027a99bde" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);

    await queryRunner.query(`CREATE TABLE "sessions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "issuer" text NOT NULL, "sid" text, "token_hashes" text array NOT NULL DEFAULT '{}', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "ended_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_3238ef96f18b355b671619111bc" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_sessions_user_id" ON "sessions" ("user_id")`);
    await queryRunner.query(`CREATE INDEX "IDX_sessions_issuer_sid" ON "sessions" ("issuer", "sid")`);
    await queryRunner.query(`CREATE INDEX "IDX_sessions_token_hashes" ON "sessions" USING gin ("token_hashes")`);
    await queryRunner.query(`ALTER TABLE "sessions" ADD CONSTRAINT "FK_085d540d9f418cfbdc7bd55bb19" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);

    await queryRunner.query(`CREATE TABLE "signing_keys" ("kid" text NOT NULL, "sealed_private_key" text NOT NULL, "public_jwk" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "retired_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_13362ac3e792c69417e1a53d355" PRIMARY KEY ("kid"))`);

    await queryRunner.query(`CREATE TABLE "revocation_epoch" ("id" integer NOT NULL DEFAULT '1', "value" bigint NOT NULL DEFAULT '0', CONSTRAINT "PK_7c24a537c4b684f9648ed7631b8" PRIMARY KEY ("id"))`);
    await queryRunner.query(`INSERT INTO "revocation_epoch" ("id", "value") VALUES (1, 0)`);

    await queryRunner.query(`CREATE TABLE "service_clients" ("id" text NOT NULL, "name" text NOT NULL, "permissions" text array NOT NULL DEFAULT '{}', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_816acbf53de1e1ddbbf35863271" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "service_client_keys" ("client_id" text NOT NULL, "key_id" text NOT NULL, "public_key" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_aada6b6859d53a981e5d2fd3d6c" PRIMARY KEY ("client_id", "key_id"))`);
    await queryRunner.query(`ALTER TABLE "service_client_keys" ADD CONSTRAINT "FK_e132f68adfed129c5cb3f5e7fc6" FOREIGN KEY ("client_id") REFERENCES "service_clients"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "service_client_keys", "service_clients", "revocation_epoch", "signing_keys", "sessions", "identities"`);
  }
}
