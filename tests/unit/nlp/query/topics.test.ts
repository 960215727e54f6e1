import { describe, expect, it } from 'vitest'
import { compileTopics, type TopicDefinition } from '../../../../ingest/nlp/query'
import { tokenize } from '../../../../ingest/nlp/tokens'

function topic(id: number, queries: Record<string, string>): TopicDefinition {
  return { id, queries: Object.entries(queries).map(([lang, query]) => ({ lang, query })) }
}

const refugees = topic(1, {
  en: 'refugee* OR "asylum seekers"',
  fr: 'réfugié* OR "demandeurs d\'asile"',
  ar: 'لاجئ* OR مخيم',
})

const matchedIds = (topics: TopicDefinition[], lang: string | null, text: string) =>
  compileTopics(topics).match({ lang, text }).map((match) => match.topicId)

describe('compileTopics: queries that do not parse', () => {
  it('reports them with their topic and language, and keeps the topic\'s other queries', () => {
    const matcher = compileTopics([topic(7, { en: 'refugees AND', fr: 'réfugiés' })])
    expect(matcher.problems).toHaveLength(1)
    expect(matcher.problems[0]).toMatchObject({ topicId: 7, lang: 'en', error: { code: 'expected_term', position: 12 } })
    expect(matcher.match({ lang: 'fr', text: 'les réfugiés' })).toEqual([{ topicId: 7, terms: ['réfugiés'] }])
  })

  it('matches nothing without topics', () => {
    expect(compileTopics([]).match({ lang: 'en', text: 'refugees' })).toEqual([])
  })
})

describe('per-language keyword sets', () => {
  it('tests a French post against the French query, not the Arabic one', () => {
    expect(matchedIds([refugees], 'fr', 'Les réfugiés arrivent')).toEqual([1])
    expect(matchedIds([refugees], 'fr', 'Le mot مخيم veut dire camp')).toEqual([])
    expect(matchedIds([refugees], 'ar', 'Le mot مخيم veut dire camp')).toEqual([1])
  })

  it('does not match a language the topic has no query for', () => {
    expect(matchedIds([refugees], 'de', 'Refugees welcome')).toEqual([])
  })

  it('tests every post against the query for all languages as well', () => {
    const withAll = topic(2, { '*': '#unhcr OR @unhcr', fr: 'réfugié*' })
    expect(matchedIds([withAll], 'de', 'Danke #UNHCR')).toEqual([2])
    expect(matchedIds([withAll], 'fr', 'Les réfugiés')).toEqual([2])
    expect(matchedIds([withAll], 'fr', 'Merci @unhcr@mastodon.social')).toEqual([2])
  })

  it('tests a post of unknown language against every language\'s query', () => {
    expect(matchedIds([refugees], 'und', 'Les réfugiés arrivent')).toEqual([1])
    expect(matchedIds([refugees], null, 'مخيم')).toEqual([1])
    expect(matchedIds([refugees], 'und', 'Tourists arrive')).toEqual([])
  })

  it('reports the terms of every query that matched a post of unknown language', () => {
    const [match] = compileTopics([refugees]).match({ lang: 'und', text: 'refugees / réfugiés / لاجئين' })
    expect(match).toEqual({ topicId: 1, terms: ['refugee*', 'réfugié*', 'لاجئ*'] })
  })

  it('chooses the query by the primary language subtag', () => {
    const portuguese = topic(3, { pt: 'refugiados' })
    expect(matchedIds([portuguese], 'pt-BR', 'Refugiados no Brasil')).toEqual([3])
  })
})

describe('TopicMatcher.match', () => {
  it('returns every matching topic, in topic order, with its own terms', () => {
    const topics = [topic(1, { '*': 'flood*' }), topic(2, { '*': 'camp' }), topic(3, { '*': 'refugee*' })]
    expect(compileTopics(topics).match({ lang: 'en', text: 'Refugees leave the flooded camp' })).toEqual([
      { topicId: 1, terms: ['flood*'] },
      { topicId: 2, terms: ['camp'] },
      { topicId: 3, terms: ['refugee*'] },
    ])
  })

  it('lets topics share terms without mixing up their results', () => {
    const topics = [topic(1, { '*': 'camp AND refugees' }), topic(2, { '*': 'camp NOT refugees' })]
    expect(matchedIds(topics, 'en', 'refugees at the camp')).toEqual([1])
    expect(matchedIds(topics, 'en', 'summer camp')).toEqual([2])
  })

  it('reads the tokens it is given instead of tokenizing the text again', () => {
    const matcher = compileTopics([topic(1, { '*': 'refugees' })])
    expect(matcher.match({ lang: 'en', text: 'unrelated', tokens: tokenize('refugees') })).toEqual([{ topicId: 1, terms: ['refugees'] }])
  })

  it('gives the same answer for many posts in a row', () => {
    const matcher = compileTopics([refugees, topic(2, { '*': 'refug* NEAR/2 camp' })])
    const posts = ['refugee camp', 'nothing here', 'les réfugiés', 'refugee camp']
    expect(posts.map((text) => matcher.match({ lang: 'en', text }).map((m) => m.topicId))).toEqual([[1, 2], [], [], [1, 2]])
  })
})
