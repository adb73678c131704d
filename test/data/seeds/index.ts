/** The transcribed seeds, by id. */
import { SEED_000 } from './seed000';
import { SEED_001 } from './seed001';
import { SEED_SHANGHAI } from './shanghai';
import type { SeedId, SeedWorkbook } from './types';

export const SEEDS: Record<SeedId, SeedWorkbook> = { '000': SEED_000, '001': SEED_001, shanghai: SEED_SHANGHAI };

export { SEED_000, SEED_001, SEED_SHANGHAI };
export * from './types';
