import { config } from 'zod'
import { en, es, fr } from 'zod/locales'

// Form validation runs the same zod schemas as the server; this makes their messages follow
// the interface language.
const ZOD_LOCALES = { en, es, fr } as const

export default defineNuxtPlugin({
  name: 'zod-locale',
  dependsOn: ['i18n:plugin'],
  setup(nuxtApp) {
    const apply = (code: string) => {
      config((ZOD_LOCALES[code as keyof typeof ZOD_LOCALES] ?? en)())
    }
    apply(useNuxtApp().$i18n.locale.value)
    nuxtApp.hook('i18n:localeSwitched', ({ newLocale }) => apply(newLocale))
  },
})
