import type { EChartsOption } from 'echarts'
import type { DigestBreakdownRow, DigestData } from './digest'
import { paletteColour } from './palette'

// The digest's four charts as ECharts options, shared by the Digest page (drawn in the browser)
// and the e-mail (drawn on the server to SVG, then PNG). Both places draw the same picture, so
// the options hold no text colours (the page's theme or the server's sets them), no animation
// (a server render takes the first frame) and fonts that exist in the browser and in the
// server's fontconfig alike.

export interface DigestChartLabels {
  thisWeek: string
  previousWeek: string
  /** Seven short weekday names, Monday first. */
  days: string[]
  posts: string
  planned: string
  published: string
  language: (code: string) => string
}

export interface DigestCharts {
  daily: EChartsOption
  languages: EChartsOption
  topics: EChartsOption
  content: EChartsOption
}

export const DIGEST_CHART_FONT = 'DejaVu Sans, Noto Sans, sans-serif'

/** Bars listed in a breakdown chart: more would not leave a readable label at mail size. */
export const DIGEST_CHART_ROWS = 8

// The previous week is drawn in a neutral slate that reads on light and dark backgrounds alike,
// so "this week" is the only coloured thing and the eye goes to it.
const PREVIOUS = '#94a3b8'
const THIS_WEEK = paletteColour(0)
const PLANNED = paletteColour(6)
const PUBLISHED = paletteColour(4)
// Stands for "each topic's own colour" in the topics chart's legend: a mid slate, seen on light and dark.
const TOPIC_LEGEND = '#64748b'
const LABEL_WIDTH = 120

// Grouped like the axes' numbers (ECharts writes 2,000), so a bar's figure matches its axis.
const count = new Intl.NumberFormat('en')
const VALUE_LABEL = {
  show: true,
  position: 'right',
  fontFamily: DIGEST_CHART_FONT,
  fontSize: 11,
  formatter: ({ value }: { value: unknown }) => count.format(Number(value)),
} as const

export function digestCharts(data: DigestData, labels: DigestChartLabels): DigestCharts {
  return {
    daily: dailyChart(data, labels),
    languages: breakdownChart(topRows(data.languages), labels, (row) => labels.language(row.key), () => THIS_WEEK),
    topics: breakdownChart(topRows(data.topics), labels, (row) => row.label, (row, index) => row.color ?? paletteColour(index)),
    content: contentChart(data, labels),
  }
}

function base(): EChartsOption {
  return {
    animation: false,
    textStyle: { fontFamily: DIGEST_CHART_FONT, fontSize: 12 },
    legend: legend(),
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
  }
}

// Bars for this week and a dashed line for the one before: the two differ in shape, not only
// in colour, for readers who cannot tell the colours apart.
function dailyChart(data: DigestData, labels: DigestChartLabels): EChartsOption {
  return {
    ...base(),
    // The legend keeps to the right so the axis's name, top left, does not read as one of its entries.
    legend: { ...legend(), left: 'auto', right: 8 },
    grid: { top: 32, left: 8, right: 16, bottom: 8 },
    xAxis: { type: 'category', data: labels.days.slice(0, 7), axisTick: { alignWithLabel: true } },
    yAxis: { type: 'value', name: labels.posts, nameTextStyle: { align: 'left' }, minInterval: 1 },
    series: [
      { type: 'bar', name: labels.thisWeek, data: sevenDays(data.daily.current), itemStyle: { color: THIS_WEEK }, barMaxWidth: 36 },
      {
        type: 'line', name: labels.previousWeek, data: sevenDays(data.daily.previous),
        itemStyle: { color: PREVIOUS }, lineStyle: { type: 'dashed', width: 2 }, symbol: 'circle', symbolSize: 6,
      },
    ],
  }
}

function sevenDays(counts: readonly number[]): number[] {
  return Array.from({ length: 7 }, (_, day) => counts[day] ?? 0)
}

function topRows(rows: readonly DigestBreakdownRow[]): DigestBreakdownRow[] {
  return [...rows].sort((a, b) => b.current.posts - a.current.posts || b.previous.posts - a.previous.posts).slice(0, DIGEST_CHART_ROWS)
}

// Horizontal bars so long topic and language names stay on one line; the largest row on top.
function breakdownChart(
  rows: readonly DigestBreakdownRow[],
  labels: DigestChartLabels,
  name: (row: DigestBreakdownRow) => string,
  colour: (row: DigestBreakdownRow, index: number) => string,
): EChartsOption {
  // The category axis draws its first entry at the bottom, hence the reversal.
  const ordered = rows.map((row, index) => ({ row, colour: colour(row, index) })).reverse()
  const perRowColour = ordered.some((entry) => entry.colour !== THIS_WEEK)
  return {
    ...base(),
    grid: { top: 28, left: 8, right: 56, bottom: 8 },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: categoryAxis(ordered.map((entry) => name(entry.row))),
    series: [
      {
        type: 'bar', name: labels.previousWeek, itemStyle: { color: PREVIOUS }, barGap: '10%', barMaxWidth: 14,
        data: ordered.map((entry) => entry.row.previous.posts),
      },
      {
        type: 'bar', name: labels.thisWeek, itemStyle: { color: perRowColour ? TOPIC_LEGEND : THIS_WEEK }, barMaxWidth: 14,
        label: VALUE_LABEL,
        data: ordered.map((entry) => ({ value: entry.row.current.posts, itemStyle: { color: entry.colour } })),
      },
    ],
    // The legend lists this week first, as people read it.
    legend: { ...legend(), data: [labels.thisWeek, labels.previousWeek] },
  }
}

function contentChart(data: DigestData, labels: DigestChartLabels): EChartsOption {
  const rows = [...data.content.rows]
    .sort((a, b) => b.planned - a.planned || b.published - a.published || a.lang.localeCompare(b.lang))
    .slice(0, DIGEST_CHART_ROWS)
    .reverse()
  return {
    ...base(),
    grid: { top: 28, left: 8, right: 56, bottom: 8 },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: categoryAxis(rows.map((row) => labels.language(row.lang))),
    series: [
      { type: 'bar', name: labels.published, itemStyle: { color: PUBLISHED }, barGap: '10%', barMaxWidth: 14, label: VALUE_LABEL, data: rows.map((row) => row.published) },
      { type: 'bar', name: labels.planned, itemStyle: { color: PLANNED }, barMaxWidth: 14, label: VALUE_LABEL, data: rows.map((row) => row.planned) },
    ],
    legend: { ...legend(), data: [labels.planned, labels.published] },
  }
}

function legend() {
  return { top: 0, left: 'center', itemWidth: 14, itemHeight: 10, textStyle: { fontFamily: DIGEST_CHART_FONT, fontSize: 12 } }
}

function categoryAxis(names: string[]): EChartsOption['yAxis'] {
  return {
    type: 'category',
    data: names,
    axisTick: { show: false },
    // Long names are cut with an ellipsis rather than pushing the bars off the picture.
    axisLabel: { width: LABEL_WIDTH, overflow: 'truncate', fontFamily: DIGEST_CHART_FONT },
  }
}
