import { TRPCClientError } from '@trpc/client'
import { defineStore } from 'pinia'
import type { Role } from '~~/shared/roles'

// The signed-in account as the UI knows it. The server re-checks the role on every call;
// this only decides what to show.
export const useSessionStore = defineStore('session', () => {
  const { $trpc } = useNuxtApp()
  const user = ref<Awaited<ReturnType<typeof $trpc.auth.me.query>> | null>(null)
  const loaded = ref(false)

  async function load() {
    try {
      user.value = await $trpc.auth.me.query()
    }
    catch (error) {
      if (!(error instanceof TRPCClientError) || error.data?.httpStatus !== 401) throw error
      user.value = null
    }
    loaded.value = true
  }

  async function signOut() {
    await $fetch('/api/auth/logout', { method: 'POST' })
    user.value = null
    await navigateTo('/login')
  }

  function can(roles: readonly Role[] | undefined): boolean {
    return !roles || (!!user.value && roles.includes(user.value.role))
  }

  return { user, loaded, load, signOut, can }
})
