// The soak's hostile upstream (scripts/support/hostile-upstream.mjs, shared with the proxy's
// tests) with the soak's bomb sizes, and what the proxy must answer for each user id it serves.
import { startHostileUpstream } from '../support/hostile-upstream.mjs';

/** Id -> what the proxy answers the client: a status, and the error code or the header it must carry. */
export const HOSTILE_ANSWERS = {
  user_fine: { status: 200 },
  user_snowman: { status: 200, violation: '%E2%98%83' },
  user_crlf: { status: 200, violation: 'x%0D%0Ay' },
  user_oddheader: { status: 200 },
  user_gzipbomb: { status: 502, code: 'upstream_too_large' },
  user_deflatebomb: { status: 502, code: 'upstream_too_large' },
  user_brbomb: { status: 502, code: 'upstream_too_large' },
  user_deep: { status: 200, violation: '--max-json-depth' },
  user_600: { status: 502, code: 'upstream_invalid_response' },
  user_999: { status: 502, code: 'upstream_invalid_response' },
  user_101: { status: 502, code: 'upstream_invalid_response' },
};

/** The soak's upstream: gzip 1,000 MiB of zeros in about 1 MB, deflate and br 256 MiB (built in about 4 s). */
export const startSoakUpstream = () => startHostileUpstream({ bombMiB: 256, gzipMiB: 1000, slowMs: 5000 });
