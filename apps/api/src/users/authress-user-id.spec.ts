import { randomUUID } from 'node:crypto';
import { AUTHRESS_USER_ID, USER_ID_MAX_LENGTH, userIdFor, uuidShaped } from './authress-user-id';

const fitsContract = (userId: string) => AUTHRESS_USER_ID.test(userId) && userId.length <= USER_ID_MAX_LENGTH && !uuidShaped(userId);

describe('userIdFor', () => {
  it.each(['alice', 'google-oauth2|123', 'oauth2|a b/c', 'samlp|acme|ada@example.com', 'x~y:z+w.v'])('keeps %j verbatim', (subject) => {
    expect(userIdFor(subject)).toBe(subject);
  });

  const uuid = randomUUID();
  it.each([
    ['with #', 'user#1'],
    ['with =', 'dXNlcg=='],
    ['with ,', 'a,b'],
    ['non-ASCII', 'jöhn'],
    ['emoji', '😀'],
    ['tab', 'a\tb'],
    ['200 characters', 'x'.repeat(200)],
    ['a uuid', uuid],
    ['an uppercase uuid', uuid.toUpperCase()],
    ['a uuid without dashes', uuid.replace(/-/g, '')],
    ['a uuid in braces', `{${uuid}}`],
    ['a uuid split oddly', `${uuid.replace(/-/g, '').slice(0, 4)}-${uuid.replace(/-/g, '').slice(4)}`],
  ])('maps a subject %s to a userId that fits the contract and is no uuid', (_, subject) => {
    const userId = userIdFor(subject);
    expect(userId).not.toBe(subject);
    expect(fitsContract(userId)).toBe(true);
    expect(userIdFor(subject)).toBe(userId);
  });

  it('keeps subjects apart that sanitize alike', () => {
    expect(userIdFor('a#b')).not.toBe(userIdFor('a=b'));
    expect(userIdFor(`${'x'.repeat(200)}1`)).not.toBe(userIdFor(`${'x'.repeat(200)}2`));
  });

  it('recognises what PostgreSQL reads as a uuid', () => {
    expect([uuidShaped(uuid), uuidShaped(uuid.toUpperCase()), uuidShaped(`{${uuid}}`), uuidShaped(uuid.replace(/-/g, ''))]).toEqual([true, true, true, true]);
    expect([uuidShaped('alice'), uuidShaped(`${uuid}~1`), uuidShaped(uuid.slice(1))]).toEqual([false, false, false]);
  });
});
