import { hashtagWords, MENTION_PATTERN, REDDIT_MENTION_PATTERN } from '../tokens'

// What a detector should read of a post: its prose. Links, handles and emoji are the same in
// every language and only pull short posts towards whichever language their letters resemble
// (a German post with three URLs looks English). HTML leftovers come from feeds and from
// Mastodon's HTML statuses when a renderer missed them.

const NOISE = new RegExp([
  // A link ends before the punctuation that follows it in the sentence.
  String.raw`(?<url>(?:https?:\/\/|www\.)[^\s<>"]*[^\s<>".,;:!?)\]}'»])`,
  // Handles as the tokenizer reads them: @name@host.example, @name.bsky.social, Reddit's u/name;
  // and subreddits (r/worldnews).
  String.raw`(?<mention>${MENTION_PATTERN}|${REDDIT_MENTION_PATTERN}|(?<![\p{L}\p{N}_/])\/?r\/[A-Za-z0-9_]{2,21}(?![A-Za-z0-9_]))`,
  String.raw`(?<hashtag>(?<![\p{L}\p{N}_&])#[\p{L}\p{M}\p{N}_]+)`,
  String.raw`(?<tag><\/?[a-zA-Z][^<>]{0,300}>)`,
  String.raw`(?<entity>&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});)`,
  String.raw`(?<email>[\w.+-]+@[\w-]+\.[\w.-]+)`,
  // Internet laughter and exclamations are written the same across languages.
  String.raw`(?<laugh>(?<![\p{L}\p{N}])(?:(?:[hH][aAeE]){2,}[hH]?|[lL][oO]+[lL]|[lL][mM][aA][oO]+|[rR][oO][fF][lL]|[xX][dD]+|[oO][mM][gG])(?![\p{L}\p{N}]))`,
].join('|'), 'gu')

const MAYBE_NOISE = /:\/\/|www\.|[@#<&]|[ur]\/|[hH][aAeE][hH]|[lL][oO]+[lL]|[lL][mM][aA][oO]|[rR][oO][fF][lL]|[xX][dD]|[oO][mM][gG]/
// Emoji live in the astral planes (surrogates D83C-D83E), the symbol blocks 2190-2BFF, or
// join and select with 200D, FE0E/FE0F and 20E3.
const MAYBE_PICTOGRAPH = /[\u00a9\u00ae\u2190-\u2bff\u3030\u303d\u3297\u3299\ud83c-\ud83e]|\u20e3|\u200d|\ufe0e|\ufe0f/
const PICTOGRAPHS = /[\p{Extended_Pictographic}\p{Emoji_Modifier}\p{Regional_Indicator}]|\u20e3|\u200d|\ufe0e|\ufe0f/gu
// Named entities for accented letters follow one pattern (&eacute; = e + acute accent).
const ACCENT_ENTITY = /^&([a-zA-Z])(acute|grave|circ|tilde|uml|cedil|ring);$/
const ACCENTS: Record<string, string> = { acute: '\u0301', grave: '\u0300', circ: '\u0302', tilde: '\u0303', uml: '\u0308', cedil: '\u0327', ring: '\u030a' }
const LETTER_ENTITIES: Record<string, string> = { szlig: 'ß', oelig: 'œ', OElig: 'Œ', aelig: 'æ', AElig: 'Æ', oslash: 'ø', Oslash: 'Ø', eth: 'ð', thorn: 'þ' }
/* eslint-disable no-control-regex */
const FENCE = /\u0000/g
const FENCED = /\u0000[^\u0000]*\u0000/g
const TRAILING_TAGS = /(?:\s*\u0000[^\u0000]*\u0000)+[\s\p{P}]*$/u
/* eslint-enable no-control-regex */
const ENTITY_SPACES = new Set(['nbsp', 'ensp', 'emsp', 'thinsp'])

function decodeEntity(entity: string): string {
  if (entity[1] === '#') {
    const hex = entity[2] === 'x' || entity[2] === 'X'
    const code = Number.parseInt(entity.slice(hex ? 3 : 2, -1), hex ? 16 : 10)
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : ' '
  }
  const name = entity.slice(1, -1)
  const accented = ACCENT_ENTITY.exec(entity)
  if (accented) return (accented[1]! + ACCENTS[accented[2]!]).normalize('NFC')
  if (ENTITY_SPACES.has(name)) return ' '
  // &amp;, &quot;, &hellip;... are punctuation: no language evidence either way.
  return LETTER_ENTITIES[name] ?? ' '
}

/**
 * Post text reduced to the words a language detector should weigh. Hashtags inside a sentence
 * keep their words ("Wir fordern #Klimaschutz jetzt"); a trailing block of tags is dropped,
 * being labels often in English whatever the post's language, unless nothing else is left.
 */
export function cleanForDetection(text: string): string {
  // Most posts have nothing to remove: cheap tests first, the full expressions only if needed.
  let out = text
  if (MAYBE_NOISE.test(out)) out = removeNoise(out)
  if (MAYBE_PICTOGRAPH.test(out)) out = out.replace(PICTOGRAPHS, ' ')
  return out === text ? text.trim() : out.replace(/\s+/g, ' ').trim()
}

function removeNoise(text: string): string {
  // Hashtag words are fenced by NUL marks until we know whether they trail the post.
  let out = text.replace(NOISE, (match, ...rest) => {
    const groups = rest.at(-1) as Record<string, string | undefined>
    if (groups.hashtag) return `\u0000${hashtagWords(match.slice(1)).join(' ')}\u0000`
    if (groups.entity) return decodeEntity(match)
    return ' '
  })
  if (out.includes('\u0000')) {
    const trailing = TRAILING_TAGS.exec(out)
    if (trailing && /\p{L}/u.test(out.slice(0, trailing.index).replace(FENCED, ''))) out = out.slice(0, trailing.index)
    out = out.replace(FENCE, ' ')
  }
  return out
}
