import { ApiError } from './api-error.js';

/**
 * Every user-visible error message of the mock, in one place (stripe-mock keeps one catalogue
 * too). Call sites pick an entry; they never build messages or envelopes themselves.
 */
export const errors = {
  invalidJson: (detail: string) =>
    new ApiError({ status: 400, type: 'invalid_request_error', code: 'invalid_json', message: `The request body is not valid JSON: ${detail}` }),
  unsupportedMediaType: (contentType: string) =>
    new ApiError({ status: 400, type: 'invalid_request_error', code: 'parameter_invalid', param: 'Content-Type', message: `Request bodies must be application/json, got "${contentType}".` }),
  parameterMissing: (param: string) =>
    new ApiError({ status: 400, type: 'invalid_request_error', code: 'parameter_missing', param, message: `Missing required parameter: ${param}.` }),
  parameterInvalid: (param: string, reason: string) =>
    new ApiError({ status: 400, type: 'invalid_request_error', code: 'parameter_invalid', param, message: `Invalid parameter ${param}: ${reason}.` }),
  unknownParameter: (param: string) =>
    new ApiError({ status: 400, type: 'invalid_request_error', code: 'parameter_invalid', param, message: `Unknown parameter: ${param}. It is not part of this operation in the requested API version.` }),
  badVersion: (value: string, reason: string) =>
    new ApiError({ status: 400, type: 'invalid_request_error', code: 'invalid_api_version', param: 'Api-Version-Date', message: `Api-Version-Date "${value}" is not accepted: ${reason}.` }),
  unauthorized: (reason: string) =>
    new ApiError({ status: 401, type: 'unauthorized', code: 'unauthorized', message: reason }),
  missingScope: (scope: string) =>
    new ApiError({ status: 403, type: 'forbidden', code: 'missing_scope', param: scope, message: `This token is missing the required scope: ${scope}.` }),
  forbidden: (message: string, param: string | null = null) =>
    new ApiError({ status: 403, type: 'forbidden', code: 'forbidden', param, message }),
  notFound: (what: string, id: string, param: string | null = 'id') =>
    new ApiError({ status: 404, type: 'not_found', code: 'resource_not_found', param, message: `No ${what} found with id "${id}".` }),
  routeNotFound: (method: string, path: string) =>
    new ApiError({ status: 404, type: 'not_found', code: 'route_not_found', message: `No operation matches ${method} ${path}.` }),
  methodNotAllowed: (method: string, path: string, allowed: string[]) =>
    new ApiError({ status: 405, type: 'invalid_request_error', code: 'method_not_allowed', message: `${method} is not allowed on ${path}. Allowed: ${allowed.join(', ')}.`, headers: { allow: allowed.join(', ') } }),
  payloadTooLarge: (limit: number) =>
    new ApiError({ status: 413, type: 'invalid_request_error', code: 'payload_too_large', message: `The request body is larger than the ${limit} byte limit.` }),
  meNeedsUserToken: () =>
    new ApiError({ status: 403, type: 'forbidden', code: 'user_token_required', param: 'id', message: '"me" means the user a user OAuth token acts for; API keys have no user of their own. Use a user id or username.' }),
  ownProfileOnly: () =>
    new ApiError({ status: 403, type: 'forbidden', code: 'forbidden', param: 'id', message: 'A user token can only update its own profile.' }),
  otherAccount: (param: string, accountId: string) =>
    new ApiError({ status: 403, type: 'forbidden', code: 'forbidden', param, message: `This API key does not belong to account "${accountId}".` }),
  notOverridable: (param: string) =>
    new ApiError({ status: 400, type: 'invalid_request_error', code: 'parameter_invalid', param, message: `${param} is part of the global profile; an account override can only set name and profile_picture.` }),
  usernameTaken: (username: string) =>
    new ApiError({ status: 400, type: 'invalid_request_error', code: 'username_taken', param: 'username', message: `The username "${username}" is already taken.` }),
  unknownFile: (param: string, id: string) =>
    new ApiError({ status: 400, type: 'invalid_request_error', code: 'parameter_invalid', param, message: `No file found with id "${id}".` }),
  ownAccessOnly: () =>
    new ApiError({ status: 403, type: 'forbidden', code: 'forbidden', param: 'id', message: 'A user token can only check its own access.' }),
  resourceOfOtherAccount: (resourceId: string) =>
    new ApiError({ status: 403, type: 'forbidden', code: 'forbidden', param: 'resource_id', message: `The resource "${resourceId}" does not belong to this API key's account.` }),
  verificationRequired: (field: string) =>
    new ApiError({ status: 422, type: 'verification_required', code: 'verification_required', param: field, message: `Verification required: identity verification must be approved before ${field} can be changed.` }),
  contractViolation: (pointer: string, rule: string) =>
    new ApiError({ status: 500, type: 'mock_contract_violation', code: 'response_invalid', param: pointer, message: `The mock produced a response that violates the spec at ${pointer || '/'}: ${rule}.` }),
  internal: (message = 'An unexpected error occurred.') =>
    new ApiError({ status: 500, type: 'internal_server_error', code: 'internal_error', message }),
} as const;
