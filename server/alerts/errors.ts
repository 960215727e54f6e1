// Every delivery failure, whatever the channel, ends as one error type whose message a person
// can act on ("refused the login", "answered HTTP 500") and whose kind a scheduler can branch on.

export type AlertChannel = 'email' | 'webhook'

export type DeliveryErrorKind =
  | 'disabled' | 'invalid' | 'timeout' | 'connection' | 'tls' | 'auth' | 'rejected' | 'status' | 'blocked_address' | 'network'

export class AlertDeliveryError extends Error {
  constructor(
    readonly channel: AlertChannel,
    readonly kind: DeliveryErrorKind,
    message: string,
    readonly details: { status?: number, response?: string } = {},
  ) {
    super(message)
    this.name = 'AlertDeliveryError'
  }
}
