import { h } from 'vue'

/**
 * A table column's header that only screen readers read, for a column of buttons or icons. An
 * empty header left the column unnamed to them, and rendered an empty fragment on the server
 * that hydration did not recognise.
 */
export function hiddenHeader(label: string) {
  return () => h('span', { class: 'sr-only' }, label)
}
