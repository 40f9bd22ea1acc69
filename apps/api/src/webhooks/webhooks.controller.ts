import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { CreatedWebhook, CreateWebhookRequest, UpdateWebhookRequest, Webhook, WebhookTest, WebhookCollection, WebhookDeliveryCollection, WebhookPageQuery, WebhookSecret } from '@roster/dto';
import { RequirePermission } from '../auth/access.decorators';
import { ErrorCode } from '../errors/app-error';
import { Attributed } from '../events/attributed.decorator';
import { Attribution } from '../events/attribution';
import { ApiErrors } from '../openapi/api-errors.decorator';
import { WebhooksService } from './webhooks.service';

/** Webhook endpoints: signed deliveries (Standard Webhooks) of the events they subscribe to, with their record. */
@Controller('v1/webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  /** The signing secret is in this response only. */
  @Post()
  @RequirePermission('webhooks:write')
  createWebhook(@Attributed() by: Attribution, @Body() body: CreateWebhookRequest): Promise<CreatedWebhook> {
    return this.webhooks.create(by, body);
  }

  @Get()
  @RequirePermission('webhooks:read')
  getWebhooks(@Query() query: WebhookPageQuery): Promise<WebhookCollection> {
    return this.webhooks.list(query);
  }

  @Get(':webhookId')
  @RequirePermission('webhooks:read')
  @ApiErrors(ErrorCode.NotFound)
  getWebhook(@Param('webhookId') webhookId: string): Promise<Webhook> {
    return this.webhooks.get(webhookId);
  }

  @Patch(':webhookId')
  @RequirePermission('webhooks:write')
  @ApiErrors(ErrorCode.NotFound)
  updateWebhook(@Attributed() by: Attribution, @Param('webhookId') webhookId: string, @Body() body: UpdateWebhookRequest): Promise<Webhook> {
    return this.webhooks.update(by, webhookId, body);
  }

  /** Its pending deliveries are dropped. */
  @Delete(':webhookId')
  @RequirePermission('webhooks:write')
  @ApiErrors(ErrorCode.NotFound)
  @HttpCode(204)
  deleteWebhook(@Attributed() by: Attribution, @Param('webhookId') webhookId: string): Promise<void> {
    return this.webhooks.remove(by, webhookId);
  }

  /** A new secret, shown once; for a day deliveries carry a second signature with the previous one. */
  @Post(':webhookId/rotate-secret')
  @RequirePermission('webhooks:write')
  @ApiErrors(ErrorCode.NotFound)
  @HttpCode(200)
  rotateWebhookSecret(@Attributed() by: Attribution, @Param('webhookId') webhookId: string): Promise<WebhookSecret> {
    return this.webhooks.rotateSecret(by, webhookId);
  }

  /** Records a `webhook.test` event, delivered to this endpoint only; follow it in the deliveries. */
  @Post(':webhookId/test')
  @RequirePermission('webhooks:write')
  @ApiErrors(ErrorCode.NotFound)
  @HttpCode(202)
  testWebhook(@Attributed() by: Attribution, @Param('webhookId') webhookId: string): Promise<WebhookTest> {
    return this.webhooks.test(by, webhookId);
  }

  /** Each delivery with its attempts, newest first. */
  @Get(':webhookId/deliveries')
  @RequirePermission('webhooks:read')
  @ApiErrors(ErrorCode.NotFound)
  getWebhookDeliveries(@Param('webhookId') webhookId: string, @Query() query: WebhookPageQuery): Promise<WebhookDeliveryCollection> {
    return this.webhooks.listDeliveries(webhookId, query);
  }

  /** Sends the delivery again soon, with a fresh retry window (409 while the endpoint is disabled). */
  @Post(':webhookId/deliveries/:deliveryId/retry')
  @RequirePermission('webhooks:write')
  @ApiErrors(ErrorCode.NotFound, ErrorCode.Conflict)
  @HttpCode(202)
  retryWebhookDelivery(@Param('webhookId') webhookId: string, @Param('deliveryId') deliveryId: string): Promise<void> {
    return this.webhooks.retryDelivery(webhookId, deliveryId);
  }
}
