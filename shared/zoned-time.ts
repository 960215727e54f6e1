import { Temporal } from 'temporal-polyfill'

// Wall-clock times in named zones, for the editorial calendar. An item is stored as its UTC
// instant and its IANA zone; what people plan, drag and read is the wall-clock time in that
// zone. Temporal does the zone arithmetic (the same library the calendar view runs on), so a
// post planned for 09:00 in Paris stays at 09:00 when it is moved across a daylight-saving change.

/** A wall-clock date and time with no zone: 'YYYY-MM-DDTHH:mm'. */
export const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/

// Offsets (+02:00) are zones to Temporal, but they know nothing of daylight saving: only named
// zones (and UTC) are accepted.
const ZONE_NAME = /^(?:UTC|[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)+)$/

/** The zone's canonical spelling ('europe/paris' → 'Europe/Paris'), or null if it is not a named zone. */
export function canonicalZone(zone: string): string | null {
  if (!ZONE_NAME.test(zone)) return null
  try {
    return Temporal.Now.zonedDateTimeISO(zone).timeZoneId
  }
  catch {
    return null
  }
}

/** Whether the text is a real wall-clock time (no 31 February, no 25:00). */
export function isLocalDateTime(local: string): boolean {
  if (!LOCAL_DATE_TIME.test(local)) return false
  try {
    Temporal.PlainDateTime.from(local, { overflow: 'reject' })
    return true
  }
  catch {
    return false
  }
}

/**
 * The UTC instant (ISO, milliseconds, like every other timestamp in the database) of a
 * wall-clock time in a zone. A time that a spring-forward change skips moves on by the gap
 * (02:30 becomes 03:30 in Paris); a time that an autumn change repeats takes its first, earlier
 * occurrence. That is Temporal's 'compatible' choice, the one calendar apps make.
 */
export function instantOf(local: string, zone: string): string {
  const zoned = Temporal.PlainDateTime.from(local).toZonedDateTime(zone, { disambiguation: 'compatible' })
  return new Date(zoned.epochMilliseconds).toISOString()
}

/** The wall-clock time of a UTC instant in a zone, to the minute. */
export function localOf(instant: string, zone: string): string {
  return Temporal.Instant.from(instant).toZonedDateTimeISO(zone).toPlainDateTime().toString({ smallestUnit: 'minute' })
}

/**
 * Moves a wall-clock time by calendar months and days and by minutes of clock time, as dragging
 * an item across a calendar does: three days after Friday 09:00 is Monday 09:00, whatever the
 * clocks did on Sunday.
 */
export function shiftLocal(local: string, shift: { months?: number, days?: number, minutes?: number }): string {
  return Temporal.PlainDateTime.from(local)
    .add({ months: shift.months ?? 0, days: shift.days ?? 0, minutes: shift.minutes ?? 0 })
    .toString({ smallestUnit: 'minute' })
}

/** The calendar day ('YYYY-MM-DD') an instant falls on in a zone. */
export function dayIn(instant: string, zone: string): string {
  return localOf(instant, zone).slice(0, 10)
}
