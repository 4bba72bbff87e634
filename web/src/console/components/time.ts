import dayjs from 'dayjs';

/** Show an instant in China Standard Time (the server stores UTC), whatever the browser's zone. */
export function formatTime(iso: string, withSeconds = false): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const cst = dayjs(d.getTime() + 8 * 3_600_000 + d.getTimezoneOffset() * 60_000);
  return cst.format(withSeconds ? 'YYYY-MM-DD HH:mm:ss' : 'YYYY-MM-DD HH:mm');
}
