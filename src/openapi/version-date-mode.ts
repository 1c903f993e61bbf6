/** An unlisted Api-Version-Date: `exact` (default, as the docs say) 400; `nearest` the version before it. */
export const VERSION_DATE_MODES = ['exact', 'nearest'] as const;
export type VersionDateMode = (typeof VERSION_DATE_MODES)[number];
