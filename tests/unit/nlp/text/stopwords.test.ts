import { describe, expect, it } from 'vitest'
import { LANGUAGE_CODES } from '../../../../shared/languages'
import { stopwordsFor, termsOf, textCoverage } from '../../../../ingest/nlp/text'
import { fold } from '../../../../ingest/nlp/tokens'
import { webSentences } from './fixtures'

/** The single words a text yields as terms, lower-case as written. */
function words(text: string, lang: string): string[] {
  return termsOf(text, lang).filter((term) => !term.key.includes(' ') && !term.key.startsWith('#')).map((term) => term.surface.toLowerCase())
}

describe('stopwords per language', () => {
  it.each([
    ['en', 'And hiking through the rainforest along the world famous Westcoast Trail presents its own challenges', ['and', 'through', 'the', 'along', 'its', 'own'], ['rainforest', 'trail']],
    ['fr', "Ce travail s'appuiera sur le jeu, pour faire le lien avec l'action éco-citoyenne.", ['ce', 'sur', 'le', 'pour', 'avec'], ['travail', 'action', 'éco-citoyenne']],
    ['es', 'Las proyecciones dieron inicio con los Reconocimientos Universitarios', ['las', 'con', 'los'], ['proyecciones', 'universitarios']],
    ['de', 'Ihre schweren, dicht mit Federn bedeckten Körper und die kurzen Flügel', ['ihre', 'mit', 'und', 'die'], ['federn', 'körper', 'flügel']],
    ['ru', 'За январь 2006 года в войсках уже зарегистрировано 829 случаев дедовщины', ['за', 'уже'], ['войсках', 'дедовщины']],
    ['ar', 'يواصل العلماء من الصين والولايات المتحدة البحث عن الدلفين الأبيض', ['من', 'عن'], ['العلماء', 'الدلفين']],
    ['zh', '据报导，目前舟山市已启动抗旱二级应急响应', ['据', '已'], ['抗旱', '舟山', '市']],
    ['ja', 'この会議は東京で開かれます。そして、それは重要です。', ['この', 'ます', 'そして', 'それ', 'です'], ['会議', '東京', '重要']],
    // The lists completed here (stopwords.ts): the first words would otherwise lead the keyphrases.
    ['uk', 'На жаль, не всі діти в Україні мають доступ до води, і це дуже важливо.', ['на', 'не', 'всі', 'в', 'і', 'дуже'], ['діти', 'україні', 'доступ', 'води']],
    ['sw', 'Vituo vya afya hii si vingi, au kuna wagonjwa ambao bado wanasubiri.', ['vya', 'hii', 'si', 'au', 'kuna', 'ambao', 'bado'], ['vituo', 'afya', 'wagonjwa']],
    ['hi', 'हम अस्पताल गए और मैंने देखा कि दवाएं ख़त्म हो गई थीं, अब मदद होगी।', ['हम', 'गए', 'मैंने', 'गई', 'अब', 'होगी'], ['अस्पताल', 'दवाएं', 'मदद']],
    // "According to": a stopword in English, French, Spanish and Portuguese, and now here too.
    ['ar', 'ارتفعت الحالات بحسب وزارة الصحة.', ['بحسب'], ['الحالات', 'وزارة', 'الصحة']],
    ['sw', 'Visa vimeongezeka kwa mujibu wa wizara ya afya.', ['kwa', 'mujibu', 'wa'], ['visa', 'wizara', 'afya']],
  ])('removes the stopwords of %s and keeps its content words', (lang, text, stop, kept) => {
    const found = words(text, lang)
    for (const word of stop) expect(found, word).not.toContain(word)
    for (const word of kept) expect(found, word).toContain(word)
  })

  it('leaves out the hiragana pieces the segmenter cuts Japanese verbs into, and keeps kanji and katakana words', () => {
    // From the demo's Japanese news: わかった is cut わか|っ|た, ありません ありま|せん, 避難してきた 避難|してき|た.
    const found = words('政府開発援助（ODA）が減り、最大の落ち込みとなったことがわかった。避難してきた家族はまだ戻れていません。チームに感謝します、ありがとう。', 'ja')
    expect(found).toEqual(['政府', '開発', '援助', 'oda', '減', '最大', '落ち込み', '避難', '家族', '戻', 'チーム', '感謝'])
  })

  it('removes Greek stopwords written with accents although the list spells them without', () => {
    expect(stopwordsFor('el').has('είναι', 'ειναι')).toBe(true)
    expect(words('Η παραμονή στο νοσοκομείο είναι μεγαλύτερη', 'el')).toEqual(['παραμονή', 'νοσοκομείο', 'μεγαλύτερη'])
  })

  it('keeps words whose accents make them different words from a stopword', () => {
    // German "schon" (already) and Turkish "şu" (that) are stopwords; "schön" and "su" (water) are not.
    expect(words('Das Wetter ist schön', 'de')).toContain('schön')
    expect(words('Das Wetter ist schon besser', 'de')).not.toContain('schon')
    expect(words('Temiz su içmek için şu çeşmeyi kullanın', 'tr')).toContain('su')
    expect(words('Temiz su içmek için şu çeşmeyi kullanın', 'tr')).not.toContain('şu')
  })

  it('removes two-word stopwords of Vietnamese, written as two syllables', () => {
    expect(words('Bao giờ bạn đến Hà Nội', 'vi')).toEqual(['hà', 'nội'])
  })

  it('keeps the names and topics the Malay news-frequency list would hide, and removes its function words', () => {
    const found = words('Kerajaan Malaysia dan rakyat di Kuala Lumpur yang menyokong pendidikan', 'ms')
    expect(found).toEqual(expect.arrayContaining(['kerajaan', 'malaysia', 'kuala', 'lumpur', 'pendidikan']))
    expect(found).not.toContain('dan')
    expect(found).not.toContain('yang')
  })

  it('removes the commonest Urdu, Somali and Tamil function words, which the published lists miss', () => {
    expect(words('پاکستان میں سیلاب سے شہری متاثر', 'ur')).toEqual(['پاکستان', 'سیلاب', 'شہری', 'متاثر'])
    expect(words('Dhulka iyo dadka Soomaaliya', 'so')).toEqual(['dhulka', 'dadka', 'soomaaliya'])
    expect(words('இலங்கை மற்றும் இந்தியா ஒரு நாடு', 'ta')).toEqual(['இலங்கை', 'இந்தியா', 'நாடு'])
  })

  it('drops numbers, lone letters and link fragments in every language, and in an undetermined one', () => {
    for (const lang of ['en', 'sw', 'und']) {
      expect(words('Flood 2024 x http www com amp nbsp 3.5 www.example.org relief', lang)).toEqual(['flood', 'relief'])
    }
  })

  it('keeps a single Chinese character, which can be a whole word', () => {
    expect(words('猫 和 狗', 'zh')).toContain('猫')
  })

  it('has a list for every one of the 33 languages, and says where each comes from', () => {
    const coverage = textCoverage()
    expect(coverage.map((row) => row.lang)).toEqual(LANGUAGE_CODES)
    for (const row of coverage) expect(row.stopwords, row.lang).toBeGreaterThan(25)
    const bySource = (source: string) => coverage.filter((row) => row.stopwordSource === source).map((row) => row.lang)
    expect(bySource('written for Chorus')).toEqual(['ta'])
    expect(bySource('stopwords-iso, completed')).toEqual(['ar', 'hi', 'ja', 'so', 'sw', 'tl', 'uk', 'ur', 'yo'])
    expect(bySource('stopwords-iso, function words only')).toEqual(['ms'])
  })

  it('removes stopwords from the real web sentences of every language', () => {
    for (const lang of LANGUAGE_CODES) {
      const list = stopwordsFor(lang)
      const kept = webSentences(lang).flatMap(({ text }) => words(text, lang))
      expect(kept.length, lang).toBeGreaterThan(10)
      expect(kept.filter((word) => list.has(word, fold(word))), lang).toEqual([])
    }
  })
})
