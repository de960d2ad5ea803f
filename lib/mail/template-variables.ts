// Which templates there are and the variables each may use, without the parser or the shipped texts:
// the template editor shows them in the browser, where lib/mail/templates would bring liquidjs and every language's emails.

export const TEMPLATE_KINDS = ["welcome", "transferInvitation", "productChange", "importRefused", "passwordReset", "passwordChanged", "twoStepReset"] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];

/** The only variables each kind may use: templates are data, never code. */
export const TEMPLATE_VARIABLES = {
  welcome: ["firstName", "accountName", "inviterName", "invitationUrl", "expiresAt"],
  transferInvitation: ["firstName", "accountName", "inviterName", "invitationUrl", "expiresAt"],
  productChange: ["firstName", "accountName", "inviterName", "productNames"],
  importRefused: ["firstName", "accountName", "inviterName", "fileName", "refusedRows", "importUrl"],
  passwordReset: ["firstName", "accountName", "resetUrl", "expiresAt"],
  passwordChanged: ["firstName", "accountName", "signInUrl"],
  twoStepReset: ["firstName", "accountName", "inviterName"],
} as const satisfies Record<TemplateKind, readonly string[]>;

export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[TemplateKind][number];

/**
 * The link an email is about (an invitation's, a reset's, an import's, the sign-in page): a
 * paragraph that is only it becomes a button labelled in the email's language (layout.buttons in
 * emails/<locale>.json), with the URL under it for mail clients that don't show buttons.
 */
const BUTTON_LINKS = ["invitationUrl", "resetUrl", "importUrl", "signInUrl"] as const satisfies readonly TemplateVariable[];
export type ButtonLink = (typeof BUTTON_LINKS)[number];
export const buttonLinkOf = (kind: TemplateKind): ButtonLink | undefined =>
  BUTTON_LINKS.find((name) => (TEMPLATE_VARIABLES[kind] as readonly string[]).includes(name));

export interface TemplateSource {
  subject: string;
  body: string;
}
