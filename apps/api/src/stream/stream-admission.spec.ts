import { StreamAdmission } from './stream-admission';

describe('StreamAdmission', () => {
  it('caps connections per address and in all, and frees a place on release', () => {
    const admission = new StreamAdmission(3, 2);
    expect(admission.admit('a')).toBe('admitted');
    expect(admission.admit('a')).toBe('admitted');
    expect(admission.admit('a')).toBe('address full');
    expect(admission.admit('b')).toBe('admitted');
    expect(admission.admit('c')).toBe('server full');
    admission.release('a');
    expect(admission.admit('c')).toBe('admitted');
  });

  it('has no per-address cap at 0, and ignores a release it did not admit', () => {
    const admission = new StreamAdmission(2, 0);
    admission.release('x');
    expect(admission.admit('a')).toBe('admitted');
    expect(admission.admit('a')).toBe('admitted');
    expect(admission.admit('a')).toBe('server full');
  });
});
