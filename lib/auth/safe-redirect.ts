/** Only same-site paths, so a crafted link can't bounce a fresh session to another site. */
export function safeRedirect(target: string | null | undefined): string {
  return target && target.startsWith("/") && !target.startsWith("//") && !target.startsWith("/\\")
    ? target
    : "/";
}
