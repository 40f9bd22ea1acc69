import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsInt, IsOptional, IsString, IsUrl, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { Pagination, CollectionLinks } from './user-identity-collection.dto';

const NO_CONTROL = /^[^\p{Cc}]*$/u;
/** `*`, a type such as `user.updated`, or a prefix such as `user.*`. */
const EVENT_TYPE_PATTERN = /^(\*|[a-z_]+(\.[a-z_]+)*(\.\*)?)$/;
const EVENT_TYPES_MESSAGE = 'eventTypes must each be "*", an event type such as "user.updated", or a prefix such as "user.*"';
const URL_OPTIONS = { protocols: ['http', 'https'], require_protocol: true, require_tld: false, allow_underscores: true };

/** POST /v1/webhooks body. */
export class CreateWebhookRequest {
  /** Where deliveries are POSTed: https (http and private addresses only with WEBHOOK_ALLOW_PRIVATE_NETWORKS=true). */
  @IsString() @MaxLength(2048) @IsUrl(URL_OPTIONS, { message: 'url must be an http(s) URL' })
  url: string;

  /** The event types sent: `["*"]` for all, exact types, or prefixes such as `user.*`. */
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(50) @Matches(EVENT_TYPE_PATTERN, { each: true, message: EVENT_TYPES_MESSAGE })
  eventTypes: string[];

  @IsOptional() @IsString() @MaxLength(256) @Matches(NO_CONTROL, { message: 'description must not contain control characters' })
  description?: string;

  /** Echo suppression: events caused by these service clients are not sent to this endpoint. */
  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @Length(1, 128, { each: true })
  excludeActorClientIds?: string[];
}

/** PATCH /v1/webhooks/{webhookId} body: only the fields sent change. */
export class UpdateWebhookRequest {
  @IsOptional() @IsString() @MaxLength(2048) @IsUrl(URL_OPTIONS, { message: 'url must be an http(s) URL' })
  url?: string;

  @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(50) @Matches(EVENT_TYPE_PATTERN, { each: true, message: EVENT_TYPES_MESSAGE })
  eventTypes?: string[];

  @IsOptional() @IsString() @MaxLength(256) @Matches(NO_CONTROL, { message: 'description must not contain control characters' })
  description?: string;

  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @Length(1, 128, { each: true })
  excludeActorClientIds?: string[];

  /** `true` re-enables a disabled endpoint (its pending deliveries resume); `false` pauses it. */
  @IsOptional() @IsBoolean()
  enabled?: boolean;
}

/** A webhook endpoint; its secret is never shown again after creation or rotation. */
export class Webhook {
  webhookId: string;
  url: string;
  eventTypes: string[];
  description?: string;
  excludeActorClientIds: string[];
  enabled: boolean;
  /** Why it was disabled: `gone` (the endpoint answered 410), `failing` (24 hours of failures) or `paused` (PATCH). */
  disabledReason?: string;
  disabledTime?: string;
  createdTime: string;
  updatedTime: string;
}

/** POST /v1/webhooks: the webhook with its signing secret, shown only this once. */
export class CreatedWebhook extends Webhook {
  /** `whsec_<base64>`: the Standard Webhooks signing secret. */
  secret: string;
}

/** POST /v1/webhooks/{webhookId}/rotate-secret: the new secret, shown only this once. */
export class WebhookSecret {
  secret: string;
  /** Until then deliveries carry a signature with the previous secret too. */
  previousSecretExpiresTime: string;
}

/** One page of GET /v1/webhooks, oldest first. */
export class WebhookCollection {
  webhooks: Webhook[];
  pagination: Pagination;
  links: CollectionLinks;
}

const LIMIT_MESSAGE = 'limit must be an integer between 1 and 100';
const toInteger = ({ value }: { value: unknown }) => (typeof value === 'string' && /^\d{1,4}$/.test(value) ? Number(value) : value);

/** limit and cursor of the webhook lists. */
export class WebhookPageQuery {
  @IsOptional() @Max(100, { message: LIMIT_MESSAGE }) @Min(1, { message: LIMIT_MESSAGE }) @IsInt({ message: LIMIT_MESSAGE }) @Transform(toInteger)
  limit?: number;

  /** Opaque, from a previous page's `pagination.next.cursor`. */
  @IsOptional() @IsString() @MaxLength(1024)
  cursor?: string;
}

/** POST /v1/webhooks/{webhookId}/test: the `webhook.test` event recorded (its id is the delivery's `webhook-id`). */
export class WebhookTest {
  eventId: string;
}
