/** Shared by the server and the browser, so it lives apart from the hashing code. */
export const PASSWORD_MIN_LENGTH = 10;
