import { Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { DeliveryWorker } from './delivery-worker';
import { WebhookDispatchRepository } from './webhook-dispatch.repository';
import { WebhookDispatcher } from './webhook-dispatcher';
import { WebhookDeliveriesRepository } from './webhook-deliveries.repository';
import { WebhookSender } from './webhook-sender';
import { WebhooksController } from './webhooks.controller';
import { WebhooksRepository } from './webhooks.repository';
import { WebhooksService } from './webhooks.service';

/** Webhook endpoints, the dispatcher that turns settled events into deliveries, and the senders. */
@Module({
  controllers: [WebhooksController],
  providers: [
    WebhooksRepository,
    WebhookDeliveriesRepository,
    WebhooksService,
    DeliveryWorker,
    WebhookDispatchRepository,
    WebhookDispatcher,
    { provide: WebhookSender, useFactory: (config: AppConfig) => new WebhookSender(config.webhooks), inject: [AppConfig] },
  ],
})
export class WebhooksModule {}
