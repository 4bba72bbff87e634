/**
 * 直通政协 use-cases, by audience: the citizen's (clues.citizen.ts), the office's (clues.staff.ts) and the handling
 * unit's (clues.unit.ts). This file only gathers them for callers that take them from one place.
 */
export * from './clues.citizen.ts';
export * from './clues.staff.ts';
export * from './clues.unit.ts';
