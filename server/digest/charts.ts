import { renderAsync } from '@resvg/resvg-js'
import { BarChart, LineChart } from 'echarts/charts'
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components'
import { init, setPlatformAPI, use } from 'echarts/core'
import { SVGRenderer } from 'echarts/renderers'
import { DIGEST_CHART_FONT, type DigestChartLabels, type DigestCharts, digestCharts } from '../../shared/digest-charts'
import type { DigestData } from '../../shared/digest'
import { languageName } from '../../shared/languages'

// The digest's charts as PNG pictures for the e-mail: mail clients do not run scripts and many
// (Outlook, Gmail) show no SVG, so ECharts draws each chart to an SVG string on the server and
// resvg turns it into a PNG. Only the parts of ECharts the digest draws are registered (the
// tooltip too, though it never shows in a picture, so the shared options need no server variant).
use([SVGRenderer, BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent])
// Without a canvas ECharts guesses text widths from Arial's; DejaVu Sans, which draws the
// pictures, is wider, so labels overran the picture and legend entries ran into each other.
setPlatformAPI({ measureText: (text, font) => ({ width: textWidth(text ?? '', font) }) })

export type DigestChartName = keyof DigestCharts

export interface DigestChartPng {
  name: DigestChartName
  png: Buffer
  /** Size to show the picture at, in CSS pixels; the PNG has SCALE times as many. */
  width: number
  height: number
}

export const DIGEST_CHART_SIZE = { width: 560, height: 240 } as const
/** Pixels per CSS pixel: drawn at twice the size so the charts stay sharp on high-density screens. */
export const DIGEST_CHART_SCALE = 2

export const ENGLISH_CHART_LABELS: DigestChartLabels = {
  thisWeek: 'This week',
  previousWeek: 'Previous week',
  days: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
  posts: 'Posts',
  planned: 'Planned',
  published: 'Published',
  language: languageName,
}

// The light theme of the app (Tailwind slate), as the e-mail's background is white.
const LIGHT_THEME = {
  backgroundColor: '#ffffff',
  textStyle: { color: '#334155', fontFamily: DIGEST_CHART_FONT },
  legend: { textStyle: { color: '#334155' } },
  categoryAxis: { axisLine: { lineStyle: { color: '#cbd5e1' } }, axisLabel: { color: '#334155' }, splitLine: { lineStyle: { color: '#e2e8f0' } } },
  valueAxis: { axisLine: { lineStyle: { color: '#cbd5e1' } }, axisLabel: { color: '#64748b' }, splitLine: { lineStyle: { color: '#e2e8f0' } }, nameTextStyle: { color: '#64748b' } },
}

const ORDER: readonly DigestChartName[] = ['daily', 'languages', 'topics', 'content']

/** Advance widths of DejaVu Sans for ' ' to '~', in hundredths of an em (from its hmtx table). */
const DEJAVU_ASCII = [
  32, 40, 46, 84, 64, 95, 78, 27, 39, 39, 50, 84, 32, 36, 32, 34, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 34, 34, 84, 84, 84, 53,
  100, 68, 69, 70, 77, 63, 58, 77, 75, 29, 29, 66, 56, 86, 75, 79, 60, 79, 69, 63, 61, 73, 68, 99, 69, 61, 69, 39, 34, 39, 84, 50,
  50, 61, 63, 55, 63, 62, 35, 63, 63, 28, 28, 58, 28, 97, 63, 61, 63, 63, 41, 52, 39, 63, 59, 82, 59, 59, 52, 64, 34, 64, 84,
]
// Ideographs, kana, hangul and full-width forms take a whole em.
const WIDE = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{20000}-\u{3fffd}]/u
// Other scripts (accented Latin, Cyrillic, Arabic…) average 0.6–0.74 em in DejaVu Sans.
const OTHER_EM = 0.74

/** Width of a text in CSS pixels, erring wide: a label cut a little early beats one cut off. */
export function textWidth(text: string, font: string | undefined): number {
  const size = Number(/(\d+(?:\.\d+)?)px/.exec(font ?? '')?.[1] ?? 12)
  let ems = 0
  for (const char of text) {
    const code = char.codePointAt(0)!
    const ascii = code >= 32 && code < 127 ? DEJAVU_ASCII[code - 32] : undefined
    ems += ascii !== undefined ? ascii / 100 : WIDE.test(char) ? 1 : OTHER_EM
  }
  return ems * size
}

export async function renderDigestChartsPng(data: DigestData): Promise<DigestChartPng[]> {
  const options = digestCharts(data, ENGLISH_CHART_LABELS)
  const charts: DigestChartPng[] = []
  // One after the other: each render loads the system fonts and holds a full bitmap.
  for (const name of ORDER) {
    charts.push({ name, png: await svgToPng(chartSvg(options[name])), ...DIGEST_CHART_SIZE })
  }
  return charts
}

/** One chart as an SVG document of DIGEST_CHART_SIZE. */
export function chartSvg(option: DigestCharts[DigestChartName]): string {
  const chart = init(null, LIGHT_THEME, { renderer: 'svg', ssr: true, ...DIGEST_CHART_SIZE })
  try {
    chart.setOption(option)
    return preferCjkFont(chart.renderToSVGString())
  }
  finally {
    chart.dispose()
  }
}

// resvg takes a font missing a glyph's place from the first installed face that has it, and
// then sets the whole line in it: a label with Chinese or Japanese came out in a serif CJK face.
// A CJK sans named first keeps such labels in one sans face (its Latin letters included).
const CJK = /[\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7a3\uf900-\ufaff\uff00-\uff60]/u
const CJK_FONTS = 'Noto Sans CJK JP, Noto Sans CJK SC, Noto Sans CJK KR, Source Han Sans, '

function preferCjkFont(svg: string): string {
  return svg.replace(/<text([^>]*)>([^<]*)<\/text>/g, (element, attributes: string, content: string) => (CJK.test(content)
    ? `<text${attributes.replace('font-family:', `font-family:${CJK_FONTS}`)}>${content}</text>`
    : element))
}

async function svgToPng(svg: string): Promise<Buffer> {
  // renderAsync rasterises on a worker thread, so a digest run does not stall the server.
  const image = await renderAsync(svg, {
    fitTo: { mode: 'zoom', value: DIGEST_CHART_SCALE },
    background: '#ffffff',
    // DejaVu on Debian, Noto (with CJK) in CI: the first installed family named in the chart's
    // font list is used, and resvg falls back to any system font that has a missing glyph.
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' },
    logLevel: 'off',
  })
  return Buffer.from(image.asPng())
}
