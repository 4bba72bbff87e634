/** A link to the triage list filtered to one group of the dashboard, over the dashboard's period. */
export interface Period {
  from?: string;
  to?: string;
}

export function listLink(filter: Record<string, string | number>, period: Period): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...filter, from: period.from, to: period.to })) {
    if (v !== undefined && v !== '') qs.set(k, String(v));
  }
  return `/clues?${qs.toString()}`;
}
