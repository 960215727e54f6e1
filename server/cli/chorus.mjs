#!/usr/bin/env node
// The `chorus` command. The CLI shares its TypeScript with the server; tsx loads it directly.
import { register } from 'tsx/esm/api'

register()
await import('./main.ts')
