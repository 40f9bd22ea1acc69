import { backoffDelay } from './backoff';

describe('backoffDelay', () => {
  it('doubles from the minimum and stays between half and all of the ceiling', () => {
    expect(backoffDelay(0, {}, () => 0)).toBe(125);
    expect(backoffDelay(0, {}, () => 1)).toBe(250);
    expect(backoffDelay(3, {}, () => 1)).toBe(2000);
  });

  it('never exceeds the maximum, however many attempts', () => {
    expect(backoffDelay(1000, { maxDelayMs: 5000 }, () => 1)).toBe(5000);
  });
});
