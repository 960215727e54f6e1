import { describe, expect, it } from 'vitest'
import { chartSvg, DIGEST_CHART_SCALE, DIGEST_CHART_SIZE, ENGLISH_CHART_LABELS, renderDigestChartsPng, textWidth } from '../../../server/digest/charts'
import { DIGEST_CHART_ROWS, digestCharts } from '../../../shared/digest-charts'
import type { DigestBreakdownRow } from '../../../shared/digest'
import { keep, pngSize } from './png'
import { emptyDigest, HOSTILE_TOPIC, sampleDigest } from './sample'

describe('digestCharts', () => {
  it('draws without animation, in the shared font, with a legend', () => {
    for (const option of Object.values(digestCharts(sampleDigest(), ENGLISH_CHART_LABELS))) {
      expect(option.animation).toBe(false)
      expect(option.textStyle).toMatchObject({ fontFamily: 'DejaVu Sans, Noto Sans, sans-serif' })
      expect(option.legend).toBeDefined()
    }
  })

  it('lists the busiest rows first, at most DIGEST_CHART_ROWS, in their topic colours', () => {
    const many = sampleDigest()
    const topic = many.topics[0]!
    many.topics = Array.from({ length: 12 }, (_, i): DigestBreakdownRow => ({ ...topic, key: String(i), label: `Topic ${i}`, current: { ...topic.current, posts: i * 10 } }))
    const { topics } = digestCharts(many, ENGLISH_CHART_LABELS)
    const axis = topics.yAxis as { data: string[] }
    expect(axis.data).toHaveLength(DIGEST_CHART_ROWS)
    // The category axis draws upwards: the busiest topic is the last entry, on top.
    expect(axis.data.at(-1)).toBe('Topic 11')
    const series = topics.series as Array<{ data: Array<number | { itemStyle: { color: string } }> }>
    expect(series[1]!.data.every((d) => typeof d === 'object' && d.itemStyle.color === topic.color)).toBe(true)
  })

  it('gives seven days even when a week is short of counts', () => {
    const short = sampleDigest()
    short.daily = { current: [1, 2], previous: [] }
    const series = digestCharts(short, ENGLISH_CHART_LABELS).daily.series as Array<{ data: number[] }>
    expect(series.map((s) => s.data)).toEqual([[1, 2, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0]])
  })
})

describe('server-side chart pictures', () => {
  it('escapes names in the SVG it hands to resvg', () => {
    const svg = chartSvg(digestCharts(sampleDigest(), ENGLISH_CHART_LABELS).topics)
    expect(svg).toContain('&lt;script&gt;')
    expect(svg).not.toContain(HOSTILE_TOPIC.slice(0, 8))
  })

  it('measures text as wide as DejaVu Sans draws it, CJK a full em', () => {
    expect(textWidth('Mon', '12px DejaVu Sans')).toBeCloseTo((86 + 61 + 63) / 100 * 12)
    expect(textWidth('住宅', '10px sans-serif')).toBe(20)
  })

  for (const [name, digest] of [['sample', sampleDigest()], ['empty', emptyDigest()]] as const) {
    it(`renders the ${name} digest's four charts as PNGs at twice their size`, async () => {
      const charts = await renderDigestChartsPng(digest)
      expect(charts.map((chart) => chart.name)).toEqual(['daily', 'languages', 'topics', 'content'])
      for (const chart of charts) {
        expect({ width: chart.width, height: chart.height }).toEqual(DIGEST_CHART_SIZE)
        expect(pngSize(chart.png)).toEqual({ width: DIGEST_CHART_SIZE.width * DIGEST_CHART_SCALE, height: DIGEST_CHART_SIZE.height * DIGEST_CHART_SCALE })
        expect(chart.png.length).toBeGreaterThan(4_000)
        keep(`${name}-${chart.name}.png`, chart.png)
      }
    })
  }
})
