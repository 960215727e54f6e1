import type { Lang } from '../model'
import { ar } from './ar'
import { de } from './de'
import { en, enSpike } from './en'
import { es } from './es'
import { fr } from './fr'
import { hi } from './hi'
import { ja } from './ja'
import { pt } from './pt'
import { sw, swSpike } from './sw'
import type { LanguagePack, SpikeText } from './types'

export type { LanguagePack, SpikeText, TopicText } from './types'

export const PACKS: Record<Lang, LanguagePack> = { en, fr, es, pt, ar, sw, hi, de, ja }

/** The outbreak is discussed in Swahili and English; other languages keep their usual topics. */
export const SPIKE_TEXT: Partial<Record<Lang, SpikeText>> = { sw: swSpike, en: enSpike }
