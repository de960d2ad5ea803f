// No `server-only` marker: Playwright fixtures build invitation links through lib/invitations/tokens.ts.

/** The public address of the app, for links in emails and redirects (`APP_URL`, default http://localhost:$PORT). */
export function appUrl(): string {
  return (process.env.APP_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/+$/, "");
}
