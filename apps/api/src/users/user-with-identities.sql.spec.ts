import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { entities } from '../database/entities';
import { IdentityEntity } from './identity.entity';
import { UserEntity } from './user.entity';
import { UsersRepository } from './users.repository';

/** A data source with real entity metadata whose `query` is a fake: no database needed. */
async function fakeDataSource(rows: Array<Record<string, unknown>>) {
  const dataSource = new DataSource({ type: 'postgres', entities });
  await (dataSource as unknown as { buildMetadatas(): Promise<void> }).buildMetadatas();
  const calls: Array<{ sql: string; parameters: unknown[] }> = [];
  dataSource.query = (async (sql: string, parameters: unknown[]) => (calls.push({ sql, parameters }), rows)) as DataSource['query'];
  return { dataSource, calls };
}

/** Statements through `dataSource.query`; prepared-statements.spec.ts covers the named path. */
const unprepared = { database: { preparedStatements: false } } as AppConfig;
const created = new Date('2026-11-23T09:00:00.123Z');
const userColumns = { 'u.id': '8b6f6a3e-1c2d-4e5f-9a0b-1c2d3e4f5a6b', 'u.userId': 'google-oauth2|1', 'u.email': 'ada@example.com', 'u.emailVerified': true, 'u.name': 'Ada', 'u.username': null, 'u.picture': null, 'u.vanityname': null, 'u.aesthetics': { theme: { dark: true } }, 'u.beta': null, 'u.metadata': null, 'u.tokensValidAfter': null, 'u.createdAt': created, 'u.updatedAt': created, 'u.version': 3, 'u.deletingAt': null };
const identity = (id: string, subject: string) => ({ 'i.id': id, 'i.userId': userColumns['u.id'], 'i.issuer': 'https://issuer.example', 'i.subject': subject, 'i.provider': 'google-oauth2', 'i.connection': null, 'i.isSocial': true, 'i.profileData': null, 'i.createdAt': created, 'i.updatedAt': created });
const noIdentity = Object.fromEntries(Object.keys(identity('', '')).map((key) => [key, null]));

describe('UsersRepository reads', () => {
  it('reads a user and their identities in one statement and hydrates entities', async () => {
    const { dataSource, calls } = await fakeDataSource([
      { ...userColumns, ...identity('a', 'google-oauth2|1') },
      { ...userColumns, ...identity('b', 'github|9') },
    ]);
    const users = new UsersRepository(dataSource, unprepared);
    const user = await users.findByAnyId('google-oauth2|1');
    expect(user).toBeInstanceOf(UserEntity);
    expect(user).toMatchObject({ id: userColumns['u.id'], userId: 'google-oauth2|1', aesthetics: { theme: { dark: true } }, version: 3, createdAt: created });
    const identities = await users.identitiesOf(user!);
    expect(identities.map((row) => row.subject)).toEqual(['google-oauth2|1', 'github|9']);
    expect(identities[0]).toBeInstanceOf(IdentityEntity);
    expect(calls).toHaveLength(1);
    expect(calls[0].parameters).toEqual(['google-oauth2|1']);
    expect(calls[0].sql).toContain('"deleting_at" IS NULL');
    for (const column of ['user_id', 'tokens_valid_after', 'version', 'is_social', 'profile_data']) expect(calls[0].sql).toContain(`"${column}"`);
  });

  it('looks a uuid (any case) up by id only, since no userId has that shape, and finds a user without identities', async () => {
    const { dataSource, calls } = await fakeDataSource([{ ...userColumns, ...noIdentity }]);
    const users = new UsersRepository(dataSource, unprepared);
    const user = await users.findByAnyId('8B6F6A3E-1C2D-4E5F-9A0B-1C2D3E4F5A6B');
    expect(calls[0].parameters).toEqual(['8b6f6a3e-1c2d-4e5f-9a0b-1c2d3e4f5a6b']);
    expect(calls[0].sql).toContain('"id" = $1::uuid');
    expect(calls[0].sql).not.toContain('"user_id" = $');
    expect(await users.identitiesOf(user!)).toEqual([]);
    expect(calls).toHaveLength(1);
  });

  it('answers null when no live user matches', async () => {
    const { dataSource } = await fakeDataSource([]);
    expect(await new UsersRepository(dataSource, unprepared).findById('8b6f6a3e-1c2d-4e5f-9a0b-1c2d3e4f5a6b')).toBeNull();
  });
});
