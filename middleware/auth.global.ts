import { useSessionStore } from '~~/stores/session'
import { areaFor } from '~~/composables/useAreas'

// Every page but the public ones needs a session, and each area serves only the roles
// listed in composables/useAreas.ts: anyone else gets a 403.
export default defineNuxtRouteMiddleware(async (to) => {
  const session = useSessionStore()
  if (!session.loaded || (import.meta.client && !session.user && !to.meta.public)) await session.load()
  if (to.meta.public) {
    if (session.user && to.path === '/login') return navigateTo('/')
    return
  }
  if (!session.user) {
    return navigateTo({ path: '/login', query: to.fullPath === '/' ? {} : { next: to.fullPath } })
  }
  if (!session.can(areaFor(to.path)?.roles)) {
    return abortNavigation(createError({ statusCode: 403, statusMessage: 'Forbidden', fatal: false }))
  }
})
