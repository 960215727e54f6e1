import type { Role } from '~~/shared/roles'
import { ANY_ROLE } from '~~/shared/roles'
import { useSessionStore } from '~~/stores/session'

export interface Area {
  /** i18n key under nav.* */
  key: string
  to: string
  icon: string
  roles: readonly Role[]
  group: 'workspace' | 'admin' | 'personal'
}

// Every area of the app and the roles it serves: the navigation shows these, and the route
// guard refuses the rest. The server enforces the same roles on every procedure.
export const AREAS: readonly Area[] = [
  { key: 'home', to: '/', icon: 'i-lucide-house', roles: ANY_ROLE, group: 'workspace' },
  { key: 'overview', to: '/overview', icon: 'i-lucide-chart-line', roles: ANY_ROLE, group: 'workspace' },
  { key: 'conversations', to: '/conversations', icon: 'i-lucide-messages-square', roles: ANY_ROLE, group: 'workspace' },
  { key: 'influencers', to: '/influencers', icon: 'i-lucide-waypoints', roles: ANY_ROLE, group: 'workspace' },
  { key: 'calendar', to: '/calendar', icon: 'i-lucide-calendar-days', roles: ANY_ROLE, group: 'workspace' },
  { key: 'digest', to: '/digest', icon: 'i-lucide-newspaper', roles: ANY_ROLE, group: 'workspace' },
  { key: 'sources', to: '/sources', icon: 'i-lucide-radio-tower', roles: ['admin', 'analyst'], group: 'workspace' },
  { key: 'topics', to: '/topics', icon: 'i-lucide-tags', roles: ANY_ROLE, group: 'workspace' },
  { key: 'users', to: '/admin/users', icon: 'i-lucide-users', roles: ['admin'], group: 'admin' },
  { key: 'audit', to: '/admin/audit', icon: 'i-lucide-scroll-text', roles: ['admin'], group: 'admin' },
  { key: 'account', to: '/account', icon: 'i-lucide-user-cog', roles: ANY_ROLE, group: 'personal' },
]

/** The area a path belongs to: the longest matching prefix. */
export function areaFor(path: string): Area | undefined {
  return AREAS
    .filter((area) => path === area.to || (area.to !== '/' && path.startsWith(`${area.to}/`)))
    .sort((a, b) => b.to.length - a.to.length)[0]
}

export function useAreas() {
  const session = useSessionStore()
  return computed(() => AREAS.filter((area) => session.can(area.roles)))
}
