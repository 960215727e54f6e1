import { describe, expect, it } from 'vitest'
import { entitiesOf, termsOf } from '../../../../ingest/nlp/text'

const MASTODON_POST = 'Floods in Nairobi: @unhcr@mastodon.social and @MSF_Kenya are on the ground. '
  + 'Donate via https://www.msf.org/kenya-floods?utm_source=mastodon, or www.redcross.or.ke. '
  + '#ClimateJustice #KenyaFloods #climatejustice #2024'

describe('entitiesOf', () => {
  it('finds the hashtags, mentions, links and domains of a Mastodon post', () => {
    const entities = entitiesOf(MASTODON_POST, 'en')
    expect(entities.hashtags).toEqual(['climatejustice', 'kenyafloods'])
    expect(entities.mentions).toEqual(['unhcr@mastodon.social', 'msf_kenya'])
    expect(entities.links).toEqual(['https://msf.org/kenya-floods', 'https://redcross.or.ke/'])
    expect(entities.domains).toEqual(['msf.org', 'redcross.or.ke'])
    expect(entities.names).toEqual(['Nairobi'])
  })

  it('reads a Bluesky handle as one mention, not as a name and a word "bsky.social"', () => {
    const post = 'Great thread by @amina.bsky.social and @dr-osei.example.org. The @WHO-led plan starts today.'
    const entities = entitiesOf(post, 'en')
    expect(entities.mentions).toEqual(['amina.bsky.social', 'dr-osei.example.org', 'who'])
    expect(termsOf(post, 'en').map((term) => term.key).filter((key) => key.includes('bsky') || key.includes('example'))).toEqual([])
  })

  it('reads Reddit\'s u/name as a mention of that name', () => {
    expect(entitiesOf('u/Sarah_Compass20 Kabisa, and /u/dr-osei agrees (see r/worldnews).', 'sw').mentions).toEqual(['sarah_compass20', 'dr-osei'])
  })

  it('keeps hashtags in any script, lower-cased with their accents', () => {
    expect(entitiesOf('#Éducation #لاجئين #ΕΛΛΑΔΑ', 'fr').hashtags).toEqual(['éducation', 'لاجئين', 'ελλαδα'])
  })

  it('finds runs of capitalised words as names, with their particles', () => {
    const text = 'Teams from Médecins Sans Frontières and the Bank of America met the Organisation mondiale de la Santé near Nairobi.'
    expect(entitiesOf(text, 'en').names).toEqual(['Médecins Sans Frontières', 'Bank of America', 'Organisation', 'Santé', 'Nairobi'])
    expect(entitiesOf("Réunion de l'Organisation Mondiale de la Santé à Genève.", 'fr').names).toEqual(['Organisation Mondiale de la Santé', 'Genève'])
    expect(entitiesOf('Floods hit Kenya and Uganda this week.', 'en').names).toEqual(['Kenya', 'Uganda'])
  })

  it('does not take a capital at the start of a sentence for a name, unless the word is capitalised again', () => {
    expect(entitiesOf('Yesterday the rain stopped. Rescuers arrived.', 'en').names).toEqual([])
    expect(entitiesOf('Nairobi is flooded. Aid is reaching Nairobi slowly.', 'en').names).toEqual(['Nairobi'])
    expect(entitiesOf('The Red Cross said so.', 'en').names).toEqual(['Red Cross'])
    expect(entitiesOf('Médecins Sans Frontières sent a team.', 'en').names).toEqual(['Médecins Sans Frontières'])
  })

  it('leaves out stopwords, shouting, lone German nouns and scripts without capitals', () => {
    expect(entitiesOf('Then I said that You were right', 'en').names).toEqual([])
    expect(entitiesOf('we said THIS IS A DISASTER for everyone', 'en').names).toEqual([])
    expect(entitiesOf('a statement from UNHCR today', 'en').names).toEqual(['UNHCR'])
    expect(entitiesOf('Die Regierung in Berlin hat mit Angela Merkel gesprochen.', 'de').names).toEqual(['Angela Merkel'])
    expect(entitiesOf('وصل الفريق إلى نيروبي', 'ar').names).toEqual([])
    expect(entitiesOf('代表团抵达内罗毕', 'zh').names).toEqual([])
  })

  it('reads a Turkish name without its case suffix', () => {
    expect(entitiesOf("Dün akşam İstanbul'da ve Ankara'nın merkezinde yağmur yağdı.", 'tr').names).toEqual(['İstanbul', 'Ankara'])
  })

  it('drops links that are not http(s) or cannot be parsed', () => {
    expect(entitiesOf('see http://[::1 and http://x:99999 or https://%zz', 'en').links).toEqual([])
  })
})
