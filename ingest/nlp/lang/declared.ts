import { isLanguageCode, type LanguageCode } from '../../../shared/languages'

// Platforms declare languages as BCP 47 tags ("pt-BR", "zh-Hant"), some with retired or
// macro-language codes: Java-era "iw"/"in"/"ji", Twitter's "fil", ISO 639-2 "ind", "msa"…
const ALIASES: Record<string, LanguageCode> = {
  iw: 'he', in: 'id', fil: 'tl', zsm: 'ms', msa: 'ms', may: 'ms', ind: 'id', cmn: 'zh', yue: 'zh', zho: 'zh', chi: 'zh',
  fas: 'fa', per: 'fa', pes: 'fa', arb: 'ar', ara: 'ar', swh: 'sw', swa: 'sw', tgl: 'tl',
}

/** The Chorus language a declared tag names, or null for none of ours (or nothing usable). */
export function declaredLanguage(tag: string | null | undefined): LanguageCode | null {
  if (!tag) return null
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0]!
  if (isLanguageCode(primary)) return primary
  return ALIASES[primary] ?? null
}
