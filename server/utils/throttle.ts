import type { LoginThrottles } from '../auth/login'
import { ACCOUNT_THROTTLE, ADDRESS_THROTTLE, LoginThrottle } from '../auth/throttle'

// One pair per server process: failures are counted across all requests.
export const loginThrottles: LoginThrottles = {
  account: new LoginThrottle(ACCOUNT_THROTTLE),
  address: new LoginThrottle(ADDRESS_THROTTLE),
}
