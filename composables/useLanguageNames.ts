import { LANGUAGES, languageName } from '~~/shared/languages'

// Language names in the reader's language. The list of languages is shared/languages.ts; only
// the names are localised here, by Intl, which knows every code in it.
export function useLanguageNames() {
  const { locale, t } = useI18n()
  const names = computed(() => new Intl.DisplayNames([locale.value], { type: 'language', fallback: 'none' }))

  function languageLabel(code: string | null | undefined): string {
    if (code === '*') return t('topics.allLanguages')
    if (!code || code === 'und') return t('topics.undetermined')
    const name = names.value.of(code)
    // French and Spanish write language names in lower case; a label starts with a capital.
    return name ? name.charAt(0).toLocaleUpperCase(locale.value) + name.slice(1) : languageName(code)
  }

  /** Picker items: every supported language by its localised name, its own name beside it. */
  const languageItems = computed(() => LANGUAGES
    .map((language) => ({ value: language.code as string, label: languageLabel(language.code), description: language.nativeName }))
    .sort((a, b) => a.label.localeCompare(b.label, locale.value)))

  return { languageLabel, languageItems }
}
