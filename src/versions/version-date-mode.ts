/**
 * How an Api-Version-Date header that no spec document lists is treated: `exact` (the default,
 * as the docs say) answers 400; `nearest` serves the newest version released on or before it.
 */
export const VERSION_DATE_MODES = ['exact', 'nearest'] as const;
export type VersionDateMode = (typeof VERSION_DATE_MODES)[number];
