/** Dates in plain Chinese for citizens. */

function parse(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** 2026年3月5日 */
export function formatDate(iso: string | null | undefined): string {
  const d = parse(iso);
  return d ? `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日` : '';
}

/** 2026年3月5日 14:05 */
export function formatDateTime(iso: string | null | undefined): string {
  const d = parse(iso);
  return d ? `${formatDate(iso)} ${pad(d.getHours())}:${pad(d.getMinutes())}` : '';
}
