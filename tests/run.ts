// `npm test`. The end-to-end files run one at a time (one server, one browser) and spend most of
// their time waiting on them: alone they keep about three quarters of one core busy, while the
// unit and server files keep both cores busy. So the two run as two vitest processes side by
// side, and this prints what each printed, then one line for the whole run. The end-to-end run
// is the longer one, its steps one after another: the unit and server files leave it a core
// (one file at a time on two cores), so that its steps do not wait behind two test files.
// With arguments (a file, a filter, --project) it is plain `vitest run` with them.

import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { availableParallelism, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline'

const ROOT = resolve(import.meta.dirname, '..')
const VITEST = join(ROOT, 'node_modules/vitest/vitest.mjs')

interface Group {
  name: string
  projects: string[]
  /** Test files at a time. */
  workers: number
}

const GROUPS: Group[] = [
  { name: 'unit and server', projects: ['unit', 'server'], workers: Math.max(1, availableParallelism() - 1) },
  { name: 'end-to-end', projects: ['e2e'], workers: 1 },
]

/** The counts of vitest's JSON report that this run sums. */
interface Report {
  numPassedTests: number
  numFailedTests: number
  numPendingTests: number
  numTodoTests: number
}

interface Outcome {
  group: Group
  code: number | null
  seconds: number
  report: Report | null
}

function runVitest(args: string[], stdio: 'inherit' | 'pipe') {
  return spawn(process.execPath, [VITEST, 'run', ...args], {
    cwd: ROOT,
    stdio: ['ignore', stdio, stdio],
    // Piped output keeps its colours when the run itself writes to a terminal.
    env: stdio === 'pipe' && process.stdout.isTTY ? { ...process.env, FORCE_COLOR: '1' } : process.env,
  })
}

/** Copies a child's output a whole line at a time, so that the two runs' lines never mix. */
function forward(from: NodeJS.ReadableStream, to: NodeJS.WritableStream) {
  createInterface({ input: from, crlfDelay: Infinity }).on('line', (line) => to.write(`${line}\n`))
}

function runGroup(group: Group, reportFile: string): Promise<Outcome> {
  const started = Date.now()
  const child = runVitest([
    ...group.projects.flatMap((project) => ['--project', project]),
    `--maxWorkers=${group.workers}`,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${reportFile}`,
  ], 'pipe')
  forward(child.stdout!, process.stdout)
  forward(child.stderr!, process.stderr)
  return new Promise((done) => {
    child.on('close', (code) => {
      let report: Report | null = null
      try {
        report = JSON.parse(readFileSync(reportFile, 'utf8')) as Report
      }
      catch {
        // No report: the process died before writing one, which the summary says.
      }
      done({ group, code, seconds: (Date.now() - started) / 1000, report })
    })
  })
}

async function main(): Promise<number> {
  const args = process.argv.slice(2)
  if (args.length > 0) {
    const child = runVitest(args, 'inherit')
    return new Promise((done) => child.on('close', (code) => done(code ?? 1)))
  }
  const started = Date.now()
  const reports = mkdtempSync(join(tmpdir(), 'chorus-test-reports-'))
  try {
    const outcomes = await Promise.all(GROUPS.map((group, i) => runGroup(group, join(reports, `${i}.json`))))
    const sum = (count: (report: Report) => number) => outcomes.reduce((total, { report }) => total + (report ? count(report) : 0), 0)
    const timings = outcomes.map(({ group, seconds }) => `${group.name} ${Math.round(seconds)} s`).join(', ')
    console.log(`\ntests: ${sum((r) => r.numPassedTests)} passed, ${sum((r) => r.numFailedTests)} failed, `
      + `${sum((r) => r.numPendingTests + r.numTodoTests)} skipped (${timings}; ${Math.round((Date.now() - started) / 1000)} s in all)`)
    for (const { group, code, report } of outcomes) {
      if (!report) console.log(`tests: the ${group.name} run ended (exit ${code}) without a report`)
      // A file that fails to load, or an error between tests, fails the run with no test failed.
      else if (code !== 0 && report.numFailedTests === 0) console.log(`tests: the ${group.name} run failed (exit ${code}): see its errors above`)
    }
    return outcomes.every(({ code, report }) => code === 0 && report) ? 0 : 1
  }
  finally {
    rmSync(reports, { recursive: true, force: true })
  }
}

process.exitCode = await main()
