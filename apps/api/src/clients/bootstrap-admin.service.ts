import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { TransactionRunner, UnitOfWork } from '../database/unit-of-work';
import { systemAttribution } from '../events/attribution';
import { EventsRecorder } from '../events/events.recorder';
import { parseAccessKey } from './access-key';
import { createAdminClient } from './admin-client';
import { ClientsRepository } from './clients.repository';

export const ADMIN_KEY_FILE = 'admin-access-key';
/** The actor of the clients and keys a start creates. */
const BOOTSTRAP = systemAttribution('bootstrap');

/**
 * Makes sure someone can administer a new installation: registers ROSTER_BOOTSTRAP_ACCESS_KEY for an
 * all-permission client, or on a database with no clients at all creates one and hands its key out once.
 */
@Injectable()
export class BootstrapAdminService implements OnApplicationBootstrap {
  constructor(
    private readonly clients: ClientsRepository,
    private readonly transactions: TransactionRunner,
    private readonly config: AppConfig,
    private readonly events: EventsRecorder,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const created = await this.transactions.run(async (unit) => {
      // Two replicas starting together create one admin.
      await this.clients.lockBootstrap(unit);
      const configured = this.config.auth.bootstrapAccessKey;
      if (configured) return this.registerConfiguredKey(unit, configured);
      if (!(await this.clients.isEmpty(unit))) return undefined;
      return createAdminClient(this.clients, this.events, unit, BOOTSTRAP, { clientId: 'sc_admin', name: 'Administrator (created at first start)', accountId: this.config.auth.accountId });
    });
    if (created) await this.handOut(created);
  }

  private async registerConfiguredKey(unit: UnitOfWork, accessKey: string): Promise<undefined> {
    const key = parseAccessKey(accessKey);
    const { clientId, keyId } = key;
    if (!(await this.clients.exists(unit, clientId))) {
      const client = { id: clientId, name: 'Administrator (ROSTER_BOOTSTRAP_ACCESS_KEY)', permissions: ['*'] };
      await this.clients.insert(unit, client);
      await this.events.record(unit, { type: 'client.created', ...BOOTSTRAP, data: { clientId, name: client.name, permissions: client.permissions } });
    }
    // Inserted only if absent: a revoked key stays revoked across restarts.
    if (await this.clients.addKeyIfAbsent(unit, { clientId, keyId, publicKey: key.publicKey })) {
      await this.events.record(unit, { type: 'client.access_key_created', ...BOOTSTRAP, data: { clientId, keyId } });
    }
    return undefined;
  }

  /** Written once, outside the JSON log: to a 0600 file in embedded mode, to stderr otherwise. */
  private async handOut(accessKey: string): Promise<void> {
    if (this.config.database.embedded) {
      const file = join(resolve(this.config.dataDir), ADMIN_KEY_FILE);
      await writeFile(file, accessKey + '\n', { mode: 0o600 });
      process.stderr.write(`Roster created an admin service client; its access key is in ${file} (shown only this once).\n`);
    } else {
      process.stderr.write(`Roster created an admin service client. Its access key, shown only this once:\n${accessKey}\n`);
    }
  }
}
