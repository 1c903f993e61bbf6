const DAY = 86_400_000;
const ZERO = 48;

/**
 * `new Date(ms).toISOString()` for times from 1970 to the year 9999, about three times as fast
 * and as one flat string (generated worlds format 300,000 timestamps, and keep them all). Civil
 * date from days since 1970: Howard Hinnant's days_from_civil, inverted.
 */
export function isoTime(ms: number): string {
  const days = Math.floor(ms / DAY);
  let rest = ms - days * DAY;
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = Math.floor(rest / 1000);
  const millis = rest - seconds * 1000;
  const d = (n: number, place: number) => ZERO + (Math.floor(n / place) % 10);
  return String.fromCharCode(
    d(year, 1000), d(year, 100), d(year, 10), d(year, 1), 45, d(month, 10), d(month, 1), 45, d(day, 10), d(day, 1), 84,
    d(hours, 10), d(hours, 1), 58, d(minutes, 10), d(minutes, 1), 58, d(seconds, 10), d(seconds, 1), 46,
    d(millis, 100), d(millis, 10), d(millis, 1), 90,
  );
}
