import { cpSync, existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { resolve } from 'node:path'
import { LAZY_MODULES } from './ingest/nlp/text/natural'

/**
 * Vue counts a component with an onServerPrefetch hook as an async boundary when numbering the
 * ids of useId(), which tie labels and hints to their fields. Nuxt drops the hook
 * from the client bundle, so every icon before a form (each registers one) shifted the
 * server's ids away from the client's: a label rendered on the server named a field id the
 * client never used (vuejs/core#12591). Keeping the hook in the client bundle, where it never
 * runs, numbers ids alike on both sides.
 */
function keepServerPrefetchHooks(_options: unknown, nuxt: { options: { optimization: { treeShake: { composables: { client: Record<string, string[]> } } } } }) {
  const client = nuxt.options.optimization.treeShake.composables.client
  client.vue = (client.vue ?? []).filter((name) => name !== 'onServerPrefetch')
}

// Nuxt 4 with pages/ and components/ at the repository root (srcDir '.').
export default defineNuxtConfig({
  compatibilityDate: '2026-11-01',
  srcDir: '.',
  serverDir: 'server',
  // A build in the background (the tests start one) runs beside vitest or the type check, which
  // read the TypeScript configuration a build rewrites: CHORUS_BUILD_DIR gives it a directory of its own.
  ...(process.env.CHORUS_BUILD_DIR ? { buildDir: process.env.CHORUS_BUILD_DIR } : {}),
  modules: ['@nuxt/ui', '@nuxtjs/i18n', '@pinia/nuxt', 'nuxt-auth-utils', keepServerPrefetchHooks],
  css: ['~/assets/css/main.css'],
  devtools: { enabled: false },
  telemetry: false,
  // The fonts module reaches out to web font providers at build time; machines here have no
  // internet, so Inter is self-hosted from @fontsource-variable/inter instead.
  ui: { fonts: false },
  icon: {
    provider: 'server',
    fallbackToApi: false,
    serverBundle: { collections: ['lucide'] },
    clientBundle: { scan: true, icons: ['lucide:sun', 'lucide:moon', 'lucide:check', 'lucide:x', 'lucide:chevron-down', 'lucide:chevron-up', 'lucide:chevrons-up-down', 'lucide:loader-circle', 'lucide:circle-alert', 'lucide:info', 'lucide:arrow-left', 'lucide:arrow-right', 'lucide:eye', 'lucide:eye-off'] },
  },
  colorMode: { preference: 'system', fallback: 'light' },
  i18n: {
    strategy: 'no_prefix',
    defaultLocale: 'en',
    langDir: 'locales',
    locales: [
      { code: 'en', language: 'en-GB', name: 'English', file: 'en.json' },
      { code: 'fr', language: 'fr-FR', name: 'Français', file: 'fr.json' },
      { code: 'es', language: 'es-ES', name: 'Español', file: 'es.json' },
    ],
    detectBrowserLanguage: { useCookie: true, cookieKey: 'chorus_locale', fallbackLocale: 'en', redirectOn: 'root' },
  },
  // Only prefetch a page's code when the user shows interest in a link: prefetching every
  // visible link pulls in chart and map bundles on pages that never use them.
  experimental: { defaults: { nuxtLink: { prefetchOn: { interaction: true, visibility: false } } } },
  runtimeConfig: {
    chorusDb: './data/chorus.db',
    // The password comes from NUXT_SESSION_PASSWORD at run time; the server refuses to start without it.
    session: { password: '', name: 'chorus-session', maxAge: 60 * 60 * 24 * 7, cookie: { sameSite: 'lax' } },
  },
  // The NLP pass requires parts of natural and stopwords-iso on first use, out of the bundler's
  // sight: trace them explicitly so the built server carries them.
  hooks: {
    'nitro:config'(nitroConfig) {
      // Nuxt types this config without Nitro's `externals` and `logging` options, which Nitro reads.
      const config = nitroConfig as { externals?: { traceInclude?: string[] }, logging?: { compressedSizes?: boolean } }
      const traceInclude = Object.values(LAZY_MODULES).map((name) => createRequire(import.meta.url).resolve(name))
      config.externals = { ...config.externals, traceInclude: [...(config.externals?.traceInclude ?? []), ...traceInclude] }
      config.logging = { ...config.logging, compressedSizes: false }
    },
    // feedsmith ships a dependency inside its own dist/node_modules and imports it by a
    // relative path; the server's file tracer moves it elsewhere, so put it back where it is
    // imported from.
    'nitro:init'(nitro) {
      nitro.hooks.hook('compiled', () => {
        const from = resolve('node_modules/feedsmith/dist/node_modules')
        if (existsSync(from)) cpSync(from, resolve(nitro.options.output.serverDir, 'node_modules/feedsmith/dist/node_modules'), { recursive: true })
      })
    },
  },
  typescript: { strict: true },
  // Nothing reads the server's source maps (Node uses them only with --enable-source-maps, and
  // its bundle is not minified), and writing them took about a third of the server bundle's build.
  sourcemap: { server: false, client: false },
  // The build printed every output's gzipped size, which took seconds for numbers nobody reads:
  // the server's output is 110 MB, most of it the language models. Nitro's half of this is
  // turned off in the 'nitro:config' hook above.
  vite: { build: { reportCompressedSize: false } },
})
