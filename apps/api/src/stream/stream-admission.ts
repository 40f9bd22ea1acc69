export type Admission = 'admitted' | 'server full' | 'address full';

/** Open (and opening) stream connections of this replica, in all and per client address, against their caps. */
export class StreamAdmission {
  private total = 0;
  private readonly byAddress = new Map<string, number>();

  /** `maxPerAddress` 0: no cap per address. */
  constructor(
    private readonly maxTotal: number,
    private readonly maxPerAddress: number,
  ) {}

  /** When admitted, the connection counts until `release(address)`. */
  admit(address: string): Admission {
    if (this.total >= this.maxTotal) return 'server full';
    const open = this.byAddress.get(address) ?? 0;
    if (this.maxPerAddress > 0 && open >= this.maxPerAddress) return 'address full';
    this.total++;
    this.byAddress.set(address, open + 1);
    return 'admitted';
  }

  release(address: string): void {
    const open = this.byAddress.get(address) ?? 0;
    if (open === 0) return;
    this.total--;
    if (open === 1) this.byAddress.delete(address);
    else this.byAddress.set(address, open - 1);
  }
}
