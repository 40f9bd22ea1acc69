import { stripVTControlCharacters } from 'node:util';

// The e2e suite's own assertion: a wrong status fails with the body, which says why.
describe('expect(response).toHaveStatus', () => {
  // Without colours: jest colours the message when the terminal or CI asks for it.
  const failureOf = async (assertion: Promise<void>) => {
    const message = ((await assertion.then(() => undefined, (error: Error) => error)) as Error | undefined)?.message;
    return message === undefined ? undefined : stripVTControlCharacters(message);
  };

  it('passes on the status, leaving the body for the test to read', async () => {
    const res = new Response('{"ok":true}', { status: 201 });
    await expect(res).toHaveStatus(201);
    expect(await res.json()).toEqual({ ok: true });
  });

  it('fails on another status, showing both statuses and the body', async () => {
    const message = await failureOf(expect(new Response('{"title":"The name is too long.","errorCode":"ValidationError"}', { status: 400 })).toHaveStatus(200));
    expect(message).toMatch(/Expected status: 200/);
    expect(message).toMatch(/Received status: 400/);
    expect(message).toContain('{"title":"The name is too long.","errorCode":"ValidationError"}');
  });

  it('says so when the body was already read, and shortens a long one', async () => {
    const read = new Response('gone', { status: 500 });
    await read.text();
    expect(await failureOf(expect(read).toHaveStatus(200))).toMatch(/body could not be read/);
    expect(await failureOf(expect(new Response('x'.repeat(5000), { status: 502 })).toHaveStatus(200))).toMatch(/x{2000}… \(5000 characters\)/);
  });

  it('with .not, fails on that status', async () => {
    await expect(new Response('', { status: 404 })).not.toHaveStatus(200);
    expect(await failureOf(expect(new Response('', { status: 404 })).not.toHaveStatus(404))).toMatch(/Expected status: not 404/);
  });
});
