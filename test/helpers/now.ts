/**
 * The date every test and snapshot judges dated facts by (runtime end of support), so results do
 * not change with the calendar. Move it forward deliberately, with the snapshots.
 */
export const PINNED_NOW = new Date('2026-11-22T00:00:00Z');
