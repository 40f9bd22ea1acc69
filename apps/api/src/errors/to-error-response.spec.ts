import { AppError, ErrorCode } from './app-error';
import { toErrorResponse } from './to-error-response';

describe('toErrorResponse', () => {
  it('treats a value PostgreSQL refuses (a NUL character) as the caller\'s 400, not a failure of ours', () => {
    expect(toErrorResponse(Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { code: '22021' }))).toMatchObject({ status: 400, code: ErrorCode.BadRequest, unexpected: false });
  });

  it('flags what it cannot explain as an unexpected 500', () => {
    expect(toErrorResponse(new TypeError('x is undefined'))).toMatchObject({ status: 500, unexpected: true });
  });

  it('never flags an AppError, 511 included', () => {
    expect(toErrorResponse(new AppError(ErrorCode.NetworkAuthenticationRequired, 'Sign in first.'))).toMatchObject({ status: 511, unexpected: false });
  });
});
