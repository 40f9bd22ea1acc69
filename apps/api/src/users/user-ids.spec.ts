import { UUID_PATTERN } from './user-ids';

describe('UUID_PATTERN', () => {
  it('matches lowercase uuids only', () => {
    expect(UUID_PATTERN.test('8b6f6a3e-1c2d-4e5f-9a0b-1c2d3e4f5a6b')).toBe(true);
    expect(UUID_PATTERN.test('8B6F6A3E-1C2D-4E5F-9A0B-1C2D3E4F5A6B')).toBe(false);
    expect(UUID_PATTERN.test('google-oauth2|1')).toBe(false);
  });
});
