import { CHANNELS, CONTENT_STATUSES, type Channel, type ContentStatus, STATUS_COLOURS } from '~~/shared/calendar'
import { paletteColour } from '~~/shared/palette'

// Names and colours of the calendar's statuses, channels, languages and zones, in the reader's
// language: one place, so the board, the item page and the hints agree.

export function useCalendarLabels() {
  const { t, locale } = useI18n()

  const statusLabel = (status: ContentStatus) => t(`calendar.status.${status}`)
  const channelLabel = (channel: Channel) => t(`calendar.channel.${channel}`)
  const statusItems = computed(() => CONTENT_STATUSES.map((status) => ({ value: status, label: statusLabel(status) })))
  const channelItems = computed(() => CHANNELS.map((channel) => ({ value: channel, label: channelLabel(channel) })))

  /**
   * Language colours from the palette, in the order the server ranks the plan's languages (most
   * planned first), so a language keeps its colour from one month to the next; one not planned
   * yet takes the next free colour.
   */
  function languageColour(ranked: readonly string[], code: string): string {
    const rank = ranked.indexOf(code)
    return paletteColour(rank < 0 ? ranked.length : rank)
  }

  /** A network community by its most distinctive terms (the map's way of naming it), else its number. */
  function communityLabel(community: { community: number, terms: readonly string[] }): string {
    return community.terms.length ? community.terms.join(', ') : t('calendar.gaps.communityNumber', { n: community.community + 1 })
  }

  /** "Fri, Mar 26, 2027, 9:00 AM CET": the instant as a wall-clock time in the item's own zone. */
  function inZone(instant: string, zone: string, style: 'long' | 'time' = 'long'): string {
    const options: Intl.DateTimeFormatOptions = style === 'time'
      ? { hour: 'numeric', minute: '2-digit', timeZone: zone }
      : { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short', timeZone: zone }
    return new Intl.DateTimeFormat(locale.value, options).format(new Date(instant))
  }

  /** The zone's short name at that instant (CET in winter, CEST in summer). */
  function zoneAbbreviation(instant: string, zone: string): string {
    return new Intl.DateTimeFormat(locale.value, { timeZone: zone, timeZoneName: 'short' })
      .formatToParts(new Date(instant)).find((part) => part.type === 'timeZoneName')?.value ?? zone
  }

  return { statusLabel, channelLabel, statusItems, channelItems, languageColour, inZone, zoneAbbreviation, STATUS_COLOURS, communityLabel }
}
