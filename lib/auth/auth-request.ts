import { AsyncLocalStorage } from "node:async_hooks";

// On globalThis, as the logger's context is: a module loaded twice (two server bundles) must still
// find the request the route put in reach.
const globalForAuth = globalThis as unknown as { factoryAuthRequest?: AsyncLocalStorage<Request> };
const current = (globalForAuth.factoryAuthRequest ??= new AsyncLocalStorage<Request>());

/**
 * Runs next-auth's route handler with the request it answers in reach of its callbacks and logger
 * (app/api/auth/[...nextauth]/route.ts), which next-auth does not hand them: Sign in with Xero
 * records the client address on the session and in the audit, and audits failures of its callback.
 */
export function answeringAuthRequest<T>(request: Request, handle: () => Promise<T>): Promise<T> {
  return current.run(request, handle);
}

/** The request next-auth's route handler is answering, if this runs inside one. */
export function authRequest(): Request | undefined {
  return current.getStore();
}
