import { Webhook } from 'standardwebhooks';
import { newWebhookSecret, signedHeaders } from './webhook-signature';

describe('Standard Webhooks signing', () => {
  const body = JSON.stringify({ eventId: 'e1', type: 'user.updated', data: { name: 'Ada' } });

  it('verifies with the reference library', () => {
    const secret = newWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    const headers = signedHeaders([secret], 'e1', body);
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
  });

  it('fails verification with another secret, another body or another id', () => {
    const secret = newWebhookSecret();
    const headers = signedHeaders([secret], 'e1', body);
    expect(() => new Webhook(newWebhookSecret()).verify(body, headers)).toThrow();
    expect(() => new Webhook(secret).verify(body.replace('Ada', 'Eve'), headers)).toThrow();
    expect(() => new Webhook(secret).verify(body, { ...headers, 'webhook-id': 'e2' })).toThrow();
  });

  it('signs with both secrets during a rotation, so a receiver holding either verifies', () => {
    const [old, current] = [newWebhookSecret(), newWebhookSecret()];
    const headers = signedHeaders([current, old], 'e1', body);
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(new Webhook(old).verify(body, headers)).toBeTruthy();
    expect(new Webhook(current).verify(body, headers)).toBeTruthy();
  });
});
