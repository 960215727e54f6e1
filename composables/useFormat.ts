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
  return { dateTime, number }
}
