const DEFAULT_FROM = "Central Admin <no-reply@central-admin.invalid>";

/** MAIL_FROM, e.g. `Acme IT <it@acme.example>`; refused if it could inject a header. */
export function mailFrom(): string {
  const from = process.env.MAIL_FROM?.trim() || DEFAULT_FROM;
  if (/[\r\n\0]/.test(from) || !/@[^\s>]+/.test(from)) throw new Error("MAIL_FROM must be one address, e.g. `Acme IT <it@acme.example>`.");
  return from;
}

/** The domain part of the from-address, used to build Message-IDs. */
export function mailDomain(): string {
  return /@([^\s>]+)/.exec(mailFrom())?.[1] ?? "central-admin.invalid";
}

