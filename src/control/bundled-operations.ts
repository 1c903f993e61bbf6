// Generated from specs/ by scripts/operation-names.mjs (npm run gen:operations): do not edit.
// test/unit/bundled-operations.test.ts fails when it no longer matches the specs.

/** Each operationId of the bundled specs -> the statuses it declares in any version (0: a range or default, so any). */
export const bundledOperations = {
  checkUserAccess: [200, 400, 401, 403, 404, 500],
  listMembers: [200, 400, 401, 403, 404, 500],
  listUsers: [200, 400, 401, 403, 404, 500],
  retrieveMember: [200, 400, 401, 403, 404, 500],
  retrieveUser: [200, 400, 401, 403, 404, 500],
  updateCurrentUser: [200, 400, 401, 403, 404, 422, 500],
  updateUser: [200, 400, 401, 403, 404, 422, 500],
} as const;

export type BundledOperationId = keyof typeof bundledOperations;

/** The statuses an operation declares: what a fault rule naming it may answer (`number` where the spec allows a range). */
export type DeclaredStatus<Id extends BundledOperationId> = (typeof bundledOperations)[Id][number] extends infer S ? (0 extends S ? number : S) : never;
