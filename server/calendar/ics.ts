import ical, { ICalEventStatus } from 'ical-generator'
import { Temporal } from 'temporal-polyfill'
import { tzlib_get_ical_block, tzlib_get_timezones } from 'timezones-ical-library'
import { itemStatus, statusRank, type ContentStatus } from '../../shared/calendar'

// The ICS feed of the editorial calendar (RFC 5545), built with ical-generator. Each item is
// one event at its publish time, written in its own zone (DTSTART;TZID=Europe/Paris) with the
// zone's VTIMEZONE definition from timezones-ical-library, so calendar apps keep 09:00 at 09:00
// across daylight-saving changes. Zones that library does not know are written in UTC, which
// every app reads.

export interface FeedItem {
  id: number
  title: string
  brief: string
  publishAt: string
  timeZone: string
  updatedAt: string
  channels: readonly string[]
  topicName: string | null
  ownerName: string
  versions: readonly { lang: string, title: string, status: ContentStatus, assigneeName: string | null }[]
}

let knownZones: ReadonlySet<string> | undefined
function hasVtimezone(zone: string): boolean {
  knownZones ??= new Set(tzlib_get_timezones() as string[])
  return knownZones.has(zone)
}

function vtimezone(zone: string): string | null {
  if (!hasVtimezone(zone)) return null
  const block = tzlib_get_ical_block(zone)
  return Array.isArray(block) ? block[0] ?? null : null
}

function description(item: FeedItem, link: string): string {
  const lines = item.versions.map((version) => [
    version.lang.toUpperCase(), version.title || item.title, version.status, version.assigneeName ?? '—',
  ].join(' · '))
  return [item.brief, lines.join('\n'), item.topicName ? `Topic: ${item.topicName}` : '', `Owner: ${item.ownerName}`, link].filter(Boolean).join('\n\n')
}

/** The feed as text. `origin` is where Chorus is reached, for links and event UIDs. */
export function calendarFeed(items: readonly FeedItem[], options: { origin: string, name: string }): string {
  const host = new URL(options.origin).hostname
  const calendar = ical({
    name: options.name,
    prodId: { company: 'Chorus', product: 'editorial-calendar', language: 'EN' },
    timezone: { name: null, generator: vtimezone },
  })
  for (const item of items) {
    const zoned = hasVtimezone(item.timeZone)
    const link = `${options.origin}/calendar/${item.id}`
    const status = itemStatus(item.versions)
    calendar.createEvent({
      // Stable for the item's life: moving or renaming it updates the same event in the app.
      id: `content-item-${item.id}@${host}`,
      start: zoned ? Temporal.Instant.from(item.publishAt).toZonedDateTimeISO(item.timeZone) : new Date(item.publishAt),
      timezone: zoned ? item.timeZone : null,
      summary: item.title,
      description: description(item, link),
      url: link,
      categories: item.channels.map((name) => ({ name })),
      status: statusRank(status) >= statusRank('scheduled') ? ICalEventStatus.CONFIRMED : ICalEventStatus.TENTATIVE,
      stamp: new Date(item.updatedAt),
      lastModified: new Date(item.updatedAt),
    })
  }
  return calendar.toString()
}
