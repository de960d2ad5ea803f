// Scalar's API reference, configured for this app: served from here (public/vendor/scalar, copied
// from the package by scripts/vendor-scalar.mjs), nothing fetched from anywhere else (no default
// fonts, no telemetry, no proxy, no "test request" client, no AI agent, no MCP or SDK prompts), and
// no eval, so it runs under the app's Content-Security-Policy unchanged (decision 0032).
import type { createApiReference } from "@scalar/api-reference";

const BUNDLE = "/vendor/scalar/standalone.esm.js";

type Mode = "dark" | "light";

/**
 * Scalar's greys and HTTP method colours on the app's palette (decision 0023): its own fail axe's
 * contrast check (#8e8e8e on white, a yellow PATCH at 1.7:1…). The app's colours are light-dark()
 * pairs, resolved by the color-scheme Scalar sets from the mode we force.
 */
const PALETTE = `.scalar-app {
  --scalar-color-3: var(--color-slate-600);
  --scalar-color-green: var(--color-green-700);
  --scalar-color-red: var(--color-red-700);
  --scalar-color-yellow: var(--color-amber-700);
  --scalar-color-orange: var(--color-amber-800);
  --scalar-color-blue: var(--color-blue-700);
  --scalar-color-alert: var(--color-amber-800);
  --scalar-color-danger: var(--color-red-700);
  --scalar-sidebar-search-color: var(--color-slate-600);
  --scalar-code-language-color-supersede: var(--color-slate-600);
}`;

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
    customCss: PALETTE,
  };
  const app = scalar.createApiReference(element, configuration);
  return {
    // Scalar applies forceDarkModeState when it mounts only; its modes are these classes on <body>.
    setDark: (dark) => {
      document.body.classList.toggle("dark-mode", dark);
      document.body.classList.toggle("light-mode", !dark);
    },
    // Leaving the page (client navigation) keeps <body>: its mode classes would pin its color-scheme.
    destroy: () => {
      app.destroy();
      document.body.classList.remove("dark-mode", "light-mode");
    },
  };
}
