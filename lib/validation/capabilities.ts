import { z } from "zod";

export { CAPABILITIES, type Capabilities, type Capability } from "@/lib/validation/capability-list";

/**
 * A switch: a boolean, or what a form posts — "on"/"true" when ticked; absent, "", "off" or
 * "false" when not. Anything else is invalid rather than silently false.
 */
const flag = z.preprocess((v) => {
  if (v === "on" || v === "true") return true;
  if (v === undefined || v === null || v === "" || v === "off" || v === "false") return false;
  return v;
}, z.boolean({ error: "validation.invalid" }));

export const capabilitiesSchema = z.object({
  id: z.uuid({ error: "validation.invalid" }),
  unattendedAccess: flag,
  fileManagement: flag,
  remoteControl: flag,
});
