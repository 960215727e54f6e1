import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createLanguageDetector, type LanguageDetector } from '../../../../ingest/nlp/lang'
import { buildDetector } from '../../../../ingest/nlp/lang/detect'
import { LATIN_LANGUAGES } from '../../../../ingest/nlp/lang/function-words'
import { loadLingua, type LinguaStage } from '../../../../ingest/nlp/lang/lingua'
import { DEFAULT_TUNING } from '../../../../ingest/nlp/lang/tuning'
import { LANGUAGE_CODES } from '../../../../shared/languages'

const SWAHILI = 'Habari za asubuhi! Leo tunaenda sokoni kwa sababu tunahitaji chakula na matunda kwa ajili ya familia yetu.'

let detector: LanguageDetector
beforeAll(async () => {
  detector = await createLanguageDetector()
  // Lingua loads the models of the Latin-script languages on first use: pay it here.
  detector.detect('warm up')
}, 60_000)

describe('createLanguageDetector', () => {
  it('refuses a code Chorus does not list', async () => {
    await expect(createLanguageDetector({ languages: ['xx' as never] })).rejects.toThrow(/unknown language code/)
  })

  it('works with all 33 languages unless told otherwise', () => {
    expect(detector.languages).toHaveLength(33)
  })
})

describe('detect', () => {
  it('tags text with no letters as und, with confidence 0', () => {
    expect(detector.detect('😀🎉👍🏽')).toEqual({ lang: 'und', confidence: 0 })
    expect(detector.detect('https://example.org @someone #42 12:30')).toEqual({ lang: 'und', confidence: 0 })
    expect(detector.detect('')).toEqual({ lang: 'und', confidence: 0 })
  })

  it('tags a Mastodon post declared en but written in Swahili as sw', () => {
    expect(detector.detect(SWAHILI, 'en').lang).toBe('sw')
  })

  it('tags a short Swahili proverb sw, though "tiba" (cure) is an Indonesian function word', () => {
    // "kuliko" (than) is Swahili's alone: without it among the function words, Swahili had no
    // evidence of its own and was left out of the languages the model weighs.
    expect(detector.detect('Kinga ni bora kuliko tiba.').lang).toBe('sw')
    expect(detector.detect('Uzi muhimu, asante. Kinga ni bora kuliko tiba.', 'en').lang).toBe('sw')
    // Swahili "hilo" (that) is Spanish for a thread: counted for Swahili, it made this Catalan.
    expect(detector.detect('Hilo importante, gracias.').lang).toBe('es')
  })

  it('does not take a declaration on trust: a Mastodon status declared ja in Latin letters is not Japanese', () => {
    const statuses = JSON.parse(readFileSync(join(__dirname, '../../../fixtures/mastodon/mastodonpy_test_hashtag_tl.2.json'), 'utf8')) as { language: string, content: string }[]
    const toot = statuses.find((status) => status.language === 'ja')!
    expect(toot.content).toContain('(hashtag toot)')
    expect(detector.detect(toot.content, 'ja').lang).not.toBe('ja')
    expect(detector.detect('今日はいい天気ですね', 'en').lang).toBe('ja')
  })

  it('lets a declared language tip a close call, in any BCP 47 form', () => {
    // Two words that Spanish and Portuguese (and Catalan) write alike.
    const close = 'capital federal'
    expect(detector.detect(close, 'pt-BR').lang).toBe('pt')
    expect(detector.detect(close, 'es-419').lang).toBe('es')
    expect(detector.detect(close, 'ca').lang).toBe('ca')
  })

  it('reads through the noise of a real post: links, mentions, hashtags, emoji and HTML', () => {
    const post = '<p>@anna@chaos.social Danke für den Hinweis! 🙏 Der Artikel über die neue Bahnstrecke ist wirklich lesenswert: '
      + '<a href="https://example.org/bahn">https://example.org/bahn</a> &amp; spannend #Verkehrswende #ÖPNV</p>'
    expect(detector.detect(post).lang).toBe('de')
  })

  it('answers with a confidence between 0 and 1, higher for a clear sentence than for two words', () => {
    const long = detector.detect('The committee will publish its report on the new housing policy next week, after the consultation.')
    const short = detector.detect('house prices')
    expect(long.lang).toBe('en')
    expect(long.confidence).toBeGreaterThan(0.9)
    expect(long.confidence).toBeLessThanOrEqual(1)
    expect(short.confidence).toBeLessThan(long.confidence)
    expect(short.confidence).toBeGreaterThanOrEqual(0)
  })

  it('says und for a Finnish or Czech post rather than naming the closest of its languages', () => {
    expect(detector.detect('Tämä on hyvä päivä, ja me menemme kauppaan ostamaan ruokaa illaksi.').lang).toBe('und')
    expect(detector.detect('Dnes je krásný den a jdeme spolu do obchodu koupit jídlo.').lang).toBe('und')
    expect(detector.detect('Добар дан, како си? Људи су овде већ дуго.').lang).toBe('und')
  })

  it('takes one word of the declared language\'s own for an answer, unless the declaration is en', () => {
    // lingua alone reads "Hii" (Swahili "this") as Somali, which showed among the languages of the demo's Swahili outbreak.
    expect(detector.detect('Hii 👇 #Kipindupindu', 'sw').lang).toBe('sw')
    // English is every platform's default, and its list holds "cases": a Catalan sentence stays Catalan.
    expect(detector.detect('Cases rurals a Espanya i França i Andorra.', 'en').lang).toBe('ca')
  })

  it('says und for a lone word it cannot tell apart, unless its language was declared', () => {
    // lingua reads the Spanish reply "Exacto." as Romanian (0.26 against 0.22): 32 demo replies showed as Romanian.
    expect(detector.detect('@ccardoso Exacto.')).toEqual({ lang: 'und', confidence: 0 })
    expect(detector.detect('Exacto.', 'es').lang).toBe('es')
    expect(detector.detect('Exactly.').lang).toBe('en')
    expect(detector.detect('Obrigado!').lang).toBe('pt')
    // A function word of the answer's is support enough, however unsure the model.
    expect(detector.detect('Ceci 👇 #SantéMondiale').lang).toBe('fr')
    // Two words are no longer a lone word: "Exacto, gracias." is Spanish.
    expect(detector.detect('Exacto, gracias.').lang).toBe('es')
  })

  it('does not let a Reddit username decide the language of a short reply', () => {
    // The Latin letters of "u/Salma_Bahr87" outnumbered the Arabic word's and made it Turkish.
    expect(detector.detect('u/Salma_Bahr87 بالضبط.').lang).toBe('ar')
  })

  it('does not call a post foreign on one word of another language\'s list written twice', () => {
    // "Belém" is in the Hungarian list ("into me"): twice, it outweighed the Portuguese words.
    expect(detector.detect('Direto de Belém: As chuvas em Belém ficaram 33% abaixo da média.').lang).toBe('pt')
    expect(detector.detect('Jó reggelt, ez egy magyar nyelvű üzenet, és nagyon hosszú is.').lang).toBe('und')
  })

  it('tells Indonesian from Malay by the words their standards spell differently', () => {
    expect(detector.detect('Kerajaan Malaysia berkata bahawa wang itu akan digunakan untuk membina hospital baharu di Selangor.').lang).toBe('ms')
    expect(detector.detect('Pemerintah Indonesia mengatakan bahwa uang itu akan digunakan untuk membangun rumah sakit baru di Jakarta.').lang).toBe('id')
  })
})

describe('detect, narrowed to the languages an instance works in', () => {
  let narrowed: LanguageDetector
  beforeAll(async () => {
    narrowed = await createLanguageDetector({ languages: ['ar', 'fr', 'en'] })
  })

  it('chooses among them only', () => {
    expect(narrowed.languages).toEqual(['ar', 'en', 'fr'])
    expect(narrowed.detect('Bonjour à tous, la réunion commence à neuf heures demain matin.').lang).toBe('fr')
    expect(narrowed.detect('مرحبا بكم في موقعنا الجديد').lang).toBe('ar')
  })

  it('says und for a clear text in a language it does not work in', () => {
    expect(narrowed.detect('Der Zug nach Berlin hat heute leider wieder eine Stunde Verspätung.').lang).toBe('und')
    expect(narrowed.detect('این کتاب بسیار خوبی است و من آن را می‌خوانم و دوستش دارم').lang).toBe('und')
    expect(narrowed.detect('Привет, как дела? Это была хорошая идея.').lang).toBe('und')
  })

  it('says und for a text in another of Chorus\'s Latin-script languages, whose words do not clearly lead', async () => {
    // The model used to weigh only the candidates: this Spanish read as English at 0.999.
    expect(narrowed.detect('Los refugiados en los campamentos necesitan ayuda urgente por la falta de comida y agua').lang).toBe('und')
    expect(narrowed.detect('Els refugiats als camps necessiten ajuda urgent per la manca de menjar i aigua').lang).toBe('und')
    expect(narrowed.detect('Bonjour à tous, la réunion commence à neuf heures demain matin.').lang).toBe('fr')
    // One Latin-script language used to be the answer for any Latin-script text.
    const spanish = await createLanguageDetector({ languages: ['es'] })
    expect(spanish.detect('Os refugiados nos campos precisam de ajuda urgente por causa da falta de comida e água').lang).toBe('und')
    expect(spanish.detect('Los refugiados en los campamentos necesitan ayuda urgente por la falta de comida y agua')).toEqual({ lang: 'es', confidence: expect.any(Number) })
  })

  it('counts Malay as Indonesian for an instance that works in Indonesian only', async () => {
    const indonesian = await createLanguageDetector({ languages: ['id'] })
    expect(indonesian.detect('Kerajaan Malaysia berkata bahawa wang itu akan digunakan untuk membina hospital baharu di Selangor.').lang).toBe('id')
  })
})

describe('a declaration the words agree with', () => {
  // Spanish leads Catalan here by less than the fast path asks of an undeclared text.
  const SPANISH = 'Según una red de organizaciones sociales, 3.700 personas enfrentan inseguridad alimentaria aguda en Ciudad de México. El precio de los alimentos sube.'

  it('settles the post without the model when the declared language leads the function words', () => {
    const staged = buildDetector(null, LANGUAGE_CODES)
    expect(staged.explain(SPANISH).stage).toBe('model')
    expect(staged.explain(SPANISH, 'es')).toMatchObject({ lang: 'es', stage: 'words' })
  })

  it('does not let a declaration the words contradict skip the model', () => {
    expect(buildDetector(null, LANGUAGE_CODES).explain(SPANISH, 'pt').stage).toBe('model')
  })
})

describe('the languages the model weighs', () => {
  // The real model, with the candidate lists it is asked about written down.
  let asked: (readonly string[])[]
  let modes: (string | undefined)[]
  let staged: ReturnType<typeof buildDetector>
  beforeAll(async () => {
    const lingua = await loadLingua()
    const watching: LinguaStage = {
      scores(text, candidates, mode) {
        asked.push(candidates)
        modes.push(mode)
        return lingua.scores(text, candidates, mode)
      },
    }
    staged = buildDetector(watching, LANGUAGE_CODES)
  }, 60_000)

  beforeEach(() => {
    asked = []
    modes = []
  })

  it('are only the leaders of the function words once a text has a few words', () => {
    // Portuguese, with Spanish and Catalan function words close behind: too close for the words alone.
    const answer = staged.explain('A merenda escolar atende 2.300 crianças em Cuiabá, mas o recurso está acabando.')
    expect(answer).toMatchObject({ lang: 'pt', stage: 'model' })
    expect(asked).toHaveLength(1)
    expect(asked[0]).toEqual(expect.arrayContaining(['pt', 'es']))
    expect(asked[0]!.length).toBeLessThanOrEqual(4)
  })

  it('are every Latin-script language for two words, where the function words say too little', () => {
    expect(staged.explain('capital federal').stage).toBe('model')
    expect(asked).toEqual([LATIN_LANGUAGES])
  })

  it('are every Latin-script language when the function words point at one language only', () => {
    // "kuna" (there is) is Swahili's alone: topping it up to four by the list's order asked
    // the model about Catalan, German and English, and not Spanish.
    expect(staged.explain('Kuna reunion importante, gracias.')).toMatchObject({ lang: 'es', stage: 'model' })
    expect(asked).toEqual([LATIN_LANGUAGES])
  })

  it('always include the declared language', () => {
    staged.explain('A merenda escolar atende 2.300 crianças em Cuiabá, mas o recurso está acabando.', 'sw')
    expect(asked[0]).toContain('sw')
  })

  it('are told by their trigrams alone in a sentence, by every n-gram in a few words', () => {
    const sentence = 'A merenda escolar atende 2.300 crianças em Cuiabá, mas o recurso está acabando.'
    expect(sentence.length).toBeGreaterThanOrEqual(DEFAULT_TUNING.trigramsFrom)
    expect(staged.explain(sentence).lang).toBe('pt')
    expect(staged.explain('capital federal').stage).toBe('model')
    expect(modes).toEqual(['trigrams', 'full'])
  })
})
