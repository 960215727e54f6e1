declare module '#app' {
  interface PageMeta {
    /** Open without a session (the login page). */
    public?: boolean
    /** Rendered without the navigation shell. */
    bare?: boolean
  }
}
export {}
