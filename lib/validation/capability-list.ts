// The capabilities alone, for the switches: importing lib/validation/capabilities would bring zod to the browser.

/** The three remote-support capabilities, in the order the UI shows them. */
export const CAPABILITIES = ["unattendedAccess", "fileManagement", "remoteControl"] as const;
export type Capability = (typeof CAPABILITIES)[number];
export type Capabilities = Record<Capability, boolean>;
