const VN_DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Ho_Chi_Minh',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Calendar dates (yyyy-mm-dd strings) in Vietnam's time zone. (One formatter for the process: making
 * one costs more than a whole citizen submission.) */
export function todayVn(now = new Date()): string {
  return VN_DAY.format(now);
}

export function addDays(iso: string, days: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const dt = new Date(Date.UTC(y, m - 1, d + days));
  return dt.toISOString().slice(0, 10);
}
