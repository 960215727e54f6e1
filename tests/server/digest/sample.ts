import { DIGEST_VERSION, type DigestBreakdownRow, type DigestData, type SentimentCounts, type WeekFigures, weekBounds } from '../../../shared/digest'

// Hand-built digests for the text, e-mail and chart tests: a busy week in four languages with
// every kind of fact, and an empty one. The figures add up (daily counts to totals, topics and
// languages to what they break down) so a reader can check any line of the output by hand.

/** A topic name an attacker would pick: markup that must show as text in the e-mail. */
export const HOSTILE_TOPIC = '<script>alert(1)</script> & Co'
/** A post text that would run a script if the e-mail put it in as markup. */
export const HOSTILE_POST = '<img src=x onerror=alert(1)>'

const ZONE = 'Europe/Paris'

function sentiment(positive: number, negative: number, neutral: number, none: number): SentimentCounts {
  return { positive, negative, neutral, none }
}

function figures(posts: number, engagement: number, authors: number, counts: SentimentCounts): WeekFigures {
  return { posts, engagement, authors, sentiment: counts }
}

function row(key: string, label: string, color: string | null, current: WeekFigures, previous: WeekFigures): DigestBreakdownRow {
  return { key, label, color, current, previous }
}

export function sampleDigest(): DigestData {
  return {
    version: DIGEST_VERSION,
    week: weekBounds('2026-W47', ZONE),
    previousWeek: weekBounds('2026-W46', ZONE),
    totals: {
      current: figures(4210, 58_320, 1312, sentiment(1200, 900, 1500, 610)),
      previous: figures(3759, 51_100, 1190, sentiment(1000, 1000, 1300, 459)),
    },
    daily: { current: [520, 610, 580, 900, 640, 520, 440], previous: [500, 540, 560, 590, 610, 520, 439] },
    topics: [
      row('1', 'Climate strike', '#0f766e', figures(2100, 31_000, 700, sentiment(700, 400, 800, 200)), figures(1500, 22_000, 560, sentiment(500, 450, 450, 100))),
      row('3', 'Housing (住宅)', '#4338ca', figures(1500, 19_000, 420, sentiment(350, 300, 600, 250)), figures(1300, 17_500, 400, sentiment(300, 320, 500, 180))),
      row('2', HOSTILE_TOPIC, '#be185d', figures(900, 8_320, 300, sentiment(150, 200, 100, 450)), figures(1200, 11_600, 330, sentiment(200, 230, 350, 420))),
    ],
    languages: [
      row('en', 'English', null, figures(2000, 30_000, 600, sentiment(700, 500, 700, 100)), figures(1800, 27_000, 560, sentiment(600, 560, 600, 40))),
      row('fr', 'French', null, figures(1100, 14_000, 350, sentiment(300, 250, 500, 50)), figures(900, 11_000, 300, sentiment(250, 250, 380, 20))),
      row('ar', 'Arabic', null, figures(600, 8_320, 210, sentiment(120, 100, 200, 180)), figures(700, 9_100, 230, sentiment(100, 150, 220, 230))),
      row('ja', 'Japanese', null, figures(510, 6_000, 152, sentiment(80, 50, 100, 280)), figures(359, 4_000, 100, sentiment(50, 40, 100, 169))),
    ],
    spikes: [{
      id: 17,
      topicId: 1,
      topicName: 'Climate strike',
      topicColor: '#0f766e',
      lang: '*',
      granularity: 'hour',
      start: '2026-11-19T08:00:00.000Z',
      end: '2026-11-19T12:00:00.000Z',
      peakAt: '2026-11-19T10:00:00.000Z',
      peakCount: 240,
      total: 610,
      baseline: 18.4,
      z: 9.7,
      drivers: {
        terms: [{ key: 'general strike', spike: 120, lift: 8.5 }, { key: '<b>march</b>', spike: 64, lift: 4.25 }],
        hashtags: [{ key: '#climatestrike', spike: 210, lift: 6 }],
        authors: [{ key: '@ana@mastodon.example', spike: 22, lift: 11 }],
        links: [],
      },
    }],
    topPosts: [
      {
        id: 101, platform: 'mastodon', url: 'https://mastodon.example/@ana/101', authorId: 1, handle: '@ana@mastodon.example', authorName: 'Ana Lima',
        title: null, text: 'Thousands on the streets today for the general strike. #climatestrike', lang: 'en',
        createdAt: '2026-11-19T09:12:00.000Z', engagement: 3450, topics: [{ id: 1, name: 'Climate strike', color: '#0f766e' }],
      },
      {
        id: 102, platform: 'rss', url: 'javascript:alert(1)', authorId: 2, handle: 'feed:news.example', authorName: '<b>News</b> Example',
        title: 'Rents <em>up</em> again', text: HOSTILE_POST, lang: 'fr',
        createdAt: '2026-11-17T06:00:00.000Z', engagement: 1210, topics: [{ id: 2, name: HOSTILE_TOPIC, color: '#be185d' }, { id: 3, name: 'Housing (住宅)', color: '#4338ca' }],
      },
      {
        id: 103, platform: 'bluesky', url: 'https://bsky.example/profile/kenji/post/103', authorId: 3, handle: '@kenji.bsky.example', authorName: null,
        title: null, text: '家賃がまた上がった。住宅問題について話し合おう。', lang: 'ja',
        createdAt: '2026-11-20T12:30:00.000Z', engagement: 980, topics: [{ id: 3, name: 'Housing (住宅)', color: '#4338ca' }],
      },
    ],
    network: {
      current: { authors: 1312, ties: 4800, communities: 3, modularity: 0.41 },
      previous: { authors: 1190, ties: 4100, communities: 4, modularity: 0.38 },
      rising: [
        {
          authorId: 4, handle: '@lina@social.example', name: 'Lina', profileUrl: 'https://social.example/@lina',
          score: 72.5, previousScore: 40.1, change: 32.4, rank: 3, previousRank: 12, community: 1, lang: 'ar',
        },
        {
          authorId: 3, handle: '@kenji.bsky.example', name: null, profileUrl: 'https://bsky.example/profile/kenji',
          score: 55, previousScore: null, change: 55, rank: 5, previousRank: null, community: 2, lang: 'ja',
        },
      ],
      communities: [
        {
          community: 1, size: 240, terms: ['climate', 'strike', '<b>march</b>'], hashtags: ['#climatestrike'],
          languages: [{ lang: 'en', share: 0.6 }, { lang: 'ar', share: 0.3 }, { lang: 'fr', share: 0.1 }],
          members: [{ authorId: 1, handle: '@ana@mastodon.example' }, { authorId: 4, handle: '@lina@social.example' }], rising: 1,
        },
        {
          community: 2, size: 120, terms: ['rent', 'housing', '住宅'], hashtags: [],
          languages: [{ lang: 'ja', share: 0.7 }, { lang: 'en', share: 0.3 }],
          members: [{ authorId: 3, handle: '@kenji.bsky.example' }], rising: 1,
        },
        {
          community: 3, size: 45, terms: ['tenants'], hashtags: ['#loyers'],
          languages: [{ lang: 'fr', share: 1 }],
          members: [{ authorId: 2, handle: 'feed:news.example' }], rising: 0,
        },
      ],
    },
    content: {
      rows: [
        { lang: 'en', planned: 5, published: 4 },
        { lang: 'fr', planned: 3, published: 3 },
        { lang: 'ar', planned: 2, published: 0 },
        { lang: 'ja', planned: 1, published: 1 },
      ],
      items: [
        {
          id: 31, title: 'Strike day explainer', publishAt: '2026-11-18T08:00:00.000Z', timeZone: ZONE,
          versions: [{ lang: 'en', status: 'published' }, { lang: 'fr', status: 'published' }, { lang: 'ar', status: 'translating' }],
        },
        {
          id: 32, title: 'Q4 report <b>draft</b>', publishAt: '2026-11-20T15:00:00.000Z', timeZone: ZONE,
          versions: [{ lang: 'en', status: 'review' }, { lang: 'ja', status: 'published' }],
        },
      ],
    },
    summary: [
      { kind: 'volume', posts: 4210, previous: 3759 },
      { kind: 'sentiment', net: 300 / 3600, previousNet: 0 },
      { kind: 'topicUp', topic: 'Climate strike', posts: 2100, previous: 1500 },
      { kind: 'topicDown', topic: HOSTILE_TOPIC, posts: 900, previous: 1200 },
      { kind: 'languageUp', lang: 'ja', posts: 510, previous: 359 },
      { kind: 'languageDown', lang: 'ar', posts: 600, previous: 700 },
      { kind: 'spikes', count: 1, topic: 'Climate strike', peakCount: 240, peakAt: '2026-11-19T10:00:00.000Z' },
      { kind: 'rising', handle: '@lina@social.example', change: 32.4, newcomer: false, communityTerms: ['climate', 'strike', '<b>march</b>'] },
      { kind: 'rising', handle: '@kenji.bsky.example', change: 55, newcomer: true, communityTerms: ['rent', 'housing'] },
      { kind: 'content', planned: 11, published: 8, unpublishedLangs: ['ar'] },
    ],
  }
}

const NOTHING = figures(0, 0, 0, sentiment(0, 0, 0, 0))

/** A week in which nothing matched: every figure zero, the topics still listed. */
export function emptyDigest(): DigestData {
  const sample = sampleDigest()
  return {
    ...sample,
    totals: { current: NOTHING, previous: NOTHING },
    daily: { current: [0, 0, 0, 0, 0, 0, 0], previous: [0, 0, 0, 0, 0, 0, 0] },
    topics: sample.topics.map((topic) => ({ ...topic, current: NOTHING, previous: NOTHING })),
    languages: [],
    spikes: [],
    topPosts: [],
    network: {
      current: { authors: 0, ties: 0, communities: 0, modularity: null },
      previous: { authors: 0, ties: 0, communities: 0, modularity: null },
      rising: [],
      communities: [],
    },
    content: { rows: [], items: [] },
    summary: [{ kind: 'quiet' }],
  }
}
