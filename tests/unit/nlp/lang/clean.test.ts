import { describe, expect, it } from 'vitest'
import { cleanForDetection } from '../../../../ingest/nlp/lang/clean'

describe('cleanForDetection', () => {
  it('drops links, handles (fediverse ones included) and e-mail addresses', () => {
    expect(cleanForDetection('Lest das https://example.org/a?b=1 und www.heise.de, @anna@chaos.social @bob schreibt an ich@example.de'))
      .toBe('Lest das und , schreibt an')
  })

  it('drops Bluesky handles whole, hyphens included: their letters are no language', () => {
    expect(cleanForDetection('Danke @dr-osei.bsky.social für den Thread.')).toBe('Danke für den Thread.')
  })

  it('drops Reddit\'s u/user and r/subreddit', () => {
    expect(cleanForDetection('u/Salma_Bahr87 بالضبط.')).toBe('بالضبط.')
    expect(cleanForDetection('Lest /u/anna_k und r/de dazu.')).toBe('Lest und dazu.')
  })

  it('keeps the words of hashtags inside a sentence and drops a trailing block of tags', () => {
    expect(cleanForDetection('Wir fordern #Klimaschutz jetzt! #FridaysForFuture #COP28')).toBe('Wir fordern Klimaschutz jetzt!')
  })

  it('keeps the words of hashtags when the post is nothing but tags', () => {
    expect(cleanForDetection('#ClimateJustice #NoPlanetB')).toBe('Climate Justice No Planet B')
  })

  it('decodes entities for letters, drops stray tags and entities for punctuation', () => {
    expect(cleanForDetection('<p>Caf&eacute; &amp; cr&#232;me, d&#xE9;j&agrave; vu&hellip;</p><br/>')).toBe('Café crème, déjà vu')
  })

  it('drops emoji, skin tones, flags and joined sequences', () => {
    expect(cleanForDetection('Merci 🙏🏽 à tous 👨‍👩‍👧 🇫🇷 ❤️')).toBe('Merci à tous')
  })

  it('drops internet laughter that reads the same in any language', () => {
    expect(cleanForDetection('hahaha lol xD')).toBe('')
    expect(cleanForDetection('Ahaha, das Haus ist schön')).toBe('Ahaha, das Haus ist schön')
  })

  it('returns plain prose unchanged', () => {
    expect(cleanForDetection('  Une phrase ordinaire.  ')).toBe('Une phrase ordinaire.')
  })
})
