import { createHmac, randomBytes } from 'node:crypto';

const PREFIX = 'whsec_';

/** A new Standard Webhooks secret: `whsec_` and 24 random bytes in base64 (what the reference libraries take). */
export function newWebhookSecret(): string {
  return `${PREFIX}${randomBytes(24).toString('base64')}`;
}

/**
 * The Standard Webhooks headers for one attempt: `webhook-id` (the event id, the same on every retry),
 * `webhook-timestamp` (this attempt, in seconds) and `webhook-signature`: `v1,` + base64 HMAC-SHA256 of
 * `id.timestamp.body` under each secret (space-separated, so a receiver holding either secret verifies
 * during a rotation).
 */
export function signedHeaders(secrets: readonly string[], id: string, body: string, now = new Date()): Record<string, string> {
  const timestamp = String(Math.floor(now.getTime() / 1000));
  const signatures = secrets.map((secret) => {
    const key = Buffer.from(secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret, 'base64');
    return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
  });
  return { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': signatures.join(' ') };
}
