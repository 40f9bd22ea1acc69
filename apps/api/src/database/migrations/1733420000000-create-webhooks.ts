import { MigrationInterface, QueryRunner } from 'typeorm';

/** Webhook endpoints, their deliveries (the delivery queue and its record), attempts and the dispatcher's feed position. */
export class CreateWebhooks1733420000000 implements MigrationInterface {
  name = 'CreateWebhooks1733420000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "webhooks" ("webhook_id" text NOT NULL, "url" text NOT NULL, "description" text, "event_types" text array NOT NULL, "exclude_actor_client_ids" text array NOT NULL DEFAULT '{}', "secret_sealed" text NOT NULL, "previous_secret_sealed" text, "previous_secret_expires_at" TIMESTAMP WITH TIME ZONE, "disabled_at" TIMESTAMP WITH TIME ZONE, "disabled_reason" text, "failing_since" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_10ff19207b489550b9c7c9d7872" PRIMARY KEY ("webhook_id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_webhooks_created_at_id" ON "webhooks" ("created_at", "webhook_id")`);
    await queryRunner.query(`CREATE TABLE "webhook_deliveries" ("delivery_id" uuid NOT NULL DEFAULT gen_random_uuid(), "webhook_id" text NOT NULL, "event_id" uuid NOT NULL, "event_type" text NOT NULL, "payload" text NOT NULL, "status" text NOT NULL DEFAULT 'pending', "attempts" integer NOT NULL DEFAULT '0', "next_attempt_at" TIMESTAMP WITH TIME ZONE DEFAULT now(), "leased_until" TIMESTAMP WITH TIME ZONE, "retrying_since" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_webhook_deliveries_webhook_event" UNIQUE ("webhook_id", "event_id"), CONSTRAINT "PK_6c1db1ec505a69c927e3c4dcee4" PRIMARY KEY ("delivery_id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_webhook_deliveries_list" ON "webhook_deliveries" ("webhook_id", "created_at", "delivery_id")`);
    // What the senders claim: an endpoint's due deliveries, oldest due first; and its in-flight count (the cap).
    await queryRunner.query(`CREATE INDEX "IDX_webhook_deliveries_due" ON "webhook_deliveries" ("webhook_id", "next_attempt_at") WHERE "status" = 'pending'`);
    await queryRunner.query(`CREATE INDEX "IDX_webhook_deliveries_leased" ON "webhook_deliveries" ("webhook_id", "leased_until") WHERE "leased_until" IS NOT NULL`);
    await queryRunner.query(`CREATE TABLE "webhook_delivery_attempts" ("delivery_id" uuid NOT NULL, "attempt" integer NOT NULL, "attempted_at" TIMESTAMP WITH TIME ZONE NOT NULL, "duration_ms" integer NOT NULL, "response_status" integer, "error" text, "response_body" text, CONSTRAINT "PK_7cb191a8ef5167bf3e33cfa2cae" PRIMARY KEY ("delivery_id", "attempt"))`);
    await queryRunner.query(`CREATE TABLE "webhook_dispatch_position" ("name" text NOT NULL, "position" jsonb, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ecdde73cf89803cb982a22d9f8c" PRIMARY KEY ("name"))`);
    await queryRunner.query(`ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "FK_a0286aeb96db651efd1ae2966f2" FOREIGN KEY ("webhook_id") REFERENCES "webhooks"("webhook_id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "webhook_delivery_attempts" ADD CONSTRAINT "FK_647916c401c0c275df5f00c148f" FOREIGN KEY ("delivery_id") REFERENCES "webhook_deliveries"("delivery_id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "webhook_dispatch_position", "webhook_delivery_attempts", "webhook_deliveries", "webhooks"`);
  }
}
