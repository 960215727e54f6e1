import { describe, expect, it } from 'vitest'
import { dominantScript, languageByLetters, scriptProfile } from '../../../../ingest/nlp/lang/script'

function byScript(text: string) {
  const profile = scriptProfile(text)
  const { script } = dominantScript(profile)
  return { script, lang: languageByLetters(script, profile) }
}

describe('script detection', () => {
  it('names the language of a script only one of ours uses', () => {
    expect(byScript('สวัสดีครับ วันนี้อากาศดี')).toEqual({ script: 'Thai', lang: 'th' })
    expect(byScript('오늘 날씨가 정말 좋네요')).toEqual({ script: 'Hangul', lang: 'ko' })
    expect(byScript('Καλημέρα σε όλους')).toEqual({ script: 'Greek', lang: 'el' })
    expect(byScript('שלום לכולם')).toEqual({ script: 'Hebrew', lang: 'he' })
    expect(byScript('வணக்கம் நண்பர்களே')).toEqual({ script: 'Tamil', lang: 'ta' })
    expect(byScript('সবাইকে শুভেচ্ছা')).toEqual({ script: 'Bengali', lang: 'bn' })
    expect(byScript('आज मौसम अच्छा है')).toEqual({ script: 'Devanagari', lang: 'hi' })
  })

  it('tells Japanese by its kana, and Chinese by Han alone', () => {
    expect(byScript('今日はいい天気ですね').lang).toBe('ja')
    expect(byScript('今天天气很好，我们去公园吧').lang).toBe('zh')
    // The borrowed の of Chinese advertising does not make a Chinese sentence Japanese.
    expect(byScript('我的の生活很有意思，每天都很开心').lang).toBe('zh')
  })

  it('lets CJK text carry a post that quotes Latin brand names', () => {
    expect(byScript('iPhone 15 Pro Max が発売されました').lang).toBe('ja')
  })

  it('tells Ukrainian from Russian by і ї є ґ and ы э ъ ё', () => {
    expect(byScript('Привіт, як справи? Це її книжка.').lang).toBe('uk')
    expect(byScript('Это была хорошая идея, мы все рады.').lang).toBe('ru')
    expect(byScript('Привет, как дела?').lang).toBeNull()
  })

  it('tells Urdu and Persian from Arabic by the letters only they write', () => {
    expect(byScript('یہ ایک بہت اچھی کتاب ہے اور میں اسے پڑھ رہا ہوں').lang).toBe('ur')
    expect(byScript('این کتاب بسیار خوبی است و من آن را می‌خوانم و دوستش دارم').lang).toBe('fa')
    expect(byScript('هذه فكرة جيدة جدا ونحن سعداء بها').lang).toBe('ar')
  })

  it('leaves a few Persian-lettered words open, since Urdu writes those letters too', () => {
    expect(byScript('مطابق سرکاری').lang).toBeNull()
  })

  it('reports Cyrillic letters neither Russian nor Ukrainian uses', () => {
    expect(scriptProfile('Добар дан, како си? Људи су овде.').otherCyrillic).toBeGreaterThan(0)
  })
})
