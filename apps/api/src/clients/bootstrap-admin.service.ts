import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { parseAccessKey } from './access-key';
import { createAdminClient } from './admin-client';
import { ServiceClientEntity } from './service-client.entity';

const BOOTSTRAP_LOCK = 0x41646d6e; // pg advisory lock id: "Admn"
export const ADMIN_KEY_FILE = 'admin-access-key';

/**
 * Makes sure someone can administer a new installation: registers ROSTER_BOOTSTRAP_ACCESS_KEY for an
 * all-permission client, or on a database with no clients at all creates one and hands its key out once.
 */
@Injectable()
export class BootstrapAdminService implements OnApplicationBootstrap {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const created = await this.dataSource.transaction(async (manager) => {
      // Two replicas starting together create one admin.
      await manager.query('SELECT pg_advisory_xact_lock($1)', [BOOTSTRAP_LOCK]);
      const configured = this.config.auth.bootstrapAccessKey;
      if (configured) return this.registerConfiguredKey(manager, configured);
      if ((await manager.count(ServiceClientEntity)) > 0) return undefined;
      return createAdminClient(manager, 'sc_admin', 'Administrator (created at first start)', this.config.auth.accountId);
    });
    if (created) await this.handOut(created);
  }

  private async registerConfiguredKey(manager: EntityManager, accessKey: string): Promise<undefined> {
    const key = parseAccessKey(accessKey);
    if (!(await manager.existsBy(ServiceClientEntity, { id: key.clientId }))) {
      await manager.insert(ServiceClientEntity, { id: key.clientId, name: 'Administrator (ROSTER_BOOTSTRAP_ACCESS_KEY)', permissions: ['*'] });
    }
    // Inserted only if absent: a revoked key stays revoked across restarts.
    await manager.query(`INSERT INTO service_client_keys (client_id, key_id, public_key) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [key.clientId, key.keyId, key.publicKey]);
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
