// Dates and numbers in the reader's language; one place so every page formats alike.
export function useFormat() {
  const { locale } = useI18n()
  function dateTime(iso: string | null | undefined): string {
    if (!iso) return '—'
    return new Intl.DateTimeFormat(locale.value, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso))
  }
  function number(value: number): string {
    return new Intl.NumberFormat(locale.value).format(value)
  }
  /**
   * A period of days (YYYY-MM-DD, inclusive), formatted in UTC as the rollups count days, so a
   * day never slips to the one before.
   */
  function dayRange(from: string, to: string): string {
    return evenSpaces(new Intl.DateTimeFormat(locale.value, { dateStyle: 'medium', timeZone: 'UTC' })
      .formatRange(new Date(`${from}T00:00:00Z`), new Date(`${to}T00:00:00Z`)))
  }
  /** A share (0 to 1) as a percentage: whole numbers, one decimal under 1 % so that a small share does not read as none. */
  function percent(share: number): string {
    return new Intl.NumberFormat(locale.value, { style: 'percent', maximumFractionDigits: share < 0.01 ? 1 : 0 }).format(share)
  }
  return { dateTime, number, dayRange, percent }
}

/**
 * Node's ICU and the browser's put different spaces (thin, narrow no-break) around the dash of a
 * formatted range; plain spaces make the server's page and the browser's agree on hydration.
 */
export function evenSpaces(text: string): string {
  return text.replace(/[\u2009\u202f\u00a0]/g, ' ')
}
