// Registered by jest.config.js (setupFilesAfterEnv) for every e2e file.

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- how jest's matcher types are extended
  namespace jest {
    interface Matchers<R> {
      /** The response has this status; when it has not, the failure shows its body, which says why. Await it. */
      toHaveStatus(status: number): Promise<R>;
    }
  }
}

const BODY_LIMIT = 2000;

/** The body of a fetch Response without consuming it (the test may still read it), bounded in size and time. */
async function bodyOf(received: unknown): Promise<string> {
  const response = received as { clone?: () => Response; body?: unknown };
  if (typeof response.clone !== 'function') return response.body === undefined ? '(no body)' : JSON.stringify(response.body);
  try {
    const text = await Promise.race([response.clone().text(), new Promise<string>((resolve) => setTimeout(resolve, 2000, '(the body did not end within 2 s)').unref())]);
    return text.length > BODY_LIMIT ? `${text.slice(0, BODY_LIMIT)}… (${text.length} characters)` : text || '(empty body)';
  } catch (error) {
    return `(the body could not be read: ${(error as Error).message})`;
  }
}

expect.extend({
  async toHaveStatus(received: unknown, expected: number) {
    const status = (received as { status?: unknown } | null | undefined)?.status;
    const hint = this.utils.matcherHint('toHaveStatus', 'response', 'status', { isNot: this.isNot, promise: this.promise });
    if (status === expected) return { pass: true, message: () => `${hint}\n\nExpected status: not ${this.utils.printExpected(expected)}` };
    const body = await bodyOf(received);
    return {
      pass: false,
      message: () => `${hint}\n\nExpected status: ${this.utils.printExpected(expected)}\nReceived status: ${this.utils.printReceived(status)}\nBody: ${body}`,
    };
  },
});

export {};
