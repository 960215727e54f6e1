import { describe, expect, it } from 'vitest'
import { matchQuery, QuerySyntaxError } from '../../../../ingest/nlp/query'

const matches = (query: string, text: string) => matchQuery(query, text).matched

describe('matchQuery: input it cannot work with', () => {
  it('throws the syntax error of an invalid query', () => {
    expect(() => matchQuery('refugees AND', 'refugees')).toThrow(QuerySyntaxError)
  })

  it('matches nothing in an empty text', () => {
    expect(matchQuery('refugees OR camp', '')).toEqual({ matched: false, terms: [] })
  })
})

describe('boolean operators', () => {
  it('AND needs both sides', () => {
    expect(matches('refugees AND camp', 'the camp for refugees')).toBe(true)
    expect(matches('refugees AND camp', 'refugees arrive')).toBe(false)
  })

  it('OR needs either side', () => {
    expect(matches('refugees OR migrants', 'migrants at the border')).toBe(true)
    expect(matches('refugees OR migrants', 'tourists at the border')).toBe(false)
  })

  it('NOT excludes, as a binary operator and after AND', () => {
    expect(matches('refugees NOT football', 'refugees welcome')).toBe(true)
    expect(matches('refugees NOT football', 'refugees football team')).toBe(false)
    expect(matches('refugees AND NOT football', 'refugees football team')).toBe(false)
  })

  it('binds NOT and NEAR tighter than AND, and AND tighter than OR', () => {
    expect(matches('flood OR refugees AND camp', 'flood warning')).toBe(true)
    expect(matches('flood OR refugees AND camp', 'refugees arrive')).toBe(false)
    expect(matches('NOT spam AND refugees', 'refugees arrive')).toBe(true)
    expect(matches('flood OR refugee NEAR/1 camp', 'refugee families reach the camp')).toBe(false)
    expect(matches('flood OR refugee NEAR/1 camp', 'flood')).toBe(true)
  })

  it('follows parentheses over precedence', () => {
    expect(matches('(flood OR refugees) AND camp', 'flood warning')).toBe(false)
    expect(matches('(flood OR refugees) AND camp', 'flood camp')).toBe(true)
  })

  it('searches lower-case and, or, not as words', () => {
    expect(matches('not', 'I am not sure')).toBe(true)
    expect(matches('"salt and pepper"', 'Salt and pepper chips')).toBe(true)
  })
})

describe('phrases', () => {
  it('needs the words in a row, in order', () => {
    expect(matches('"camp de réfugiés"', 'Le camp de réfugiés de Calais')).toBe(true)
    expect(matches('"camp de réfugiés"', 'un camp pour les réfugiés')).toBe(false)
    expect(matches('"camp de réfugiés"', 'réfugiés de camp')).toBe(false)
  })

  it('takes a wildcard on a word inside the quotes', () => {
    expect(matches('"refug* camp"', 'a refugee camp')).toBe(true)
    expect(matches('"refug* camp"', 'a refugee transit camp')).toBe(false)
  })
})

describe('hashtags and mentions', () => {
  it('a plain term matches the word and a hashtag with the same text, not a mention', () => {
    expect(matches('refugees', 'Stand with #Refugees')).toBe(true)
    expect(matches('unhcr', 'thanks @unhcr')).toBe(false)
  })

  it('#tag matches hashtags only', () => {
    expect(matches('#refugees', 'Stand with #REFUGEES')).toBe(true)
    expect(matches('#refugees', 'Stand with refugees')).toBe(false)
    expect(matches('#refugees', 'Stand with #RefugeesWelcome')).toBe(false)
  })

  it('@user matches the account on any instance, and only mentions', () => {
    expect(matches('@unhcr', 'report by @UNHCR')).toBe(true)
    expect(matches('@unhcr', 'boosted @unhcr@mastodon.social')).toBe(true)
    expect(matches('@unhcr', 'unhcr and #unhcr')).toBe(false)
    expect(matches('@unhcr', 'boosted @unhcr_fr@mastodon.social')).toBe(false)
  })

  it('@user@instance matches that handle only', () => {
    expect(matches('@unhcr@mastodon.social', 'via @unhcr@Mastodon.Social')).toBe(true)
    expect(matches('@unhcr@mastodon.social', 'via @unhcr@other.example')).toBe(false)
    expect(matches('@unhcr@mastodon.social', 'via @unhcr')).toBe(false)
  })

  it('@handle.domain matches a Bluesky handle whole', () => {
    expect(matches('@amina.bsky.social', 'cc @Amina.bsky.social.')).toBe(true)
    expect(matches('@amina.bsky.social', 'cc @amina.example.org')).toBe(false)
    expect(matches('@amina*', 'cc @amina.bsky.social')).toBe(true)
    expect(matches('bsky', 'cc @amina.bsky.social')).toBe(false)
  })

  it('@user matches a Reddit u/user mention', () => {
    expect(matches('@sarah_compass20', 'u/Sarah_Compass20 Kabisa.')).toBe(true)
    expect(matches('compass20', 'u/Sarah_Compass20 Kabisa.')).toBe(false)
  })

  it('does not read an e-mail address as a mention', () => {
    expect(matches('@unhcr', 'write to press@unhcr.org')).toBe(false)
  })
})

describe('wildcards', () => {
  it('matches words that start with the prefix, accents folded', () => {
    expect(matches('refug*', 'Réfugiés en hiver')).toBe(true)
    expect(matches('refug*', 'a refuge for the night')).toBe(true)
    expect(matches('refug*', 'not a prefugee')).toBe(false)
  })

  it('matches hashtags as a plain term does, and #prefix* hashtags only', () => {
    expect(matches('refug*', '#RefugeesWelcome')).toBe(true)
    expect(matches('#refug*', '#RefugeesWelcome')).toBe(true)
    expect(matches('#refug*', 'refugees welcome')).toBe(false)
  })

  it('matches mentions by prefix', () => {
    expect(matches('@unhcr*', 'cc @unhcr_fr@mastodon.social')).toBe(true)
  })

  it('takes two characters before the * in Chinese, Japanese or Korean, where they are a word', () => {
    expect(matches('난민*', '난민들은 겨울을 앞두고 있다')).toBe(true)
    expect(matches('난민*', '피난은 계속된다')).toBe(false)
    expect(matches('难民*', '难民营里的冬天很冷')).toBe(true)
  })
})

describe('NEAR/n', () => {
  it('matches within n tokens between, in either order', () => {
    expect(matches('refugee NEAR/3 camp', 'refugee families reach the camp')).toBe(true)
    expect(matches('refugee NEAR/3 camp', 'the camp will host every refugee')).toBe(true)
  })

  it('stops at the limit', () => {
    expect(matches('refugee NEAR/3 camp', 'refugee one two three camp')).toBe(true)
    expect(matches('refugee NEAR/3 camp', 'refugee one two three four camp')).toBe(false)
    expect(matches('refugee NEAR/3 camp', 'camp one two three four refugee')).toBe(false)
  })

  it('NEAR/0 means side by side', () => {
    expect(matches('refugee NEAR/0 camp', 'camp refugee')).toBe(true)
    expect(matches('refugee NEAR/0 camp', 'camp for refugee')).toBe(false)
  })

  it('measures from the ends of a phrase and takes OR groups', () => {
    expect(matches('"camp de réfugiés" NEAR/1 hiver', "l'hiver au camp de réfugiés")).toBe(true)
    expect(matches('(refugee OR migrant) NEAR/2 (camp OR shelter)', 'a migrant night shelter')).toBe(true)
    expect(matches('(refugee OR migrant) NEAR/2 (camp OR shelter)', 'a migrant spent the night at the shelter')).toBe(false)
  })

  it('needs two places in the text, not one word matching both sides', () => {
    expect(matches('camp NEAR/3 camp*', 'camp')).toBe(false)
    expect(matches('camp NEAR/3 camp*', 'camp and campsite')).toBe(true)
  })

  it('does not count links as tokens', () => {
    expect(matches('refugee NEAR/0 camp', 'refugee https://example.org/a/b camp')).toBe(true)
  })

  it('chains: each NEAR measures from the pair before it', () => {
    expect(matches('winter NEAR/1 refugee NEAR/1 camp', 'winter refugee camp')).toBe(true)
    expect(matches('winter NEAR/1 refugee NEAR/1 camp', 'winter refugee x y camp')).toBe(false)
  })
})

describe('which terms matched', () => {
  it('reports the matched terms as written, in query order, once each', () => {
    expect(matchQuery('"camp de réfugiés" OR refug* OR Calais', 'Calais : les réfugiés du camp de réfugiés')).toEqual({
      matched: true, terms: ['"camp de réfugiés"', 'refug*', 'Calais'],
    })
  })

  it('leaves out terms that did not match and terms under NOT', () => {
    expect(matchQuery('(refugees OR migrants) NOT spam', 'refugees welcome')).toEqual({ matched: true, terms: ['refugees'] })
  })

  it('reports only the NEAR sides that are near each other', () => {
    expect(matchQuery('(refugee OR migrant) NEAR/1 camp', 'refugee camp, and far away a migrant')).toEqual({ matched: true, terms: ['refugee', 'camp'] })
  })
})

describe('case and accents', () => {
  it('ignores case and Latin accents both ways', () => {
    expect(matches('réfugiés', 'REFUGIES')).toBe(true)
    expect(matches('REFUGIES', 'les réfugiés')).toBe(true)
    expect(matches('Ελλάδα', 'ΕΛΛΑΔΑ')).toBe(true)
    expect(matches('ёлка', 'ЕЛКА')).toBe(true)
  })

  it('folds the Turkish dotted and dotless i', () => {
    expect(matches('istanbul', 'İSTANBUL')).toBe(true)
    expect(matches('İzmir', 'IZMIR')).toBe(true)
    expect(matches('izmir', 'ızmir')).toBe(true)
  })

  it('reads German ß as ss', () => {
    expect(matches('Straße', 'STRASSE')).toBe(true)
    expect(matches('strasse', 'die Straße')).toBe(true)
  })

  it('ignores Arabic short vowels', () => {
    expect(matches('لاجئين', 'مخيم اللاجئين و لاجِئِينَ')).toBe(true)
    expect(matches('لاجِئِينَ', 'دعم لاجئين')).toBe(true)
    expect(matches('لاجئين', 'مخيم')).toBe(false)
  })

  it('takes either apostrophe', () => {
    expect(matches("aujourd'hui", 'Aujourd’hui à Calais')).toBe(true)
  })
})

describe('hyphenated and elided words', () => {
  it('finds the whole word and each of its pieces', () => {
    expect(matches('covid-19', 'COVID-19 vaccines')).toBe(true)
    expect(matches('covid', 'COVID-19 vaccines')).toBe(true)
    expect(matches('asile', 'une demande d’asile')).toBe(true)
  })

  it('does not match a piece of a word that has none', () => {
    expect(matches('covid', 'covidiots')).toBe(false)
  })
})

describe('scripts written without spaces', () => {
  it('finds a Chinese word inside unspaced text, not a substring across words', () => {
    expect(matches('人民', '中国人民')).toBe(true)
    // 人民|主权: "民主" is there as characters, not as a word.
    expect(matches('民主', '人民主权')).toBe(false)
  })

  it('does not depend on how the segmenter cut the post', () => {
    // In context the segmenter cuts 疫情 into 疫|情; the query word still matches.
    expect(matches('疫情', '新冠疫情很严重')).toBe(true)
  })

  it('finds a Japanese word and respects word boundaries', () => {
    expect(matches('コーヒー', '今日はコーヒーを飲みました')).toBe(true)
    expect(matches('京都', '京都に行きました')).toBe(true)
    // 東京|都: Kyoto is not in "Tokyo Metropolis".
    expect(matches('京都', '東京都に住んでいます')).toBe(false)
  })

  it('finds a Thai word, and a word the segmenter splits behaves as one', () => {
    expect(matches('ค่าย', 'ผู้ลี้ภัยในค่ายพักพิง')).toBe(true)
    expect(matches('ผู้ลี้ภัย', 'ผู้ลี้ภัยในค่ายพักพิง')).toBe(true)
    expect(matches('ผู้ลี้ภัย NEAR/1 ค่าย', 'ผู้ลี้ภัยในค่ายพักพิง')).toBe(true)
    // ตากลม is one word; ลม (wind) at its end is not a word of the post.
    expect(matches('ลม', 'ตากลม')).toBe(false)
  })

  it('reads Latin words the same inside Chinese text', () => {
    expect(matches('covid-19', '新冠covid-19疫情')).toBe(true)
    expect(matches('"e-mail"', '请发e-mail给我')).toBe(true)
  })
})
