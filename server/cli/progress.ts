// Progress for long CLI work: a self-rewriting line on a terminal, plain lines otherwise
// (so logs and CI output stay readable).
export function progressLine(label: string, stream: NodeJS.WriteStream = process.stderr) {
  let lastPlain = -1
  return {
    update(done: number, total: number, unit: string) {
      const percent = total > 0 ? Math.floor((done / total) * 100) : 100
      if (stream.isTTY) stream.write(`\r${label}: ${done}/${total} ${unit} (${percent}%)`)
      else if (percent >= lastPlain + 25) {
        stream.write(`${label}: ${percent}%\n`)
        lastPlain = percent
      }
    },
    done(message: string) {
      if (stream.isTTY) stream.write('\r\x1B[K')
      console.log(message)
    },
  }
}
