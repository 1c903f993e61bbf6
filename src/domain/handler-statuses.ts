/**
 * The error statuses each stateful handler may answer with itself, beyond what the pipeline
 * answers for every operation (400 validation, 401/403 tokens, 500). Read at start to warn about
 * a custom spec that redefines one of these operations without declaring them; kept beside the
 * handler map so a new handler adds its line (test/unit/handler-statuses.test.ts checks both
 * list the same operations, and that the bundled specs declare every status).
 */
export const handlerStatuses: Readonly<Record<string, readonly number[]>> = {
  // Cursors from another list or order, or first with last.
  listUsers: [400],
  // `me` with an API key, another account's override; an unknown user.
  retrieveUser: [403, 404],
  // An API key without account_id, a taken username, an unknown file; another user or account;
  // an unknown user; a field locked until verification.
  updateUser: [400, 403, 404, 422],
  updateCurrentUser: [400, 403, 404, 422],
  // company_id missing, bad cursors; another account's company; an unknown company.
  listMembers: [400, 403, 404],
  // A member the caller may not see is not found, exactly like an unknown id.
  retrieveMember: [404],
  // Another user or another account's resource; an unknown user or resource.
  checkUserAccess: [403, 404],
};
