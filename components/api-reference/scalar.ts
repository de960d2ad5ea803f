// Scalar's API reference, configured for this app: served from here, nothing fetched from anywhere
// else (no default fonts, no telemetry, no proxy, no "test request" client, no AI agent), and no
// eval, so it runs under the app's Content-Security-Policy unchanged (decision 0032).
import { createApiReference } from "@scalar/api-reference";
import "@scalar/api-reference/style.css";

export function mountScalar(element: HTMLElement, options: { url: string; dark: boolean }) {
  const mode = (dark: boolean) => (dark ? "dark" : "light") as "dark" | "light";
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
  const app = createApiReference(element, configuration);
  return {
    setDark: (dark: boolean) => app.updateConfiguration({ ...configuration, forceDarkModeState: mode(dark) }),
    destroy: () => app.destroy(),
  };
}
