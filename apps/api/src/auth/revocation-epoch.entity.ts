import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A single counter, bumped by every revocation; replicas poll it and drop their verified-token caches. */
@Entity('revocation_epoch')
export class RevocationEpochEntity {
  @PrimaryColumn({ type: 'integer', default: 1 })
  id: number;

  @Column({ type: 'bigint', default: 0 })
  value: string;
}
