import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MemberRecord } from '../../src/index.js';

/** The fixture members, read as data (for ids and unmasked values to compare against). */
export const memberFixtures: MemberRecord[] = JSON.parse(readFileSync(join(process.cwd(), 'fixtures', 'members.json'), 'utf8'));

/** PixelForge's eight members in the default order (created_at ascending). */
export const PIXELFORGE = [
  'mber_pf01alex', 'mber_pf02maya', 'mber_pf04priya', 'mber_pf07hana',
  'mber_pf05tom', 'mber_pf08omar', 'mber_pf06lead', 'mber_pf03jonas',
] as const;

export const idsOf = (body: { data: Array<{ id: string }> }): string[] => body.data.map((member) => member.id);
