import { addDays, type IsoDate } from './dates';

const formats = new Map<string, Intl.DateTimeFormat>();

function wallClockMs(instant: number, timeZone: string): number {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    formats.set(timeZone, format);
  }
  const p = Object.fromEntries(format.formatToParts(new Date(instant)).map((part) => [part.type, part.value]));
  return Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
}

/** The instant a local wall-clock time (YYYY-MM-DDTHH:MM) happens in a time zone (the first, when clocks go back). */
export function instantAtLocal(local: string, timeZone: string): Date {
  const wall = Date.UTC(Number(local.slice(0, 4)), Number(local.slice(5, 7)) - 1, Number(local.slice(8, 10)), Number(local.slice(11, 13) || 0), Number(local.slice(14, 16) || 0));
  // Take off the zone's offset at the guess, then again at the corrected guess (the offset may differ across a change of clocks).
  const guess = wall + (wall - wallClockMs(wall, timeZone));
  return new Date(guess + (wall - wallClockMs(guess, timeZone)));
}

/** The end of a local calendar day `days` days after `day` (the next day's midnight), as an instant. */
export function endOfLocalDay(day: IsoDate, timeZone: string, days = 0): Date {
  return instantAtLocal(`${addDays(day, days + 1)}T00:00`, timeZone);
}
