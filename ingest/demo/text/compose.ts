import type { Lang, TopicId } from '../model'
import type { Random } from '../random'
import { PACKS, SPIKE_TEXT } from './index'
import type { LanguagePack, SpikeText } from './types'

// Fills the hand-written templates: slots get numbers formatted the way each language writes
// them, places of the community, organisations and time phrases. Statements are combined with
// optional openers and closers, within a length budget set by the platform.

export interface TextContext {
  random: Random
  lang: Lang
  topic: TopicId
  /** About the outbreak of the spike rather than the topic's usual news. */
  spike: boolean
  places: string[]
  /** Arabic-Indic or Devanagari digits instead of ASCII ones, as some writers use. */
  nativeDigits: boolean
}

const NATIVE_DIGITS: Partial<Record<Lang, string>> = { ar: '٠١٢٣٤٥٦٧٨٩', hi: '०१२३४५६७८९' }

export function packOf(lang: Lang): LanguagePack {
  return PACKS[lang]
}

function spikeText(lang: Lang): SpikeText | null {
  return SPIKE_TEXT[lang] ?? null
}

/** Facts and views for the context, the outbreak's own lines when it is a spike post. */
function lines(ctx: TextContext): { facts: string[], views: string[] } {
  const outbreak = ctx.spike ? spikeText(ctx.lang) : null
  return outbreak ?? packOf(ctx.lang).topics[ctx.topic]
}

export function groupDigits(value: number, separator: string, lakh = false): string {
  const text = String(value)
  if (text.length <= 3) return text
  if (!lakh) return text.replace(/\B(?=(\d{3})+(?!\d))/g, separator)
  // Indian grouping: the last three digits, then pairs (1,23,400).
  const head = text.slice(0, -3).replace(/\B(?=(\d{2})+(?!\d))/g, separator)
  return `${head}${separator}${text.slice(-3)}`
}

/** Japanese counts in 万 (ten thousand): 12,000 is 1万2,000, 250,000 is 25万. */
export function myriadDigits(value: number, separator: string): string {
  const man = Math.floor(value / 10_000)
  const rest = value % 10_000
  return man === 0 ? groupDigits(value, separator) : `${man}万${rest > 0 ? groupDigits(rest, separator) : ''}`
}

function countText(ctx: TextContext, pack: LanguagePack): string {
  const value = count(ctx.random)
  const { group, lakh, myriad } = pack.digits
  // The press writes both 12,000人 and 1万2,000人; the larger the number, the likelier 万.
  if (myriad && value >= 10_000 && ctx.random.chance(value >= 100_000 ? 0.85 : 0.5)) return localise(myriadDigits(value, group), ctx)
  return localise(groupDigits(value, group, lakh), ctx)
}

function localise(text: string, ctx: TextContext): string {
  const digits = NATIVE_DIGITS[ctx.lang]
  if (!ctx.nativeDigits || !digits) return text
  return text.replace(/[0-9]/g, (d) => digits[Number(d)]!)
}

/** A count of people or households: hundreds to a few hundred thousand, always whole hundreds. */
function count(random: Random): number {
  return Math.round(Math.exp(Math.log(3) + random.next() * Math.log(2500 / 3))) * 100
}

function money(ctx: TextContext, pack: LanguagePack): string {
  const r = ctx.random
  // Whole tens: in Arabic a number ending in zero keeps the counted noun singular.
  const whole = r.int(2, 90) * 10
  const decimal = `${r.int(1, 9)}${pack.digits.decimal}${r.int(1, 9)}`
  return localise(r.pick(pack.money).replace('{int}', String(whole)).replace('{dec}', decimal), ctx)
}

/** Replaces every slot but {@}, which the caller turns into a mention. */
export function fill(template: string, ctx: TextContext): string {
  const pack = packOf(ctx.lang)
  const r = ctx.random
  return template.replace(/\{(place|org|num|pct|money|when)\}/g, (_, slot: string) => {
    switch (slot) {
      case 'place': return r.pick(ctx.places)
      case 'org': return r.pick(pack.orgs)
      case 'num': return countText(ctx, pack)
      case 'pct': return localise(pack.percent.replace('{n}', String(r.int(5, 70))), ctx)
      case 'money': return money(ctx, pack)
      default: return r.pick(pack.when)
    }
  })
}

/** A filled template starts a sentence: "{org} warns..." must not start in lower case. */
function sentence(template: string, ctx: TextContext): string {
  const text = fill(template, ctx)
  return text.charAt(0).toUpperCase() + text.slice(1)
}

/** One statement, a fact more often than a view; never one of the templates already used. */
export function statement(ctx: TextContext, factShare = 0.55, used: string[] = []): string {
  const { facts, views } = lines(ctx)
  const pool = ctx.random.chance(factShare) ? facts : views
  let template = ctx.random.pick(pool)
  for (let i = 0; i < 4 && used.includes(template); i++) template = ctx.random.pick(pool)
  used.push(template)
  return sentence(template, ctx)
}

/** Sentences of an original post: maybe an opener, one to three statements, maybe a closer. */
export function postBody(ctx: TextContext, budget: number): string {
  const pack = packOf(ctx.lang)
  const r = ctx.random
  const used: string[] = []
  let text = statement(ctx, 0.55, used)
  if (r.chance(0.22)) text = fill(r.pick(pack.leads), ctx) + text
  const extra = r.chance(0.4) ? (r.chance(0.15) ? 2 : 1) : 0
  for (let i = 0; i < extra; i++) text = appendWithin(text, statement(ctx, 0.55, used), budget, pack)
  if (r.chance(0.3)) text = appendWithin(text, r.pick(pack.closers), budget, pack)
  return text.length > budget ? statement(ctx) : text
}

export function replyBody(ctx: TextContext, budget: number): string {
  const pack = packOf(ctx.lang)
  const r = ctx.random
  const opener = r.pick(pack.replies)
  return r.chance(0.45) ? appendWithin(opener, statement(ctx, 0.35), budget, pack) : opener
}

export function quoteBody(ctx: TextContext, budget: number): string {
  const pack = packOf(ctx.lang)
  const r = ctx.random
  const comment = r.pick(pack.quotes)
  return r.chance(0.4) ? appendWithin(comment, statement(ctx, 0.3), budget, pack) : comment
}

export function headline(ctx: TextContext): string {
  const outbreak = ctx.spike ? spikeText(ctx.lang) : null
  return sentence(ctx.random.pick((outbreak ?? packOf(ctx.lang).topics[ctx.topic]).headlines), ctx)
}

/** A news item's summary: facts only, no opinions or calls to act; sentences joined as the language does. */
export function newsSummary(ctx: TextContext): string {
  const used: string[] = []
  const first = statement(ctx, 1, used)
  return ctx.random.chance(0.6) ? first + gap(packOf(ctx.lang)) + statement(ctx, 1, used) : first
}

export function question(ctx: TextContext): string {
  const outbreak = ctx.spike ? spikeText(ctx.lang) : null
  return fill(ctx.random.pick((outbreak ?? packOf(ctx.lang).topics[ctx.topic]).questions), ctx)
}

/** Hashtags for a post, main topic tag first; the spike's driving tag whenever it applies. */
export function hashtags(ctx: TextContext, communityTags: string[], max: number): string[] {
  const r = ctx.random
  const outbreak = ctx.spike ? spikeText(ctx.lang) ?? spikeText('sw') : null
  const topical = outbreak ? outbreak.hashtags : packOf(ctx.lang).topics[ctx.topic].hashtags
  const chosen: string[] = []
  if (outbreak || r.chance(0.65)) chosen.push(outbreak ? 'Kipindupindu' : topical[0]!)
  if (r.chance(0.35)) chosen.push(r.pick(topical))
  if (communityTags.length > 0 && r.chance(0.3)) chosen.push(r.pick(communityTags))
  return [...new Set(chosen)].slice(0, max)
}

function gap(pack: LanguagePack): string {
  return pack.sentenceGap ?? ' '
}

function appendWithin(text: string, sentence: string, budget: number, pack: LanguagePack): string {
  const between = gap(pack)
  return text.length + between.length + sentence.length <= budget ? text + between + sentence : text
}
