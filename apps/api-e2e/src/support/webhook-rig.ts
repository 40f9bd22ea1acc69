import { ACCOUNT_ID, newAccessKey } from './access-keys';
import { callAs } from './admin-client';
import { serviceUnderTest, ServiceUnderTest } from './service-under-test';
import { Receiver, startReceiver } from './webhook-receiver';

/** The service under test with a local receiver, and calls as its bootstrap administrator (all permissions). */
export interface WebhookRig {
  sut: ServiceUnderTest;
  receiver: Receiver;
  admin: ReturnType<typeof callAs>;
  close(): Promise<void>;
}

/** Starts both; retries and polls every 50 ms so that deliveries settle quickly. `env` adds or overrides settings. */
export async function openWebhookRig(env: Record<string, string> = {}): Promise<WebhookRig> {
  const adminKey = newAccessKey('sc_root');
  const receiver = await startReceiver();
  const sut = await serviceUnderTest({ ROSTER_ACCOUNT_ID: ACCOUNT_ID, ROSTER_BOOTSTRAP_ACCESS_KEY: adminKey, WEBHOOK_RETRY_BASE_MS: '50', WEBHOOK_POLL_MS: '50', ...env });
  return {
    sut,
    receiver,
    admin: callAs(adminKey, sut.url),
    close: async () => {
      await sut.close();
      await receiver.close();
    },
  };
}
