// nuxt-auth-utils keeps only the account id in the sealed cookie; role and state are read
// from the database on every request.
declare module '#auth-utils' {
  interface User {
    id: number
  }
  interface UserSession {
    loggedInAt: number
  }
}
export {}
