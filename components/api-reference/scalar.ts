// Scalar's API reference, configured for this app: served from here (public/vendor/scalar, copied
// from the package by scripts/vendor-scalar.mjs), nothing fetched from anywhere else (no default
// fonts, no telemetry, no proxy, no "test request" client, no AI agent, no MCP or SDK prompts), and
// no eval, so it runs under the app's Content-Security-Policy unchanged (decision 0032).
import type { createApiReference } from "@scalar/api-reference";

const BUNDLE = "/vendor/scalar/standalone.esm.js";

type Mode = "dark" | "light";

export interface MountedReference {
  setDark: (dark: boolean) => void;
  destroy: () => void;
}

/**
 * Scalar validates its configuration with zod, which first tries `new Function` to compile faster
 * parsers: the CSP refuses it and reports a violation. Jitless mode skips the attempt. The setting
 * lives on globalThis, shared by every copy of zod 4 on the page, and must be there before the first parse.
 */
function zodWithoutEval() {
  const scope = globalThis as { __zod_globalConfig?: { jitless?: boolean } };
  (scope.__zod_globalConfig ??= {}).jitless = true;
}

/** Loads Scalar (a native import: the bundler leaves it alone) and renders the document at `url` in `element`. */
export async function mountScalar(element: HTMLElement, options: { url: string; dark: boolean }): Promise<MountedReference> {
  zodWithoutEval();
  const scalar = (await import(/* webpackIgnore: true */ /* turbopackIgnore: true */ BUNDLE)) as { createApiReference: typeof createApiReference };
  const mode = (dark: boolean): Mode => (dark ? "dark" : "light");
  const configuration = {
    url: options.url,
    forceDarkModeState: mode(options.dark),
    hideDarkModeToggle: true,
    withDefaultFonts: false,
    telemetry: false,
    hideClientButton: true,
    hideTestRequestButton: true,
    showDeveloperTools: "never" as const,
    documentDownloadType: "none" as const,
    mcp: { disabled: true },
    agent: { disabled: true },
    defaultOpenAllTags: true,
  };
  const app = scalar.createApiReference(element, configuration);
  return {
    setDark: (dark) => app.updateConfiguration({ ...configuration, forceDarkModeState: mode(dark) }),
    destroy: () => app.destroy(),
  };
}
